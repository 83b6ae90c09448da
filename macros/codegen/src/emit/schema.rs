//! A checked member's schema as `static` data of `mpkit_runtime::schema`,
//! and the check of the decoded value against it.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::{Number, Value};

use crate::checked::{CheckSpec, CheckedSchema, NodeId};
use crate::spec::JsonType;

/// An expression checking `value` (an expression of type
/// `&serde_json::Value`) against `schema`: a `Result<(), SchemaViolation>`. The schema's nodes and
/// patterns are `static`s in the expression's block, so they are built at
/// compile time; a pattern the derive cannot compile into an automaton is
/// compiled by the engine once, on first use.
pub(super) fn check_value(
    krate: &syn::Path,
    schema: &CheckedSchema,
    value: &TokenStream,
) -> TokenStream {
    let mut patterns = Vec::new();
    let nodes: Vec<TokenStream> = schema
        .nodes
        .iter()
        .enumerate()
        .map(|(id, checks)| {
            let name = node_name(id);
            let checks = checks.iter().map(|c| check(krate, c, &mut patterns));
            let checks: Vec<TokenStream> = checks.collect();
            quote!(static #name: #krate::schema::Schema = #krate::schema::Schema { checks: &[#(#checks),*] };)
        })
        .collect();
    // Compiled where the derive can (no regular-expression engine linked
    // for them), the run-time engine otherwise.
    let patterns = patterns.iter().enumerate().map(|(i, source)| {
        let name = format_ident!("PATTERN_{}", i);
        crate::automaton::pattern_static(krate, &name, source).unwrap_or_else(
            || quote!(static #name: #krate::Pattern = #krate::Pattern::new(#source);),
        )
    });
    let root = node_name(0);
    quote! {{
        #(#nodes)*
        #(#patterns)*
        #krate::schema::check(&#root, #value)
    }}
}

fn node_name(id: NodeId) -> syn::Ident {
    format_ident!("NODE_{}", id)
}

fn node_ref(id: NodeId) -> TokenStream {
    let name = node_name(id);
    quote!(&#name)
}

/// One check of a node, as a `Check` expression.
fn check(krate: &syn::Path, check: &CheckSpec, patterns: &mut Vec<String>) -> TokenStream {
    let s = quote!(#krate::schema);
    let mut w = Checks {
        s: s.clone(),
        patterns,
    };
    match check {
        CheckSpec::Never => quote!(#s::Check::Never),
        CheckSpec::Type(types) => {
            let kinds = types.iter().map(|t| kind(&s, *t));
            quote!(#s::Check::Type(&[#(#kinds),*]))
        }
        CheckSpec::Enum(values) => {
            let values = values.iter().map(|v| json(&s, v));
            quote!(#s::Check::Enum(&[#(#values),*]))
        }
        CheckSpec::Const(value) => {
            let value = json(&s, value);
            quote!(#s::Check::Const(#value))
        }
        CheckSpec::MultipleOf(n) => number_check(&s, "MultipleOf", n),
        CheckSpec::Minimum(n) => number_check(&s, "Minimum", n),
        CheckSpec::Maximum(n) => number_check(&s, "Maximum", n),
        CheckSpec::ExclusiveMinimum(n) => number_check(&s, "ExclusiveMinimum", n),
        CheckSpec::ExclusiveMaximum(n) => number_check(&s, "ExclusiveMaximum", n),
        CheckSpec::MinLength(n) => w.count("MinLength", *n),
        CheckSpec::MaxLength(n) => w.count("MaxLength", *n),
        CheckSpec::Pattern(source) => {
            let p = w.pattern(source);
            quote!(#s::Check::Pattern(#p))
        }
        CheckSpec::Items { prefix, rest } => {
            let (prefix, rest) = (ids(prefix), optional(rest));
            quote!(#s::Check::Items { prefix: #prefix, rest: #rest })
        }
        CheckSpec::Contains { schema, min, max } => w.contains(*schema, *min, *max),
        CheckSpec::MinItems(n) => w.count("MinItems", *n),
        CheckSpec::MaxItems(n) => w.count("MaxItems", *n),
        CheckSpec::UniqueItems => quote!(#s::Check::UniqueItems),
        CheckSpec::Members {
            named,
            patterns: by_pattern,
            additional,
        } => w.members(named, by_pattern, additional),
        CheckSpec::PropertyNames(id) => w.node("PropertyNames", *id),
        CheckSpec::MinProperties(n) => w.count("MinProperties", *n),
        CheckSpec::MaxProperties(n) => w.count("MaxProperties", *n),
        CheckSpec::Required(names) => quote!(#s::Check::Required(&[#(#names),*])),
        CheckSpec::DependentRequired(rules) => {
            let rules = rules
                .iter()
                .map(|(name, needed)| quote!((#name, &[#(#needed),*])));
            quote!(#s::Check::DependentRequired(&[#(#rules),*]))
        }
        CheckSpec::DependentSchemas(rules) => {
            let rules = rules.iter().map(|(name, id)| {
                let r = node_ref(*id);
                quote!((#name, #r))
            });
            quote!(#s::Check::DependentSchemas(&[#(#rules),*]))
        }
        CheckSpec::AllOf(list) => w.list("AllOf", list),
        CheckSpec::AnyOf(list) => w.list("AnyOf", list),
        CheckSpec::OneOf(list) => w.list("OneOf", list),
        CheckSpec::Not(id) => w.node("Not", *id),
        CheckSpec::If {
            condition,
            then,
            otherwise,
        } => {
            let condition = node_ref(*condition);
            let (then, otherwise) = (optional(then), optional(otherwise));
            quote!(#s::Check::If { condition: #condition, then: #then, otherwise: #otherwise })
        }
        CheckSpec::Ref(id) => w.node("Ref", *id),
        CheckSpec::UnevaluatedItems(id) => w.node("UnevaluatedItems", *id),
        CheckSpec::UnevaluatedProperties(id) => w.node("UnevaluatedProperties", *id),
    }
}

/// What writes one node's checks: the path of `mpkit_runtime::schema`, and
/// the patterns of the whole schema, each a `static` named by its index.
struct Checks<'a> {
    s: TokenStream,
    patterns: &'a mut Vec<String>,
}

impl Checks<'_> {
    /// A reference to the `static` of pattern `source`, added if new.
    fn pattern(&mut self, source: &str) -> TokenStream {
        let i = self
            .patterns
            .iter()
            .position(|p| p == source)
            .unwrap_or_else(|| {
                self.patterns.push(source.to_owned());
                self.patterns.len() - 1
            });
        let name = format_ident!("PATTERN_{}", i);
        quote!(&#name)
    }

    /// `Check::<variant>(n)` for a count.
    fn count(&self, variant: &str, n: u64) -> TokenStream {
        let (s, variant, n) = (
            &self.s,
            format_ident!("{}", variant),
            Literal::u64_unsuffixed(n),
        );
        quote!(#s::Check::#variant(#n))
    }

    /// `Check::<variant>(&NODE_n)` for a check of one node.
    fn node(&self, variant: &str, id: NodeId) -> TokenStream {
        let (s, variant, r) = (&self.s, format_ident!("{}", variant), node_ref(id));
        quote!(#s::Check::#variant(#r))
    }

    /// `Check::<variant>(&[&NODE_a, ...])` for a check of a list of nodes.
    fn list(&self, variant: &str, list: &[NodeId]) -> TokenStream {
        let (s, variant, l) = (&self.s, format_ident!("{}", variant), ids(list));
        quote!(#s::Check::#variant(#l))
    }

    fn contains(&self, schema: NodeId, min: u64, max: Option<u64>) -> TokenStream {
        let s = &self.s;
        let schema = node_ref(schema);
        let min = Literal::u64_unsuffixed(min);
        let max = match max {
            Some(max) => {
                let max = Literal::u64_unsuffixed(max);
                quote!(::std::option::Option::Some(#max))
            }
            None => quote!(::std::option::Option::None),
        };
        quote!(#s::Check::Contains { schema: #schema, min: #min, max: #max })
    }

    fn members(
        &mut self,
        named: &[(String, NodeId)],
        by_pattern: &[(String, NodeId)],
        additional: &Option<NodeId>,
    ) -> TokenStream {
        let named = named.iter().map(|(name, id)| {
            let r = node_ref(*id);
            quote!((#name, #r))
        });
        let by_pattern: Vec<TokenStream> = by_pattern
            .iter()
            .map(|(source, id)| {
                let p = self.pattern(source);
                let r = node_ref(*id);
                quote!((#p, #r))
            })
            .collect();
        let additional = optional(additional);
        let s = &self.s;
        quote!(#s::Check::Members { named: &[#(#named),*], patterns: &[#(#by_pattern),*], additional: #additional })
    }
}

/// `&[&NODE_a, ...]`.
fn ids(ids: &[NodeId]) -> TokenStream {
    let refs = ids.iter().map(|id| node_ref(*id));
    quote!(&[#(#refs),*])
}

/// `Some(&NODE_n)` or `None`.
fn optional(id: &Option<NodeId>) -> TokenStream {
    match id {
        Some(id) => {
            let r = node_ref(*id);
            quote!(::std::option::Option::Some(#r))
        }
        None => quote!(::std::option::Option::None),
    }
}

fn kind(s: &TokenStream, t: JsonType) -> TokenStream {
    match t {
        JsonType::Null => quote!(#s::Kind::Null),
        JsonType::Boolean => quote!(#s::Kind::Boolean),
        JsonType::Object => quote!(#s::Kind::Object),
        JsonType::Array => quote!(#s::Kind::Array),
        JsonType::Number => quote!(#s::Kind::Number),
        JsonType::Integer => quote!(#s::Kind::Integer),
        JsonType::String => quote!(#s::Kind::Str),
    }
}

fn number_check(s: &TokenStream, name: &str, n: &Number) -> TokenStream {
    let variant = format_ident!("{}", name);
    let value = number(s, n);
    quote!(#s::Check::#variant(#value))
}

fn number(s: &TokenStream, n: &Number) -> TokenStream {
    if let Some(i) = n.as_i64() {
        let i = Literal::i64_unsuffixed(i);
        quote!(#s::Json::Int(#i))
    } else if let Some(u) = n.as_u64() {
        let u = Literal::u64_unsuffixed(u);
        quote!(#s::Json::UInt(#u))
    } else {
        // serde_json holds only finite numbers.
        let f = n.as_f64().filter(|f| f.is_finite()).unwrap_or(0.0);
        let f = Literal::f64_suffixed(f);
        quote!(#s::Json::Float(#f))
    }
}

fn json(s: &TokenStream, value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(#s::Json::Null),
        Value::Bool(b) => quote!(#s::Json::Bool(#b)),
        Value::Number(n) => number(s, n),
        Value::String(text) => quote!(#s::Json::Str(#text)),
        Value::Array(items) => {
            let items = items.iter().map(|v| json(s, v));
            quote!(#s::Json::Array(&[#(#items),*]))
        }
        Value::Object(members) => {
            let members = members.iter().map(|(k, v)| {
                let v = json(s, v);
                quote!((#k, #v))
            });
            quote!(#s::Json::Object(&[#(#members),*]))
        }
    }
}
