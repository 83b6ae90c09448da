//! Printing the lowered API as Rust tokens: one module per kind of item.

mod api;
mod checks;
mod options;
mod profile;
mod schema;
mod types;

use proc_macro2::{Literal, TokenStream, TokenTree};
use quote::quote;
use syn::{Path, Visibility};

use crate::lower::{Api, Ty};
use crate::naming::ident;

/// What every emitter needs besides the lowered API.
pub(crate) struct Context<'a> {
    pub api: &'a Api,
    /// The user's struct (`WxGetUserInfo`).
    pub name: &'a syn::Ident,
    pub vis: &'a Visibility,
    /// Where the runtime is (`::mpkit`).
    pub krate: &'a Path,
}

/// Every item generated for one API.
pub(crate) fn emit(cx: &Context<'_>) -> TokenStream {
    let types = cx.api.ids().map(|(id, def)| types::emit(cx, id, def));
    let options = options::emit(cx);
    let api = api::emit(cx);
    let profile = profile::emit(cx);
    quote! {
        #api
        #options
        #(#types)*
        #profile
    }
}

/// The body of a `const _: () = { ... };` block, its paths into `std`'s
/// `Option`, `Result` and `String` shortened (`Some(value)`, not
/// `::std::option::Option::Some(value)`) under `use` items for exactly the
/// names it then uses, so that none is unused. The block's own `use` items
/// shadow whatever the user's module calls these names.
pub(crate) fn std_names(body: TokenStream) -> TokenStream {
    let mut used = Vec::new();
    let body = shorten(body, &mut used);
    let imports = STD_NAMES.iter().filter_map(|(module, ty, variants)| {
        let ty_used = used.contains(&(*ty, None));
        let variants: Vec<&&str> = variants
            .iter()
            .filter(|variant| used.contains(&(*ty, Some(**variant))))
            .collect();
        let path = format!("::std::{module}::{ty}");
        let tree = match (ty_used, variants.as_slice()) {
            (false, []) => return None,
            (true, []) => path,
            (false, [variant]) => format!("{path}::{variant}"),
            (ty_used, variants) => {
                let names = ty_used
                    .then_some("self")
                    .into_iter()
                    .chain(variants.iter().map(|variant| **variant));
                format!("{path}::{{{}}}", names.collect::<Vec<_>>().join(", "))
            }
        };
        let tree: TokenStream = tree.parse().ok()?;
        Some(quote!(use #tree;))
    });
    let imports: Vec<TokenStream> = imports.collect();
    quote! { #(#imports)* #body }
}

/// The `std` names [`std_names`] shortens: module, type, its variants.
const STD_NAMES: &[(&str, &str, &[&str])] = &[
    ("option", "Option", &["None", "Some"]),
    ("result", "Result", &["Err", "Ok"]),
    ("string", "String", &[]),
];

/// `tokens` with `::std::option::Option` (and the other [`STD_NAMES`])
/// shortened, noting in `used` each name (type, variant) left short.
fn shorten(
    tokens: TokenStream,
    used: &mut Vec<(&'static str, Option<&'static str>)>,
) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    let mut i = 0;
    while i < trees.len() {
        if let Some((consumed, name)) = std_path(&trees[i..]) {
            let (ty, variant) = name;
            let short = variant.unwrap_or(ty);
            out.push(TokenTree::Ident(proc_macro2::Ident::new(
                short,
                trees[i].span(),
            )));
            if !used.contains(&name) {
                used.push(name);
            }
            i += consumed;
            continue;
        }
        out.push(match &trees[i] {
            TokenTree::Group(group) => {
                let mut shortened =
                    proc_macro2::Group::new(group.delimiter(), shorten(group.stream(), used));
                shortened.set_span(group.span());
                TokenTree::Group(shortened)
            }
            other => other.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
}

/// The `::std::module::Type` or `::std::module::Type::Variant` path that
/// `trees` start with: how many trees it takes, and its names.
fn std_path(trees: &[TokenTree]) -> Option<(usize, (&'static str, Option<&'static str>))> {
    let ident = |at: usize| match trees.get(at) {
        Some(TokenTree::Ident(ident)) => Some(ident.to_string()),
        _ => None,
    };
    let colons = |at: usize| {
        matches!(
            (trees.get(at), trees.get(at + 1)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                if a.as_char() == ':' && a.spacing() == proc_macro2::Spacing::Joint && b.as_char() == ':'
        )
    };
    if !(colons(0) && ident(2)? == "std" && colons(3) && colons(6)) {
        return None;
    }
    let (module, ty) = (ident(5)?, ident(8)?);
    let (_, ty, variants) = STD_NAMES
        .iter()
        .find(|(m, t, _)| *m == module && *t == ty)?;
    if colons(9) {
        if let Some(variant) = ident(11).and_then(|found| variants.iter().find(|v| **v == found)) {
            return Some((12, (ty, Some(variant))));
        }
    }
    Some((9, (ty, None)))
}

/// `#[doc = "..."]` lines; an empty list gives nothing.
pub(crate) fn doc(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #(#[doc = #lines])* }
}

/// The Rust type of `ty`.
pub(crate) fn ty(cx: &Context<'_>, ty: &Ty) -> TokenStream {
    let krate = cx.krate;
    match ty {
        Ty::String => quote!(::std::string::String),
        Ty::Bool => quote!(bool),
        Ty::Int => quote!(i64),
        Ty::Float => quote!(f64),
        Ty::Unit => quote!(()),
        Ty::Nullable(inner) => {
            let inner = self::ty(cx, inner);
            quote!(::std::option::Option<#inner>)
        }
        Ty::Value => quote!(#krate::__private::serde_json::Value),
        Ty::MapOf(values) => {
            let values = self::ty(cx, values);
            quote!(::std::collections::BTreeMap<::std::string::String, #values>)
        }
        Ty::Map => {
            quote!(#krate::__private::serde_json::Map<::std::string::String, #krate::__private::serde_json::Value>)
        }
        Ty::Named(id) => {
            let name = ident(cx.api.type_name(*id));
            quote!(#name)
        }
        Ty::List(item) => {
            let item = self::ty(cx, item);
            quote!(::std::vec::Vec<#item>)
        }
        Ty::NumberOrString(inner) => {
            let inner = self::ty(cx, inner);
            quote!(#krate::NumberOrString<#inner>)
        }
        Ty::Boxed(inner) => {
            let inner = self::ty(cx, inner);
            quote!(::std::boxed::Box<#inner>)
        }
        Ty::JsonText(content) => {
            let content = self::ty(cx, content);
            quote!(#krate::JsonText<#content>)
        }
    }
}

/// A `Version` constant expression.
pub(crate) fn version(cx: &Context<'_>, version: mpkit_runtime::Version) -> TokenStream {
    let krate = cx.krate;
    let [major, minor, patch, build] = version.segments().map(Literal::u32_unsuffixed);
    if build.to_string() == "0" {
        quote!(#krate::Version::new(#major, #minor, #patch))
    } else {
        quote!(#krate::Version::with_build(#major, #minor, #patch, #build))
    }
}

/// The type a proof of `version` is taken as, `impl ::mpkit::Proves<2, 10, 4>`:
/// a trait rather than `AtLeast<2, 10, 4>` itself, so that a wrong proof is
/// met by the trait's message (which says to `weaken()` a newer proof)
/// instead of a bare type mismatch.
pub(crate) fn proof(cx: &Context<'_>, version: mpkit_runtime::Version) -> TokenStream {
    let krate = cx.krate;
    let [major, minor, patch, _] = version.segments().map(Literal::u32_unsuffixed);
    quote!(impl #krate::Proves<#major, #minor, #patch>)
}

/// The doc line of a gated item: why it takes a proof, how to make one, and
/// how to do without (a `min_version` that covers it). `subject` is what
/// needs `gate` ("`wx.getUserProfile`", "This option"), `act` what takes
/// the proof ("calling it", "setting it").
pub(crate) fn gate_note(
    cx: &Context<'_>,
    subject: &str,
    act: &str,
    gate: mpkit_runtime::Version,
) -> String {
    let api = cx.api;
    let why = match (api.min_version, api.platform_floor) {
        (Some(declared), _) => format!("newer than the declared `min_version` {declared}"),
        (None, Some(floor)) => format!(
            "newer than the oldest base library {} hosts run ({floor}), and no `min_version` is declared",
            api.platform_name
        ),
        (None, None) => "and no `min_version` is declared".to_owned(),
    };
    let comma = if api.min_version.is_none() && api.platform_floor.is_none() {
        " "
    } else {
        ", "
    };
    let remedy = match api.min_version {
        Some(_) => format!("Raising `min_version` to {gate} or later removes the need."),
        None => format!(
            "When the app requires {gate} or later anyway, declare it (`min_version = \"{gate}\"` in `#[mini_program(...)]`) and no proof is needed."
        ),
    };
    format!(
        "{subject} needs base library {gate}{comma}{why}, so {act} takes proof that the host has it: `{}` (or, from a proof of a newer version, `proof.weaken()`). {remedy}",
        proof_text(gate)
    )
}

/// How a proof is obtained, for docs: `AtLeast::<2, 10, 4>::check(host_version)?`.
pub(crate) fn proof_text(version: mpkit_runtime::Version) -> String {
    let [major, minor, patch, _] = version.segments();
    format!("AtLeast::<{major}, {minor}, {patch}>::check(host_version)?")
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn std_names_imports_exactly_what_it_shortens() {
        let body = quote! {
            fn f(x: ::std::option::Option<u8>) -> ::std::result::Result<u8, ()> {
                x.ok_or(())
            }
            fn g() -> ::std::option::Option<u8> { ::std::option::Option::None }
        };
        let text = super::std_names(body).to_string().replace(' ', "");
        assert!(
            text.starts_with("use::std::option::Option::{self,None};use::std::result::Result;"),
            "{text}"
        );
        assert!(!text.contains("::std::option::Option<"), "{text}");
        assert!(!text.contains("Some") && !text.contains("String"), "{text}");
    }
}
