//! The derive's whole logic, called by the `mpkit-derive` shim: read the
//! attribute, load the schema, lower it and emit the tokens.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, LitStr, Visibility};

use crate::attr::{self, Errors, Source};
use crate::bundled::{bundled_names, load_bundled, suggestion};
use crate::emit::{Context, emit};
use crate::load::{LoadError, LoadedSchema, load_schema};
use crate::lower::{Settings, lower};

/// Expands `#[derive(MiniProgramApi)]` on `input`; `credentials` says
/// whether the user's build has mpkit's `crypto` feature, and so
/// `verify` / `decrypt` on success types. Never panics: every problem
/// becomes a `compile_error!` at the place it is about.
#[must_use]
pub fn derive(input: TokenStream, credentials: bool) -> TokenStream {
    let input: DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    match expand_derive(&input, credentials) {
        Ok(tokens) => tokens,
        Err(error) => error.to_compile_error(),
    }
}

fn expand_derive(input: &DeriveInput, credentials: bool) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    check_shape(input, &mut errors);
    let attrs = attr::parse(&input.attrs, input.ident.span(), &mut errors);
    let Some(attrs) = attrs else {
        errors.finish()?;
        return Ok(quote!());
    };
    let (schema, include, span) = match &attrs.source {
        Source::Bundled(name) => (bundled(name), None, name.span()),
        Source::File(path) => {
            let (schema, file) = user_file(path);
            (schema, file, path.span())
        }
    };
    let schema = match schema {
        Ok(schema) => Some(schema),
        Err(error) => {
            errors.push(error);
            None
        }
    };
    errors.finish()?;
    let Some(schema) = schema else {
        return Ok(quote!());
    };
    let settings = Settings {
        min_version: attrs.min_version.map(|(v, _)| v),
        context: attrs.context.as_ref().map(LitStr::value),
        credentials,
    };
    let krate = attrs.krate.unwrap_or_else(|| syn::parse_quote!(::mpkit));
    let api = lower(&schema, &input.ident.to_string(), &settings).map_err(|problems| {
        let span = attrs.context.as_ref().map_or(span, LitStr::span);
        syn::Error::new(span, problems.join("\n"))
    })?;
    let generated = emit(&Context {
        api: &api,
        name: &input.ident,
        vis: &input.vis,
        krate: &krate,
    });
    // Reading the user's file through include_str! makes cargo rebuild, and
    // so re-expand the derive, whenever the file changes.
    let include = include.map(|file| {
        let file = file.display().to_string();
        quote!(
            const _: &str = ::std::include_str!(#file);
        )
    });
    Ok(quote! { #include #generated })
}

fn check_shape(input: &DeriveInput, errors: &mut Errors) {
    match &input.data {
        Data::Struct(data) if matches!(data.fields, Fields::Unit) || data.fields.is_empty() => {}
        Data::Struct(_) => errors.push(syn::Error::new(
            input.ident.span(),
            "#[derive(MiniProgramApi)] goes on a unit struct (`struct WxGetUserInfo;`): the API's types are generated next to it",
        )),
        Data::Enum(data) => errors.push(syn::Error::new(
            data.enum_token.span,
            "#[derive(MiniProgramApi)] goes on a unit struct, not an enum: write `struct WxGetUserInfo;`",
        )),
        Data::Union(data) => errors.push(syn::Error::new(
            data.union_token.span,
            "#[derive(MiniProgramApi)] goes on a unit struct, not a union",
        )),
    }
    if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
        errors.push(syn::Error::new_spanned(
            &input.generics,
            "#[derive(MiniProgramApi)] does not support generic parameters: one struct describes one API; remove them",
        ));
    }
}

fn bundled(name: &LitStr) -> syn::Result<LoadedSchema> {
    match load_bundled(&name.value()) {
        Some(Ok(schema)) => Ok(schema),
        Some(Err(error)) => Err(syn::Error::new(
            name.span(),
            format!("the bundled schema is broken (a bug in mpkit):\n{error}"),
        )),
        None => {
            let known: Vec<String> = bundled_names().into_iter().map(str::to_owned).collect();
            let wanted = name.value();
            let help = suggestion(&wanted).unwrap_or_default();
            Err(syn::Error::new(
                name.span(),
                format!(
                    "mpkit bundles no schema \"{wanted}\"; {help}the bundled APIs are: {}. For another API, write a schema file and use `schema = \"path.json\"`",
                    known.join(", ")
                ),
            ))
        }
    }
}

/// Loads a user schema, relative to the crate's manifest directory.
fn user_file(path: &LitStr) -> (syn::Result<LoadedSchema>, Option<PathBuf>) {
    let relative = path.value();
    let base = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let file = base.join(&relative);
    if file.is_dir() {
        // Paths relative to the crate read the same on every machine and
        // in every target directory.
        let message = format!(
            "`schema = \"{relative}\"` is a directory; name one schema file in it (the path is relative to the directory of the crate's Cargo.toml)"
        );
        return (Err(syn::Error::new(path.span(), message)), None);
    }
    match load_schema(&file) {
        Ok(schema) => (Ok(schema), Some(file)),
        Err(LoadError::Read { source, .. }) => {
            let message = format!(
                "cannot read schema file \"{relative}\": {source}; the path is relative to the directory of the crate's Cargo.toml"
            );
            (Err(syn::Error::new(path.span(), message)), None)
        }
        Err(error @ LoadError::Invalid { .. }) => {
            let shown = relativize(&error.to_string(), &base);
            (
                Err(syn::Error::new(
                    path.span(),
                    format!("the schema has problems:\n{shown}"),
                )),
                Some(file),
            )
        }
    }
}

/// Shows paths under the crate relative to it, so messages read the same on every machine.
fn relativize(message: &str, base: &Path) -> String {
    let prefix = format!("{}/", base.display());
    if base.as_os_str().is_empty() {
        message.to_owned()
    } else {
        message.replace(&prefix, "")
    }
}

/// The tokens generated for a loaded schema, with `name` as the user's
/// struct, as `mpkit expand` and the golden files show them.
///
/// # Errors
/// Why the schema cannot be generated (an unknown context, an unsupported construct).
pub fn expand(
    schema: &LoadedSchema,
    name: &str,
    settings: &Settings,
) -> Result<TokenStream, Vec<String>> {
    // A keyword (`self`, `fn`), `_` or anything else that is not a plain
    // identifier would make the generated items unparsable.
    let ident = match syn::parse_str::<syn::Ident>(name) {
        Ok(ident) if name != "_" => ident,
        _ => {
            return Err(vec![format!(
                "`{name}` is not a Rust identifier a type can be named (a keyword, `_` or other characters)"
            )]);
        }
    };
    let api = lower(schema, name, settings)?;
    let vis: Visibility = syn::parse_quote!(pub);
    let krate: syn::Path = syn::parse_quote!(::mpkit);
    let generated = emit(&Context {
        api: &api,
        name: &ident,
        vis: &vis,
        krate: &krate,
    });
    Ok(quote! {
        #[doc = " The API; see its `options` and `decode` methods."]
        pub struct #ident;
        #generated
    })
}

/// Formats generated tokens as Rust source (prettyplease).
///
/// # Errors
/// When the tokens are not a Rust file, which would be a bug in mpkit.
#[cfg(feature = "pretty")]
pub fn format_tokens(tokens: &TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(tokens.clone())?;
    Ok(prettyplease::unparse(&file))
}

/// The struct name mpkit uses for an API in expansions: `wx.getUserInfo` → `WxGetUserInfo`.
#[must_use]
pub fn default_type_name(full_name: &str) -> String {
    full_name.split('.').map(crate::naming::type_name).collect()
}
