//! The checks a generated decoder makes on a member's value, so that it
//! accepts exactly what a JSON Schema validator accepts for the member:
//! lengths, a pattern, bounds and `const`, and, for an object, an `anyOf` of
//! `required` lists. Each check is a statement on a local `value` that
//! returns a serde error naming the member.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use crate::lower::{Field, Rule, Ty};

/// Statements checking `value` (the member's decoded value, of the field's
/// plain type) against the field's rules and constant; empty when it has none.
pub(super) fn member_checks(krate: &syn::Path, field: &Field) -> TokenStream {
    let json = &field.json;
    let fail = |what: String| {
        let message = format!("`{json}` {what}");
        quote!(return ::std::result::Result::Err(_serde::de::Error::custom(#message));)
    };
    let mut checks: Vec<TokenStream> = field
        .rules
        .iter()
        .filter_map(|rule| rule_check(krate, rule, field.ty.non_null(), &fail))
        .collect();
    if let Ty::Nullable(inner) = &field.ty {
        // The rules hold for the value when it is not `null`.
        if checks.is_empty() {
            return quote!();
        }
        let unwrapped = if **inner == Ty::String {
            quote!(&value)
        } else {
            quote!(value)
        };
        return quote! {
            if let ::std::option::Option::Some(value) = #unwrapped {
                #(#checks)*
            }
        };
    }
    if let Some(schema) = &field.schema {
        let check = super::schema::check_value(krate, schema, &quote!(&value));
        checks.push(quote! {
            if let ::std::result::Result::Err(violation) = #check {
                return ::std::result::Result::Err(_serde::de::Error::custom(::std::format!("`{}` {}", #json, violation)));
            }
        });
    }
    if let Some(constant) = &field.constant {
        let stop = fail(format!("must be {constant}, as its schema's `const` says"));
        match (constant, &field.ty) {
            (Value::Bool(true), Ty::Bool) => checks.push(quote!(if !value { #stop })),
            (Value::Bool(false), Ty::Bool) => checks.push(quote!(if value { #stop })),
            _ => {
                if let Some(literal) = constant_literal(constant, &field.ty) {
                    checks.push(quote!(if value != #literal { #stop }));
                }
            }
        }
    }
    quote!(#(#checks)*)
}

fn rule_check(
    krate: &syn::Path,
    rule: &Rule,
    ty: &Ty,
    fail: &dyn Fn(String) -> TokenStream,
) -> Option<TokenStream> {
    Some(match (rule, ty) {
        (Rule::MinLength(min), Ty::String) => {
            let stop = fail(format!(
                "must be at least {min} {} long",
                if *min == 1 { "character" } else { "characters" }
            ));
            let min = Literal::u64_unsuffixed(*min);
            // Bytes bound characters from above: count only when they must.
            quote!(if (value.len() as u64) < #min || (value.chars().count() as u64) < #min { #stop })
        }
        (Rule::MaxLength(max), Ty::String) => {
            let stop = fail(format!(
                "must be at most {max} {} long",
                if *max == 1 { "character" } else { "characters" }
            ));
            let max = Literal::u64_unsuffixed(*max);
            quote!(if (value.len() as u64) > #max && (value.chars().count() as u64) > #max { #stop })
        }
        (Rule::Pattern(pattern), Ty::String) => {
            let stop = fail(format!("must match the pattern {pattern:?}"));
            let matches = inline_pattern(pattern).unwrap_or_else(|| {
                let name = format_ident!("PATTERN");
                let pattern = crate::automaton::pattern_static(krate, &name, pattern)
                    .unwrap_or_else(
                        || quote!(static #name: #krate::Pattern = #krate::Pattern::new(#pattern);),
                    );
                quote! {{
                    #pattern
                    #name.is_match(&value)
                }}
            });
            quote!(if !#matches { #stop })
        }
        (Rule::Minimum(min), Ty::Int | Ty::Float) | (Rule::Maximum(min), Ty::Int | Ty::Float) => {
            let below = matches!(rule, Rule::Minimum(_));
            let bound = match ty {
                Ty::Int => min.as_i64().map(|i| quote!(#i))?,
                _ => min.as_f64().map(|f| quote!(#f))?,
            };
            let (test, word) = if below {
                (quote!(value < #bound), "at least")
            } else {
                (quote!(value > #bound), "at most")
            };
            let stop = fail(format!("must be {word} {min}"));
            quote!(if #test { #stop })
        }
        _ => return None,
    })
}

/// The constant as a literal comparable with a value of `ty`.
fn constant_literal(constant: &Value, ty: &Ty) -> Option<TokenStream> {
    match (constant, ty) {
        (Value::String(text), Ty::String) => Some(quote!(#text)),
        (Value::Number(n), Ty::Int) => n.as_i64().map(|i| quote!(#i)),
        _ => None,
    }
}

/// A pattern of the form `^[CLASS]{n}$` (or `{m,n}`, `+`, `*`) over ASCII
/// letters, digits, `_` and ranges, as a check on bytes: what a signature's
/// `^[0-9a-f]{40}$` is, a hundred times cheaper than a regular expression
/// on every decode. `None` for anything else, which the runtime's `Pattern`
/// checks.
fn inline_pattern(pattern: &str) -> Option<TokenStream> {
    let body = pattern.strip_prefix("^[")?.strip_suffix('$')?;
    let (class, quantifier) = body.split_once(']')?;
    let ranges = class_ranges(class)?;
    let (min, max) = match quantifier {
        "" => (1, Some(1)),
        "+" => (1, None),
        "*" => (0, None),
        counted => {
            let counted = counted.strip_prefix('{')?.strip_suffix('}')?;
            match counted.split_once(',') {
                None => {
                    let n = counted.parse::<u64>().ok()?;
                    (n, Some(n))
                }
                Some((m, n)) => (m.parse::<u64>().ok()?, Some(n.parse::<u64>().ok()?)),
            }
        }
    };
    let arms = ranges.iter().map(|(low, high)| {
        let (low, high) = (
            Literal::byte_character(*low),
            Literal::byte_character(*high),
        );
        quote!(#low..=#high)
    });
    let min = Literal::u64_unsuffixed(min);
    let length = match max {
        Some(max) => {
            let max = Literal::u64_unsuffixed(max);
            quote!((#min..=#max).contains(&(value.len() as u64)))
        }
        None => quote!((value.len() as u64) >= #min),
    };
    // Every byte in the class means every character is ASCII, so the
    // length in bytes is the length in characters.
    Some(quote!((#length && value.bytes().all(|byte| matches!(byte, #(#arms)|*)))))
}

/// `0-9a-f_` as byte ranges; `None` for negation, escapes or anything
/// beyond ASCII letters, digits and `_`.
fn class_ranges(class: &str) -> Option<Vec<(u8, u8)>> {
    let bytes = class.as_bytes();
    let plain = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let low = *bytes.get(i).filter(|b| plain(**b))?;
        if bytes.get(i + 1) == Some(&b'-') {
            let high = *bytes.get(i + 2).filter(|b| plain(**b))?;
            if high < low {
                return None;
            }
            ranges.push((low, high));
            i += 3;
        } else {
            ranges.push((low, low));
            i += 1;
        }
    }
    (!ranges.is_empty()).then_some(ranges)
}

/// The check that one of an object's `anyOf` `required` lists is present
/// in full, over the decoder's member slots (`slot(json)` names the slot).
pub(super) fn alternatives_check(
    alternatives: &[Vec<String>],
    slot: &dyn Fn(&str) -> Option<syn::Ident>,
) -> TokenStream {
    if alternatives.is_empty() {
        return quote!();
    }
    // An empty list is always satisfied: then there is nothing to check.
    if alternatives.iter().any(Vec::is_empty) {
        return quote!();
    }
    let groups = alternatives.iter().map(|names| {
        let present = names
            .iter()
            .filter_map(|name| slot(name))
            .map(|s| quote!(#s.is_some()));
        let present: Vec<TokenStream> = present.collect();
        if present.len() == 1 {
            quote!(#(#present)*)
        } else {
            quote!((#(#present)&&*))
        }
    });
    let listed: Vec<String> = alternatives
        .iter()
        .map(|names| format!("({})", names.join(", ")))
        .collect();
    let message = format!("needs all members of one of {}", listed.join(" or "));
    quote! {
        if !(#(#groups)||*) {
            return ::std::result::Result::Err(_serde::de::Error::custom(#message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_classes_are_inlined_and_the_rest_is_not() {
        assert!(inline_pattern("^[0-9a-f]{40}$").is_some());
        assert!(inline_pattern("^[A-Za-z0-9_]+$").is_some());
        assert!(inline_pattern("^[a-z]{2,8}$").is_some());
        for other in [
            "^[^a-z]+$",
            "^[a-z]{40}",
            "[a-z]+",
            "^getUserInfo:ok$",
            "^[\\d]+$",
            "^[a-]+$",
            "^[z-a]$",
        ] {
            assert!(inline_pattern(other).is_none(), "{other}");
        }
    }
}
