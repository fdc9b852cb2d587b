//! Runs every fixture in tests/fixtures through the conformance checker, and checks that every
//! operation the SDK implements has at least one successful-response fixture that passes, and
//! that each fixture sits in the directory of its operation's request module
//! (`tests/fixtures/account/payments/` for `linode_requests::account::payments`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use linode::requests::conformance::{check, Case};
use linode::requests::registry;

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
