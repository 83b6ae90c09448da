//! The `#[mini_program(...)]` attribute: one parser per key, every problem
//! collected (duplicates included) and spanned at the offending key or value.

use mpkit_runtime::Version;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Path};

/// The keys the attribute accepts, for error messages.
pub(crate) const KEYS: &str = "`api`, `schema`, `min_version`, `context`, `crate`";

/// Where the schema comes from.
#[derive(Clone)]
pub(crate) enum Source {
    /// `api = "wechat/getUserInfo"`: a schema bundled with mpkit.
    Bundled(LitStr),
    /// `schema = "my-schemas/lark/login.json"`: a file of the user's crate.
    File(LitStr),
}

/// The parsed attribute.
#[derive(Clone)]
pub(crate) struct Attrs {
    pub source: Source,
    pub min_version: Option<(Version, Span)>,
    pub context: Option<LitStr>,
    pub krate: Option<Path>,
}

/// Collects errors so all of them are reported at once.
#[derive(Default)]
pub(crate) struct Errors(Option<syn::Error>);

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(errors) => errors.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub(crate) fn finish(self) -> Result<(), syn::Error> {
        self.0.map_or(Ok(()), Err)
    }
}

pub(crate) fn parse(attrs: &[Attribute], target: Span, errors: &mut Errors) -> Option<Attrs> {
    let mut api: Option<LitStr> = None;
    let mut schema: Option<LitStr> = None;
    let mut min_version: Option<(Version, Span)> = None;
    let mut context: Option<LitStr> = None;
    let mut krate: Option<Path> = None;
    let mut seen = false;
    let mut malformed = false;

    for attr in attrs.iter().filter(|a| a.path().is_ident("mini_program")) {
        seen = true;
        let result = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            match key.as_str() {
                "api" => set(&meta, &mut api, errors, string(&meta)?),
                "schema" => set(&meta, &mut schema, errors, string(&meta)?),
                "context" => set(&meta, &mut context, errors, string(&meta)?),
                "min_version" => min_version_value(&meta, &mut min_version, errors),
                "crate" => crate_value(&meta, &mut krate, errors),
                _ => unknown_key(&meta, &key, errors),
            }
        });
        if let Err(error) = result {
            malformed = true;
            errors.push(error);
        }
    }

    if !seen {
        errors.push(syn::Error::new(
            target,
            "#[derive(MiniProgramApi)] needs #[mini_program(api = \"wechat/getUserInfo\")] for a bundled schema, \
             or #[mini_program(schema = \"path/to/api.json\")] for your own",
        ));
        return None;
    }
    let source = source(api, schema, malformed, target, errors)?;
    Some(Attrs {
        source,
        min_version,
        context,
        krate,
    })
}

/// `min_version = "2.10.4"`: a version, or an error naming what is wrong.
fn min_version_value(
    meta: &ParseNestedMeta<'_>,
    slot: &mut Option<(Version, Span)>,
    errors: &mut Errors,
) -> syn::Result<()> {
    let text = string(meta)?;
    match Version::parse(&text.value()) {
        Ok(version) => set(meta, slot, errors, (version, text.span())),
        Err(error) => {
            errors.push(syn::Error::new(
                text.span(),
                format!("`min_version`: {error}"),
            ));
            Ok(())
        }
    }
}

/// `crate = "::mpkit"`: a path, or an error showing what was given.
fn crate_value(
    meta: &ParseNestedMeta<'_>,
    slot: &mut Option<Path>,
    errors: &mut Errors,
) -> syn::Result<()> {
    let text = string(meta)?;
    match text.parse::<Path>() {
        Ok(path) => set(meta, slot, errors, path),
        Err(_) => {
            errors.push(syn::Error::new(
                text.span(),
                format!(
                    "`crate` must be a path such as \"::mpkit\", not {:?}",
                    text.value()
                ),
            ));
            Ok(())
        }
    }
}

/// A key the attribute does not have: reported with the keys it has, its
/// value skipped so the other keys are still read.
fn unknown_key(meta: &ParseNestedMeta<'_>, key: &str, errors: &mut Errors) -> syn::Result<()> {
    let shown = if key.is_empty() {
        "this key".to_owned()
    } else {
        format!("`{key}`")
    };
    errors.push(meta.error(format!(
        "unknown key {shown} in #[mini_program(...)]; the keys are {KEYS}"
    )));
    if meta.input.peek(syn::Token![=]) {
        let _: syn::Expr = meta.value()?.parse()?;
    }
    Ok(())
}

/// Where the schema comes from: exactly one of `api` and `schema`.
fn source(
    api: Option<LitStr>,
    schema: Option<LitStr>,
    malformed: bool,
    target: Span,
    errors: &mut Errors,
) -> Option<Source> {
    match (api, schema) {
        (Some(api), None) => Some(Source::Bundled(api)),
        (None, Some(schema)) => Some(Source::File(schema)),
        (Some(api), Some(schema)) => {
            let message =
                "give either `api` (a bundled schema) or `schema` (your own file), not both";
            errors.push(syn::Error::new(api.span(), message));
            errors.push(syn::Error::new(schema.span(), message));
            None
        }
        // A malformed attribute was already reported; what follows it was not read.
        (None, None) if malformed => None,
        (None, None) => {
            errors.push(syn::Error::new(
                target,
                "#[mini_program(...)] needs `api = \"<platform>/<method>\"` (a bundled schema) or `schema = \"<path>.json\"` (your own file)",
            ));
            None
        }
    }
}

fn string(meta: &ParseNestedMeta<'_>) -> syn::Result<LitStr> {
    let key = meta
        .path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    let value = meta
        .value()
        .map_err(|_| meta.error(format!("`{key}` needs a value: `{key} = \"...\"`")))?;
    let expr: syn::Expr = value.parse()?;
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) => Ok(text),
        other => Err(syn::Error::new_spanned(
            other,
            format!("`{key}` takes a string literal: `{key} = \"...\"`"),
        )),
    }
}

fn set<T>(
    meta: &ParseNestedMeta<'_>,
    slot: &mut Option<T>,
    errors: &mut Errors,
    value: T,
) -> syn::Result<()> {
    if slot.is_some() {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        errors.push(meta.error(format!("duplicate key `{key}`; give it once")));
    } else {
        *slot = Some(value);
    }
    Ok(())
}
