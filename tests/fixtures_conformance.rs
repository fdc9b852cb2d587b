//! Runs every fixture in tests/fixtures through the conformance checker, and checks that every
//! operation the SDK implements has at least one successful-response fixture that passes, and
//! that each fixture sits in the directory of its operation's request module
//! (`tests/fixtures/account/payments/` for `linode_requests::account::payments`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use linode::requests::conformance::{check, Case, Outcome};
use linode::requests::registry;
use serde_json::Value;

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable fixtures dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            fixture_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_passes_and_every_operation_has_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    fixture_files(&root, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no fixtures under {}", root.display());

    let mut failures = Vec::new();
    let mut misplaced = Vec::new();
    let mut covered = BTreeSet::new();
    for file in &files {
        let case: Case = serde_json::from_slice(&std::fs::read(file).expect("readable"))
            .unwrap_or_else(|e| panic!("{}: not a case file: {e}", file.display()));
        let method = http::Method::from_bytes(case.method.as_bytes()).expect("a method");
        let dir = registry::route(&method, &case.path)
            .and_then(|found| registry::module_of(found.info.meta.id))
            .map(|module| root.join(module.replace("::", "/")));
        if dir.as_deref() != file.parent() {
            misplaced.push(format!(
                "{} (its module's directory: {dir:?})",
                file.display()
            ));
        }
        let report = check(&case);
        if report.outcome.is_ok() {
            if (200..300).contains(&case.status) {
                if let Some(op) = report.operation {
                    covered.insert(op);
                }
            }
        } else {
            failures.push(format!("{}: {:?}", file.display(), report.outcome));
        }
    }
    assert!(
        failures.is_empty(),
        "failing fixtures:\n{}",
        failures.join("\n")
    );
    assert!(
        misplaced.is_empty(),
        "fixtures outside their request module's directory:\n{}",
        misplaced.join("\n")
    );

    let missing: Vec<&str> = registry::operations()
        .map(|info| info.meta.name)
        .filter(|name| !covered.contains(name))
        .collect();
    assert!(
        missing.is_empty(),
        "operations without a passing success fixture: {missing:?}"
    );
}

/// Adds a member no model knows to every object of `value`, at every depth.
fn add_unknown_members(value: &mut Value, counter: &mut usize) {
    match value {
        Value::Object(map) => {
            for member in map.values_mut() {
                add_unknown_members(member, counter);
            }
            *counter += 1;
            map.insert(
                format!("zz_added_later_{counter}"),
                serde_json::json!({"kept": true, "n": *counter}),
            );
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| add_unknown_members(v, counter)),
        _ => {}
    }
}

/// Nothing the API sends is lost: every success fixture, with a member the models do not
/// know added to every object in it (the list envelope and an action's empty `{}` answer
/// included), still passes (no member lost), and the added members are reported as
/// unmodelled (kept in `extra`, written back).
#[test]
fn an_unknown_member_on_every_response_object_survives_the_round_trip() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    fixture_files(&root, &mut files);
    files.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    let (mut total_added, mut total_kept) = (0, 0);
    for file in &files {
        let mut case: Case = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
        // 202 and 299 answers carry the envelope's `warnings`, which are not a model.
        if case.status != 200 || !case.body.is_object() {
            continue;
        }
        let mut added = 0;
        add_unknown_members(&mut case.body, &mut added);
        let report = check(&case);
        checked += 1;
        if report.outcome != Outcome::Ok {
            failures.push(format!("{}: {:?}", file.display(), report.outcome));
            continue;
        }
        let kept = report
            .unmodelled
            .iter()
            .filter(|p| {
                p.rsplit('.')
                    .next()
                    .is_some_and(|k| k.starts_with("zz_added_later_"))
            })
            .count();
        // Members added inside free-form JSON (an event's `details`, user preferences, an
        // unknown member's own value) are kept as part of that value, not reported apart:
        // so at most all are reported (none for a free-form answer such as user
        // preferences); that none is lost is the check above.
        total_added += added;
        total_kept += kept;
        if kept > added {
            failures.push(format!(
                "{}: {added} members added, {kept} reported unmodelled: {:?}",
                file.display(),
                report.unmodelled
            ));
        }
    }
    assert!(checked > 80, "only {checked} fixtures checked");
    assert!(
        total_kept * 10 >= total_added * 9,
        "only {total_kept} of {total_added} added members reported unmodelled"
    );
    assert!(
        failures.is_empty(),
        "{} fixtures lose unknown members:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
