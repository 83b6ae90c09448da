//! The generator's contract as one check, shared by the contract property
//! test and the hostile-schema corpus: a schema is refused by the loader, or
//! it expands to a Rust file that parses, has no two items, fields,
//! variants or methods of one name, documents every public item, and holds
//! no schema prose rustdoc would run. Nothing panics on the way.

#![allow(dead_code, unreachable_pub, clippy::panic, clippy::unwrap_used)]

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use mpkit_codegen::{Settings, expand, format_tokens, parse_schema};
use serde_json::Value;

/// What is wrong with a generated file, if anything.
pub fn faults(file: &syn::File) -> Vec<String> {
    let mut faults = Vec::new();
    let mut items = HashSet::new();
    let mut methods: HashMap<String, HashSet<String>> = HashMap::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(s) => {
                if !items.insert(s.ident.to_string()) {
                    faults.push(format!("two items named {}", s.ident));
                }
                undocumented(&s.attrs, &s.vis, &s.ident.to_string(), &mut faults);
                let mut fields = HashSet::new();
                for field in &s.fields {
                    if let Some(ident) = &field.ident {
                        if !fields.insert(ident.to_string()) {
                            faults.push(format!("{}: two fields named {ident}", s.ident));
                        }
                        undocumented(
                            &field.attrs,
                            &field.vis,
                            &format!("{}.{ident}", s.ident),
                            &mut faults,
                        );
                    }
                }
            }
            syn::Item::Enum(e) => {
                if !items.insert(e.ident.to_string()) {
                    faults.push(format!("two items named {}", e.ident));
                }
                undocumented(&e.attrs, &e.vis, &e.ident.to_string(), &mut faults);
                let mut variants = HashSet::new();
                for variant in &e.variants {
                    if !variants.insert(variant.ident.to_string()) {
                        faults.push(format!("{}: two variants named {}", e.ident, variant.ident));
                    }
                    if !has_doc(&variant.attrs) {
                        faults.push(format!("{}::{} has no doc", e.ident, variant.ident));
                    }
                    doc_prose(&variant.attrs, &mut faults);
                }
            }
            syn::Item::Impl(block) if block.trait_.is_none() => {
                let owner = quote::ToTokens::to_token_stream(&block.self_ty).to_string();
                let names = methods.entry(owner.clone()).or_default();
                for member in &block.items {
                    if let syn::ImplItem::Fn(f) = member {
                        if !names.insert(f.sig.ident.to_string()) {
                            faults.push(format!("{owner}: two methods named {}", f.sig.ident));
                        }
                        undocumented(
                            &f.attrs,
                            &f.vis,
                            &format!("{owner}::{}", f.sig.ident),
                            &mut faults,
                        );
                    }
                }
            }
            _ => {}
        }
    }
    faults
}

fn has_doc(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("doc"))
}

/// A public item needs a doc (`missing_docs`), and its docs must not hold a
/// code block rustdoc would compile and run in the user's crate.
fn undocumented(
    attrs: &[syn::Attribute],
    vis: &syn::Visibility,
    what: &str,
    faults: &mut Vec<String>,
) {
    if matches!(vis, syn::Visibility::Public(_)) && !has_doc(attrs) {
        faults.push(format!("{what} has no doc"));
    }
    doc_prose(attrs, faults);
}

fn doc_prose(attrs: &[syn::Attribute], faults: &mut Vec<String>) {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .flat_map(|text| text.lines().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    if lines.iter().any(|line| line.contains('\r')) {
        faults.push("a doc holds a carriage return, which a doc comment may not".to_owned());
    }
    let (mut after_blank, mut in_fence) = (true, false);
    for line in &lines {
        let text = line.strip_prefix(' ').unwrap_or(line);
        let trimmed = text.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            if !in_fence {
                // An opening fence: rustdoc runs it unless it names a
                // language that is not Rust.
                let info = trimmed.trim_start_matches(['`', '~']).trim();
                if info.is_empty() || info.starts_with("rust") {
                    faults.push(format!("a doc opens a code block rustdoc runs: {line:?}"));
                }
            }
            in_fence = !in_fence;
        } else if !in_fence && after_blank && (text.starts_with("    ") || text.starts_with('\t')) {
            faults.push(format!(
                "a doc holds an indented code block (a doctest): {line:?}"
            ));
        }
        after_blank = text.trim().is_empty();
    }
}

/// Checks one schema against the contract.
pub fn check(document: &Value, settings: &Settings) -> Result<(), String> {
    let text = serde_json::to_string_pretty(document).unwrap();
    let loaded = catch_unwind(AssertUnwindSafe(|| {
        parse_schema(&text, Path::new("x.json"))
    }))
    .map_err(|_| "the loader panicked".to_owned())?;
    let Ok(loaded) = loaded else {
        return Ok(()); // refused: the other half of the contract
    };
    let tokens = catch_unwind(AssertUnwindSafe(|| expand(&loaded, "Api", settings)))
        .map_err(|_| "expansion panicked".to_owned())?
        .map_err(|problems| {
            format!("accepted by the loader, refused by expansion: {problems:?}")
        })?;
    let source =
        format_tokens(&tokens).map_err(|e| format!("the expansion does not parse: {e}"))?;
    let file =
        syn::parse_file(&source).map_err(|e| format!("the expansion does not parse: {e}"))?;
    let found = faults(&file);
    if found.is_empty() {
        Ok(())
    } else {
        Err(found.join("\n"))
    }
}
