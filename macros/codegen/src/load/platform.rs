//! The checks of the platform-wide keywords: `x-platform-floor` (a version
//! proofs can state, with a source someone can follow) and
//! `x-platform-aliases` (other names, not the platform's own key twice).

use super::generable;
use super::problems::Problems;
use crate::spec::ApiSchema;

/// Records every problem of the platform-wide keywords.
pub(super) fn check(api: &ApiSchema, problems: &mut Problems) {
    if let Some(floor) = &api.platform_floor {
        // The floor is compared with `x-since` values, which are three
        // segments; a fourth would hold a version no proof can state.
        generable::gate_version(floor.version, "/x-platform-floor/version", problems);
        if floor.source.trim().is_empty() {
            problems.value(
                "/x-platform-floor/source",
                "the floor's source is blank",
                "name the page that states the oldest base library hosts run or, when the platform states none, why this version was chosen",
            );
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, alias) in api.platform_aliases.iter().enumerate() {
        let pointer = format!("/x-platform-aliases/{i}");
        if *alias == api.platform {
            problems.value(
                &pointer,
                format!("`{alias}` is the platform's own key (`x-platform`), not another name"),
                "remove it from `x-platform-aliases`",
            );
        } else if seen.contains(&alias.as_str()) {
            problems.value(
                &pointer,
                format!("alias `{alias}` is listed twice"),
                "remove the second one",
            );
        }
        seen.push(alias);
    }
}
