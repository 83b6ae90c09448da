//! The options struct, its builder with one typed setter per option, and
//! `build()`, which checks every rule the schema states and reports them all.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::{Context, doc, gate_note, proof, ty, version};
use crate::lower::{OptionSpec, Repr, Rule, Ty, TypeDef, TypeId};
use crate::naming::ident;

pub(super) fn options_ident(cx: &Context<'_>) -> syn::Ident {
    format_ident!("{}Options", cx.name)
}

pub(super) fn builder_ident(cx: &Context<'_>) -> syn::Ident {
    format_ident!("{}OptionsBuilder", cx.name)
}

/// The options struct, its builder, and what they implement: one emitter
/// per item, in the order the user's docs list them.
pub(super) fn emit(cx: &Context<'_>) -> TokenStream {
    let value_traits = cx
        .api
        .value_traits
        .iter()
        .map(|(id, trait_name)| value_trait(cx, *id, trait_name));
    let options = options_struct(cx);
    let api_options = api_options_impl(cx);
    let serialize = serialize_impl(cx);
    let builder = builder(cx);
    quote! {
        #(#value_traits)*
        #options
        #api_options
        #serialize
        #builder
    }
}

/// Each option's field, as the options struct and the builder store it.
fn fields(cx: &Context<'_>) -> Vec<TokenStream> {
    cx.api
        .options
        .iter()
        .map(|option| {
            let ident = &option.ident;
            let option_ty = ty(cx, &option.ty);
            if option.required {
                quote!(#ident: #option_ty,)
            } else {
                quote!(#ident: ::std::option::Option<#option_ty>,)
            }
        })
        .collect()
}

/// `mut` for a writer that something is written through: with no options,
/// nothing is written between opening and closing.
fn mutable(cx: &Context<'_>) -> Option<TokenStream> {
    (!cx.api.options.is_empty()).then(|| quote!(mut))
}

/// The options struct, its getters, and its JSON forms.
fn options_struct(cx: &Context<'_>) -> TokenStream {
    let krate = cx.krate;
    let vis = cx.vis;
    let name = cx.name;
    let options = options_ident(cx);
    let builder = builder_ident(cx);
    let fields = fields(cx);
    let options_doc = format!(
        " Options of `{}`, checked by [`{builder}::build`].",
        cx.api.full_name
    );
    let getters = cx.api.options.iter().map(|option| getter(cx, option));
    let (text_capacity, text_writes) = text_writes(cx);
    let value_writes = value_writes(cx);
    let mutable = mutable(cx);
    quote! {
        #[doc = #options_doc]
        #[derive(Debug, Clone, PartialEq)]
        #vis struct #options {
            #(#fields)*
        }

        impl #options {
            #(#getters)*

            /// The options object exactly as the platform expects it: the
            /// options that were set, under the platform's names. Options left
            /// unset are left out, so the platform applies its defaults.
            #[must_use]
            pub fn to_json(&self) -> #krate::__private::serde_json::Value {
                let #mutable map = #krate::__private::serde_json::Map::new();
                #(#value_writes)*
                #krate::__private::serde_json::Value::Object(map)
            }

            /// The options object as JSON text, exactly what
            /// `serde_json::to_string` gives, written without re-escaping
            /// the member names and enum values the schema fixes.
            #[must_use]
            pub fn to_json_string(&self) -> ::std::string::String {
                let mut out = ::std::string::String::with_capacity(#text_capacity);
                self.write_json(&mut out);
                out
            }

            /// [`Self::to_json_string`], appended to `out`: reusing one
            /// buffer across calls saves an allocation per call.
            pub fn write_json(&self, out: &mut ::std::string::String) {
                let #mutable text = #krate::__private::ObjectText::new(out);
                #(#text_writes)*
                text.finish();
            }

            /// Checks these options against a host's base library: the error
            /// names the API and every set option too new for it.
            ///
            /// # Errors
            /// `CallError::Unsupported` when anything is too new.
            pub fn check_host(&self, host: #krate::Version) -> ::std::result::Result<(), #krate::CallError> {
                #krate::check_support(
                    &<#name as #krate::MiniProgramApi>::INFO,
                    #krate::ApiOptions::requirements(self),
                    host,
                )
            }
        }
    }
}

