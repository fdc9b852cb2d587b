//! docs/operations.md is generated from the registry; this test fails when they drift.
//!
//! To regenerate after adding or changing an operation:
//! `UPDATE_DOCS=1 cargo test --test operations_doc`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use std::fmt::Write as _;
use std::path::Path;

use linode::requests::registry;

fn render() -> String {
    let mut ops: Vec<_> = registry::operations().collect();
    ops.sort_by_key(|i| (i.meta.path, i.meta.method.as_str()));
    let mut out = String::new();
    out.push_str("# Operations\n\n");
    out.push_str(
        "Generated from `linode_requests::registry` by `tests/operations_doc.rs` \
         (`UPDATE_DOCS=1 cargo test --test operations_doc`); do not edit by hand.\n\n",
    );
    let profile = ops
        .iter()
        .filter(|i| i.meta.name.starts_with("profile::"))
        .count();
    let _ = writeln!(
        out,
        "{} operations: {} Account, {} Profile. Paths are relative to `https://api.linode.com/v4` \
         (or `/v4beta`). *Idempotent* operations may be retried after a failure that may have \
         reached the server; the others never are.\n",
        ops.len(),
        ops.len() - profile,
        profile
    );
    out.push_str(
        "| Method | Path | Type | Operation id | Scopes | Idempotent | Paginated | Notes |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    for info in ops {
        let m = &info.meta;
        let scopes = if m.scopes.is_empty() {
            "-".to_owned()
        } else {
            m.scopes
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut notes = Vec::new();
        if let Some(advice) = m.deprecated {
            notes.push(format!("deprecated: {advice}"));
        }
        if !m.authenticated {
            notes.push("public (no token)".to_owned());
        }
        let _ = writeln!(
            out,
            "| {} | `{}` | `{}` | `{}` | {} | {} | {} | {} |",
            m.method,
            m.path,
            m.name,
            m.id,
            scopes,
            if m.idempotent { "yes" } else { "**no**" },
            if m.paginated { "yes" } else { "" },
            notes.join("; ")
        );
    }
    out
}

#[test]
fn operations_doc_matches_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/operations.md");
    let expected = render();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).expect("write docs/operations.md");
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/operations.md is out of date with the registry; regenerate it with \
         `UPDATE_DOCS=1 cargo test --test operations_doc` and commit the result"
    );
}
