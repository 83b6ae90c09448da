//! Printing the lowered API as Rust tokens: one module per kind of item.

mod api;
mod checks;
mod options;
mod profile;
mod schema;
mod types;

use proc_macro2::{Literal, TokenStream};
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
    let types = cx.api.types.iter().map(|def| types::emit(cx, def));
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