/// `ApiOptions`: what `call` needs of the options, their version
/// requirements and their JSON text.
fn api_options_impl(cx: &Context<'_>) -> TokenStream {
    let krate = cx.krate;
    let options = options_ident(cx);
    let requirements: Vec<TokenStream> = cx
        .api
        .options
        .iter()
        .filter_map(|option| {
            let since = version(cx, option.since?);
            let ident = &option.ident;
            let item = format!("option `{}`", option.json);
            let set = if option.required {
                quote!(true)
            } else {
                quote!(self.#ident.is_some())
            };
            Some(quote! {
                if #set {
                    requirements.push(#krate::Requirement {
                        item: ::std::borrow::Cow::Borrowed(#item),
                        since: #since,
                    });
                }
            })
        })
        .collect();
    let requirements_body = if requirements.is_empty() {
        quote!(::std::vec::Vec::new())
    } else {
        quote! {
            let mut requirements = ::std::vec::Vec::new();
            #(#requirements)*
            requirements
        }
    };
    quote! {
        #[automatically_derived]
        impl #krate::ApiOptions for #options {
            fn requirements(&self) -> ::std::vec::Vec<#krate::Requirement> {
                #requirements_body
            }

            fn write_json(&self, out: &mut ::std::string::String) -> ::std::result::Result<(), #krate::__private::serde_json::Error> {
                #options::write_json(self, out);
                ::std::result::Result::Ok(())
            }
        }
    }
}

