//! One table across platforms: every API, option and response field with its
//! minimum version, context rules, presence condition and host clients.

use serde::Serialize;

use crate::load::LoadedSchema;
use crate::spec::{ApiSchema, Condition, SchemaNode};

/// One row of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatrixRow {
    /// `wx.getUserInfo`.
    pub api: String,
    /// `(API)`, `needs wx.login`, `option lang`, `field signature`.
    pub item: String,
    /// `WeChat`.
    pub platform: String,
    /// Minimum base library, or empty when undocumented.
    pub since: String,
    /// Context rules, such as `plugin ≥ 2.3.1`.
    pub contexts: String,
    /// When the field is present, such as `withCredentials = true`.
    pub present_when: String,
    /// Host clients, such as `windows, mac, harmonyos`.
    pub hosts: String,
}

/// The rows for `schemas`, in the order given: per API, the API itself,
/// the calls it needs first (`needs wx.login`, with their condition), then
/// its options, then its success fields.
#[must_use]
pub fn matrix(schemas: &[LoadedSchema]) -> Vec<MatrixRow> {
    // A prerequisite is typed when one of the schemas describes it.
    let described: std::collections::HashSet<String> = schemas
        .iter()
        .map(|schema| schema.api.full_name())
        .collect();
    let mut rows = Vec::new();
    for schema in schemas {
        let api = &schema.api;
        let row = |item: String, since: Option<String>, present_when: String| MatrixRow {
            api: api.full_name(),
            item,
            platform: api.platform_name.clone(),
            since: since.unwrap_or_default(),
            contexts: String::new(),
            present_when,
            hosts: String::new(),
        };
        let mut head = row(
            "(API)".to_owned(),
            api.since.map(|v| v.to_string()),
            String::new(),
        );
        head.contexts = api
            .contexts
            .iter()
            .map(|(name, support)| match (support.supported, support.since) {
                (false, _) => format!("{name}: unsupported"),
                (true, Some(since)) => format!("{name} ≥ {since}"),
                (true, None) => name.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        head.hosts = api
            .hosts
            .iter()
            .map(|(name, support)| {
                if support.supported {
                    name.clone()
                } else {
                    format!("{name}: unsupported")
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        rows.push(head);
        for prerequisite in &api.prerequisites {
            let known = if described.contains(prerequisite.api.as_str()) {
                ""
            } else {
                " (not described by these schemas)"
            };
            let when = prerequisite.when.as_ref().map(describe).unwrap_or_default();
            rows.push(row(
                format!("needs {}{known}", prerequisite.api),
                None,
                when,
            ));
        }
        for (name, option) in &api.resolve(&api.request).properties {
            let since = api.member(option).since().map(|v| v.to_string());
            rows.push(row(format!("option {name}"), since, String::new()));
        }
        fields(
            api,
            api.resolve(&api.success),
            "",
            0,
            &mut |name, since, condition| {
                rows.push(row(format!("field {name}"), since, condition));
            },
        );
    }
    rows
}

/// Top-level fields, and nested ones that carry their own version or condition.
fn fields(
    api: &ApiSchema,
    node: &SchemaNode,
    prefix: &str,
    depth: usize,
    out: &mut dyn FnMut(String, Option<String>, String),
) {
    for (name, field) in &node.properties {
        let view = api.member(field);
        let resolved = view.resolved;
        let (since, condition) = (view.since(), view.present_when());
        if depth == 0 || since.is_some() || condition.is_some() {
            out(
                format!("{prefix}{name}"),
                since.map(|v| v.to_string()),
                condition.map(describe).unwrap_or_default(),
            );
        }
        if depth < 2 && !resolved.properties.is_empty() {
            fields(api, resolved, &format!("{prefix}{name}."), depth + 1, out);
        }
    }
}

/// The matrix as a Markdown table.
#[must_use]
pub fn matrix_markdown(rows: &[MatrixRow]) -> String {
    let mut out = String::from(
        "| API | Item | Platform | Minimum version | Contexts | Present when | Host clients |\n|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        let cells = [
            &r.api,
            &r.item,
            &r.platform,
            &r.since,
            &r.contexts,
            &r.present_when,
            &r.hosts,
        ];
        let cells: Vec<String> = cells
            .iter()
            .map(|c| {
                if c.is_empty() {
                    "—".to_owned()
                } else {
                    c.replace('|', "\\|")
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

fn describe(condition: &Condition) -> String {
    match &condition.equals {
        Some(value) => format!("{} = {value}", condition.option),
        None => format!("{} is set", condition.option),
    }
}
