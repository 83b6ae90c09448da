//! Quickstart: what mpkit knows about each bundled platform API.
//!
//! Loads every schema in `schemas/` with the same loader the derive uses and
//! prints, per API: call style, minimum base library, contexts and hosts,
//! prerequisites, each option (type, default, allowed values, since) and each
//! response field with the condition under which it appears.
//!
//! Run it with `cargo run --example quickstart`.

use std::path::Path;

use mpkit_codegen::spec::{ApiSchema, SchemaNode};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    for file in mpkit_codegen::schema_files(&dir)? {
        let schema = mpkit_codegen::load_schema(&file)?;
        describe(&schema.api);
    }
    Ok(())
}

fn describe(api: &ApiSchema) {
    println!("{} ({}): {}", api.full_name(), api.platform_name, api.title);
    let since = api
        .since
        .map_or_else(|| "undocumented".to_owned(), |v| v.to_string());
    println!("  call style: {:?}; base library: {since}", api.call_style);
    for (name, support) in api.contexts.iter().chain(&api.hosts) {
        let state = match (support.supported, support.since) {
            (false, _) => "not supported".to_owned(),
            (true, Some(since)) => format!("supported from {since}"),
            (true, None) => "supported".to_owned(),
        };
        println!("  {name}: {state}");
    }
    if let Some(scope) = &api.scope {
        println!("  needs authorization scope {scope}");
    }
    for prerequisite in &api.prerequisites {
        let when = prerequisite
            .when
            .as_ref()
            .map(|c| format!(" (when {})", condition(&c.option, c.equals.as_ref())))
            .unwrap_or_default();
        println!("  call {} first{when}", prerequisite.api);
    }
    println!("  options:");
    for (name, option) in &api.request.properties {
        let required = if api.request.required.contains(name) {
            "required"
        } else {
            "optional"
        };
        println!(
            "    {name}: {} {required}{}",
            type_of(option),
            extras(option)
        );
    }
    println!("  success fields:");
    let success = resolve(api, &api.success);
    for (name, field) in &success.properties {
        let presence = if success.required.contains(name) {
            "always"
        } else {
            "sometimes"
        };
        println!("    {name}: {} {presence}{}", type_of(field), extras(field));
    }
    println!();
}

fn resolve<'a>(api: &'a ApiSchema, node: &'a SchemaNode) -> &'a SchemaNode {
    node.reference
        .as_deref()
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .and_then(|name| api.defs.get(name))
        .unwrap_or(node)
}

fn type_of(node: &SchemaNode) -> String {
    if let Some(reference) = &node.reference {
        return reference.trim_start_matches("#/$defs/").to_owned();
    }
    let mut types: Vec<&str> = node.type_list().iter().map(|t| t.as_str()).collect();
    types.extend(
        node.any_of
            .iter()
            .flat_map(|b| b.type_list())
            .map(|t| t.as_str()),
    );
    types.join(" | ")
}

fn extras(node: &SchemaNode) -> String {
    let mut out = String::new();
    if let Some(values) = &node.enum_values {
        let listed: Vec<String> = values.iter().map(ToString::to_string).collect();
        out.push_str(&format!(", one of {}", listed.join(" ")));
    }
    if let Some(default) = &node.default {
        out.push_str(&format!(", default {default}"));
    }
    if let Some(max) = node.max_length {
        out.push_str(&format!(", at most {max} characters"));
    }
    if let Some(since) = node.since {
        out.push_str(&format!(", since {since}"));
    }
    if let Some(when) = &node.present_when {
        out.push_str(&format!(
            ", present when {}",
            condition(&when.option, when.equals.as_ref())
        ));
    }
    if !node.quirks.is_empty() {
        out.push_str(&format!(", {} known quirk(s)", node.quirks.len()));
    }
    out
}

fn condition(option: &str, equals: Option<&serde_json::Value>) -> String {
    match equals {
        Some(value) => format!("{option} = {value}"),
        None => format!("{option} is set"),
    }
}