/// `Serialize` for the options, the set ones under the platform's names.
fn serialize_impl(cx: &Context<'_>) -> TokenStream {
    let krate = cx.krate;
    let options = options_ident(cx);
    let writes = cx.api.options.iter().map(|option| {
        let ident = &option.ident;
        let json = &option.json;
        if option.required {
            quote!(map.serialize_entry(#json, &self.#ident)?;)
        } else {
            quote!(_members::write_present(&mut map, #json, &self.#ident)?;)
        }
    });
    let mutable = mutable(cx);
    let members = cx
        .api
        .options
        .iter()
        .any(|option| !option.required)
        .then(|| quote!(use #krate::__private::members as _members;));
    let block = super::std_names(quote! {
        #members
        use #krate::__private::serde::{self as _serde, Serializer};
        use _serde::ser::SerializeMap as _;

        #[automatically_derived]
        impl _serde::Serialize for #options {
            fn serialize<S: Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let #mutable map = serializer.serialize_map(::std::option::Option::None)?;
                #(#writes)*
                map.end()
            }
        }
    });
    quote! {
        const _: () = { #block };
    }
}

/// The builder: a setter per optional option, and `build()`, which checks
/// every rule and reports every violation at once.
fn builder(cx: &Context<'_>) -> TokenStream {
    let krate = cx.krate;
    let vis = cx.vis;
    let full_name = &cx.api.full_name;
    let options = options_ident(cx);
    let builder = builder_ident(cx);
    let fields = fields(cx);
    let builder_doc = format!(
        " Builds [`{options}`]; start it with [`{}::options`].",
        cx.name
    );
    let idents: Vec<&syn::Ident> = cx.api.options.iter().map(|o| &o.ident).collect();
    let setters = cx
        .api
        .options
        .iter()
        .filter(|o| !o.required)
        .map(|option| setter(cx, option));
    let checks: Vec<TokenStream> = cx
        .api
        .options
        .iter()
        .filter_map(|option| rule_checks(cx, option))
        .collect();
    let build_body = if checks.is_empty() {
        quote!(::std::result::Result::Ok(#options { #(#idents: self.#idents,)* }))
    } else {
        quote! {
            let mut errors = #krate::BuildError::collect(#full_name);
            #(#checks)*
            errors.finish(#options { #(#idents: self.#idents,)* })
        }
    };
    quote! {
        #[doc = #builder_doc]
        #[derive(Debug, Clone)]
        #[must_use = "a builder does nothing until `build` is called"]
        #vis struct #builder {
            #(#fields)*
        }

        impl #builder {
            #(#setters)*

            /// Checks every rule the schema states and returns the options,
            /// or every violation at once.
            ///
            /// # Errors
            /// `BuildError` listing each violated rule.
            pub fn build(self) -> ::std::result::Result<#options, #krate::BuildError> {
                #build_body
            }
        }
    }
}

/// At most this many values are listed in the message of a value trait:
/// an enum may have thousands, and its docs list them all.
const LISTED_VALUES: usize = 12;

/// The trait an enum option's setter takes its value by. Only the enum
/// implements it; it exists for its message, which lists the values when
/// something else (a `&str`, another API's enum) is given.
fn value_trait(cx: &Context<'_>, id: TypeId, trait_name: &str) -> TokenStream {
    let Some(values) = enum_literals(cx, id) else {
        return quote!();
    };
    let vis = cx.vis;
    let enum_name = cx.api.type_name(id);
    let enum_ident = ident(enum_name);
    let trait_ident = ident(trait_name);
    let mut listed: Vec<String> = values
        .iter()
        .take(LISTED_VALUES)
        .map(|(variant, literal)| format!("`{enum_name}::{variant}` ({literal})"))
        .collect();
    if values.len() > LISTED_VALUES {
        listed.push(format!(
            "and {} more (see `{enum_name}`'s docs)",
            values.len() - LISTED_VALUES
        ));
    }
    // The attribute's texts are format strings: braces of values are literal.
    let braces = |text: String| text.replace('{', "{{").replace('}', "}}");
    let message = format!("this option takes a `{enum_name}`, not `{{Self}}`");
    let label = format!("expected a `{enum_name}`");
    let note = braces(format!("the values are {}", listed.join(", ")));
    let doc = format!(
        " What the setters of a [`{enum_name}`] option take: that enum alone. It exists for the compiler's message, which lists the values when something else is given."
    );
    quote! {
        #[doc = #doc]
        #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
        #vis trait #trait_ident {
            /// The value.
            fn into_value(self) -> #enum_ident;
        }

        #[automatically_derived]
        impl #trait_ident for #enum_ident {
            fn into_value(self) -> #enum_ident {
                self
            }
        }
    }
}

/// The statements of `write_json`, one member per option that is set, and
/// a capacity that fits them unless strings are long. Names and enum values
/// are escaped here, once, by `serde_json`; every write is infallible.
fn text_writes(cx: &Context<'_>) -> (usize, Vec<TokenStream>) {
    let krate = cx.krate;
    let mut capacity = 2;
    let writes = cx
        .api
        .options
        .iter()
        .map(|option| {
            let key = format!("{}:", Value::String(option.json.clone()));
            let (write, size) = match &option.ty {
                Ty::Bool => (quote!(text.raw(if *value { "true" } else { "false" });), 5),
                Ty::Named(id) => match enum_literals(cx, *id) {
                    Some(arms) => {
                        let size = arms
                            .iter()
                            .map(|(_, literal)| literal.len())
                            .max()
                            .unwrap_or(0);
                        let enum_ident = ident(cx.api.type_name(*id));
                        let arms = arms
                            .iter()
                            .map(|(variant, literal)| quote!(#enum_ident::#variant => #literal,));
                        (quote!(text.raw(match value { #(#arms)* });), size)
                    }
                    None => (unwritable(), 0),
                },
                Ty::String => (quote!(text.string(value);), 32),
                Ty::Int => (quote!(text.raw(&::std::string::ToString::to_string(value));), 20),
                // `serde_json` writes a float as its `Value` does (`null`
                // when not finite), and a `Value` cannot fail to print.
                Ty::Float => (
                    quote!(text.raw(&::std::string::ToString::to_string(&#krate::__private::serde_json::Value::from(*value)));),
                    24,
                ),
                Ty::Value => (quote!(text.raw(&::std::string::ToString::to_string(value));), 32),
                _ => (unwritable(), 0),
            };
            capacity += key.len() + size + 1;
            when_set(
                option,
                quote! {
                    text.key(#key);
                    #write
                },
            )
        })
        .collect();
    (capacity, writes)
}

/// The statements of `to_json`, one member per option that is set, each
/// built as a `serde_json::Value` directly.
fn value_writes(cx: &Context<'_>) -> Vec<TokenStream> {
    let krate = cx.krate;
    let json_value = quote!(#krate::__private::serde_json::Value);
    cx.api
        .options
        .iter()
        .map(|option| {
            let json = &option.json;
            let value = match &option.ty {
                Ty::Bool => quote!(#json_value::Bool(*value)),
                Ty::Int | Ty::Float => quote!(#json_value::from(*value)),
                Ty::String => quote!(#json_value::String(::std::clone::Clone::clone(value))),
                Ty::Value => quote!(::std::clone::Clone::clone(value)),
                // The enum's own `as_str`/`code` is its value as JSON.
                Ty::Named(id) => match cx.api.def(*id) {
                    Some(TypeDef::Enum {
                        repr: Repr::Text, ..
                    }) => quote!(#json_value::String(::std::string::String::from(value.as_str()))),
                    Some(TypeDef::Enum {
                        repr: Repr::Integer,
                        ..
                    }) => quote!(#json_value::from(value.code())),
                    _ => unwritable(),
                },
                _ => unwritable(),
            };
            when_set(
                option,
                quote!(map.insert(::std::string::String::from(#json), #value);),
            )
        })
        .collect()
}

/// `body` run with `value` bound to the option, when it is set.
fn when_set(option: &OptionSpec, body: TokenStream) -> TokenStream {
    let field = &option.ident;
    if option.required {
        quote! { { let value = &self.#field; #body } }
    } else {
        quote! {
            if let ::std::option::Option::Some(value) = &self.#field {
                #body
            }
        }
    }
}

/// For an option type lowering never gives (options are strings, booleans,
/// numbers, enums or JSON values): a compile error rather than a silent value.
fn unwritable() -> TokenStream {
    quote!(::std::compile_error!(
        "mpkit: an option of this type cannot be written as JSON; please report this bug"
    ))
}

/// Each variant of enum `id` with its JSON value, or `None` when `id` is
/// not an enum.
fn enum_values(cx: &Context<'_>, id: TypeId) -> Option<Vec<(syn::Ident, Value)>> {
    match cx.api.def(id)? {
        TypeDef::Enum { variants, .. } => Some(
            variants
                .iter()
                .map(|variant| (variant.ident.clone(), variant.value.clone()))
                .collect(),
        ),
        _ => None,
    }
}

/// Each variant of enum `id` with its value as JSON text, or `None` when
/// `id` is not an enum.
fn enum_literals(cx: &Context<'_>, id: TypeId) -> Option<Vec<(syn::Ident, String)>> {
    let values = enum_values(cx, id)?;
    Some(
        values
            .into_iter()
            .map(|(variant, value)| (variant, value.to_string()))
            .collect(),
    )
}

/// The parameters `options()` takes for the required options, and the
/// builder fields they fill.
pub(super) fn required_parameters(cx: &Context<'_>) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut parameters = Vec::new();
    let mut inits = Vec::new();
    for option in &cx.api.options {
        let ident = &option.ident;
        if option.required {
            let (parameter_ty, stored) = parameter(cx, option, quote!(#ident));
            parameters.push(quote!(#ident: #parameter_ty));
            inits.push(quote!(#ident: #stored,));
        } else {
            inits.push(quote!(#ident: ::std::option::Option::None,));
        }
    }
    (parameters, inits)
}

/// How a setter takes the value of `option`, and the expression storing `value`.
fn parameter(
    cx: &Context<'_>,
    option: &OptionSpec,
    value: TokenStream,
) -> (TokenStream, TokenStream) {
    if let Some(value_trait) = &option.value_trait {
        return (
            quote!(impl #value_trait),
            quote!(#value_trait::into_value(#value)),
        );
    }
    match &option.ty {
        Ty::String => (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(::std::convert::Into::into(#value)),
        ),
        Ty::Value => {
            let krate = cx.krate;
            (
                quote!(impl ::std::convert::Into<#krate::__private::serde_json::Value>),
                quote!(::std::convert::Into::into(#value)),
            )
        }
        // A number given as an integer too (`timeout(5000)`): every integer
        // type `f64` holds exactly converts.
        Ty::Float => (
            quote!(impl ::std::convert::Into<f64>),
            quote!(::std::convert::Into::into(#value)),
        ),
        other => (ty(cx, other), value),
    }
}

fn setter(cx: &Context<'_>, option: &OptionSpec) -> TokenStream {
    let ident = &option.ident;
    let lines = setter_doc(cx, option);
    let (parameter_ty, stored) = parameter(cx, option, quote!(value));
    match option.gate {
        None => quote! {
            #lines
            pub fn #ident(mut self, value: #parameter_ty) -> Self {
                self.#ident = ::std::option::Option::Some(#stored);
                self
            }
        },
        Some(gate) => {
            let proof = proof(cx, gate);
            let note = format!(" {}", gate_note(cx, "This option", "setting it", gate));
            quote! {
                #lines
                ///
                #[doc = #note]
                pub fn #ident(mut self, proof: #proof, value: #parameter_ty) -> Self {
                    let _ = proof;
                    self.#ident = ::std::option::Option::Some(#stored);
                    self
                }
            }
        }
    }
}

/// A setter's doc: the option's title, and a link to its getter, which
/// has the option's whole doc (a raw identifier keeps the whole doc here).
fn setter_doc(cx: &Context<'_>, option: &OptionSpec) -> TokenStream {
    let name = option.ident.to_string();
    if name.starts_with("r#") {
        return doc(&option.doc);
    }
    let link = format!(
        "Sets the option that [`{}::{name}`] reads; see there for the details.",
        options_ident(cx)
    );
    let lines: Vec<String> = match option.doc.first() {
        Some(title) => vec![title.clone(), String::new(), link],
        None => vec![link],
    };
    doc(&lines)
}

fn getter(cx: &Context<'_>, option: &OptionSpec) -> TokenStream {
    let ident = &option.ident;
    let lines = doc(&option.doc);
    let value_ty = ty(cx, &option.ty);
    if option.ty == Ty::Value {
        return if option.required {
            quote! { #lines #[must_use] pub fn #ident(&self) -> &#value_ty { &self.#ident } }
        } else {
            quote! { #lines #[must_use] pub fn #ident(&self) -> ::std::option::Option<&#value_ty> { self.#ident.as_ref() } }
        };
    }
    let copy = !matches!(option.ty, Ty::String);
    if option.required {
        return if copy {
            quote! { #lines #[must_use] pub fn #ident(&self) -> #value_ty { self.#ident } }
        } else {
            quote! { #lines #[must_use] pub fn #ident(&self) -> &str { &self.#ident } }
        };
    }
    match option
        .default
        .as_ref()
        .and_then(|d| default_literal(cx, option, d))
    {
        Some(default) if copy => quote! {
            #lines
            #[must_use]
            pub fn #ident(&self) -> #value_ty { self.#ident.unwrap_or(#default) }
        },
        Some(default) => quote! {
            #lines
            #[must_use]
            pub fn #ident(&self) -> &str { self.#ident.as_deref().unwrap_or(#default) }
        },
        None if copy => quote! {
            #lines
            #[must_use]
            pub fn #ident(&self) -> ::std::option::Option<#value_ty> { self.#ident }
        },
        None => quote! {
            #lines
            #[must_use]
            pub fn #ident(&self) -> ::std::option::Option<&str> { self.#ident.as_deref() }
        },
    }
}

/// The Rust expression of a default value.
fn default_literal(cx: &Context<'_>, option: &OptionSpec, default: &Value) -> Option<TokenStream> {
    match (&option.ty, default) {
        (Ty::Bool, Value::Bool(b)) => Some(quote!(#b)),
        (Ty::String, Value::String(s)) => Some(quote!(#s)),
        (Ty::Int, Value::Number(n)) => n.as_i64().map(|i| quote!(#i)),
        (Ty::Float, Value::Number(n)) => n.as_f64().map(|f| quote!(#f)),
        (Ty::Named(id), value) => match cx.api.def(*id)? {
            TypeDef::Enum { name, variants, .. } => {
                let variant = variants.iter().find(|v| &v.value == value)?;
                let enum_ident = ident(name);
                let variant = &variant.ident;
                Some(quote!(#enum_ident::#variant))
            }
            _ => None,
        },
        _ => None,
    }
}

/// The checks of one option's rules, in one block: the value is read, and
/// its length in characters counted, once.
fn rule_checks(cx: &Context<'_>, option: &OptionSpec) -> Option<TokenStream> {
    let krate = cx.krate;
    let ident = &option.ident;
    let json = &option.json;
    let checks = if let Some(schema) = &option.schema {
        let check = super::schema::check_value(krate, schema, &quote!(value));
        let push = quote! {
            errors.push(#krate::BuildError::invalid_field(#json, ::std::string::ToString::to_string(&violation)));
        };
        if !option.required {
            // One `if let` over the option and its verdict: nested, they
            // would be an `if` clippy asks to collapse.
            return Some(quote! {
                if let ::std::option::Option::Some(::std::result::Result::Err(violation)) =
                    self.#ident.as_ref().map(|value| #check)
                {
                    #push
                }
            });
        }
        quote! {
            if let ::std::result::Result::Err(violation) = #check {
                #push
            }
        }
    } else if option.rules.is_empty() {
        return finite_check(krate, option);
    } else {
        let is_length = |rule: &&Rule| matches!(rule, Rule::MinLength(_) | Rule::MaxLength(_));
        let test = |rule: &Rule| rule_test(krate, option, rule);
        let length_tests: Vec<TokenStream> =
            option.rules.iter().filter(is_length).map(test).collect();
        let mut other_tests: Vec<TokenStream> = option
            .rules
            .iter()
            .filter(|rule| !is_length(rule))
            .map(test)
            .collect();
        if option.ty == Ty::Float {
            other_tests.insert(
                0,
                quote! {
                    if !value.is_finite() {
                        errors.push(#krate::BuildError::invalid_field(#json, "must be a finite number, not NaN or an infinity"));
                    }
                },
            );
        }
        let length_checks = length_checks(&option.rules, &length_tests);
        quote!(#length_checks #(#other_tests)*)
    };
    Some(if option.required {
        quote! { { let value = &self.#ident; #checks } }
    } else {
        quote! { if let ::std::option::Option::Some(value) = &self.#ident { #checks } }
    })
}

/// A number option without rules is still checked for being finite: NaN
/// and infinities are no JSON numbers (they would be written as `null`).
fn finite_check(krate: &syn::Path, option: &OptionSpec) -> Option<TokenStream> {
    if option.ty != Ty::Float {
        return None;
    }
    let (ident, json) = (&option.ident, &option.json);
    let not_finite = if option.required {
        quote!(!self.#ident.is_finite())
    } else {
        quote!(self.#ident.is_some_and(|value| !value.is_finite()))
    };
    Some(quote! {
        if #not_finite {
            errors.push(#krate::BuildError::invalid_field(#json, "must be a finite number, not NaN or an infinity"));
        }
    })
}

/// The length tests, on `length` (the characters of `value`), counted only
/// when the byte length cannot decide them: n bytes of UTF-8 hold n/4 to n
/// characters. Nothing when there are no length rules.
fn length_checks(rules: &[Rule], length_tests: &[TokenStream]) -> Option<TokenStream> {
    if length_tests.is_empty() {
        return None;
    }
    let min = rules.iter().find_map(|rule| match rule {
        Rule::MinLength(min) => Some(*min as usize),
        _ => None,
    });
    let max = rules.iter().find_map(|rule| match rule {
        Rule::MaxLength(max) => Some(*max as usize),
        _ => None,
    });
    let at_least = min.map(|min| min.saturating_mul(4));
    let decided = match (at_least, max) {
        (Some(at_least), Some(max)) => quote!(value.len() >= #at_least && value.len() <= #max),
        (Some(at_least), None) => quote!(value.len() >= #at_least),
        (None, Some(max)) => quote!(value.len() <= #max),
        (None, None) => quote!(false),
    };
    Some(quote! {
        if !(#decided) {
            let length = value.chars().count();
            #(#length_tests)*
        }
    })
}

/// The test of one rule on `value` (or, for a length rule, on `length`),
/// pushing the violation onto `errors`.
fn rule_test(krate: &syn::Path, option: &OptionSpec, rule: &Rule) -> TokenStream {
    let json = &option.json;
    let invalid = |reason: TokenStream| quote!(errors.push(#krate::BuildError::invalid_field(#json, #reason)););
    match rule {
        Rule::MinLength(min) => {
            let min = *min as usize;
            let reason = format!("must be at least {min} {}, got {{length}}", characters(min));
            let push = invalid(quote!(::std::format!(#reason)));
            quote!(if length < #min { #push })
        }
        Rule::MaxLength(max) => {
            let max = *max as usize;
            let reason = format!("must be at most {max} {}, got {{length}}", characters(max));
            let push = invalid(quote!(::std::format!(#reason)));
            quote!(if length > #max { #push })
        }
        Rule::Pattern(pattern) => {
            let reason = format!("must match the pattern {pattern:?}");
            let name = quote::format_ident!("PATTERN");
            let pattern = crate::automaton::pattern_static(krate, &name, pattern).unwrap_or_else(
                || quote!(static #name: #krate::Pattern = #krate::Pattern::new(#pattern);),
            );
            let push = invalid(quote!(#reason));
            quote! {
                #pattern
                if !#name.is_match(value) { #push }
            }
        }
        Rule::Minimum(bound) | Rule::Maximum(bound) => {
            let below = matches!(rule, Rule::Minimum(_));
            let literal = match option.ty {
                Ty::Int => bound.as_i64().map(|i| quote!(#i)),
                _ => bound.as_f64().map(|f| quote!(#f)),
            };
            let Some(literal) = literal else {
                return quote!();
            };
            let (comparison, reason) = if below {
                (
                    quote!(*value < #literal),
                    format!("must be at least {bound}, got {{value}}"),
                )
            } else {
                (
                    quote!(*value > #literal),
                    format!("must be at most {bound}, got {{value}}"),
                )
            };
            let push = invalid(quote!(::std::format!(#reason)));
            quote!(if #comparison { #push })
        }
    }
}

/// "character" or "characters", as `count` needs.
fn characters(count: usize) -> &'static str {
    if count == 1 {
        "character"
    } else {
        "characters"
    }
}
