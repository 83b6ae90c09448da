//! Printing the lowered API as Rust tokens: one module per kind of item.

mod api;
mod checks;
mod options;
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
    quote! {
        #api
        #options
        #(#types)*
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
        Ty::Named(name) => {
            let name = ident(name);
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

/// The proof type for `version`: `::mpkit::AtLeast<2, 10, 4>`.
pub(crate) fn proof(cx: &Context<'_>, version: mpkit_runtime::Version) -> TokenStream {
    let krate = cx.krate;
    let [major, minor, patch, _] = version.segments().map(Literal::u32_unsuffixed);
    quote!(#krate::AtLeast<#major, #minor, #patch>)
}

/// How a proof is obtained, for docs: `AtLeast::<2, 10, 4>::check(host_version)`.
pub(crate) fn proof_text(version: mpkit_runtime::Version) -> String {
    let [major, minor, patch, _] = version.segments();
    format!("AtLeast::<{major}, {minor}, {patch}>::check(host_version)")
}
