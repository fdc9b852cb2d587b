//! End-to-end coverage, checked without running anything again: every request module the
//! registry lists has its scenario in `e2e_support` (and no scenario names a module that
//! does not exist). `e2e_profile.rs` and `e2e_account.rs` run those scenarios through both
//! transports and check, in the fake's log of each run, that the scenario made every
//! operation of its module answer with success. Together: an operation whose module loses
//! its scenario fails here; one whose scenario stops sending it fails there.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod e2e_support;

use std::collections::BTreeSet;

use e2e_support::{account, profile};
use linode::requests::registry;

#[test]
fn every_request_module_has_its_scenario() {
    let modules: BTreeSet<&str> = registry::modules().map(|(name, _)| name).collect();
    let scenarios: BTreeSet<&str> = profile::MODULES
        .iter()
        .chain(account::MODULES)
        .copied()
        .collect();
    let without: Vec<&&str> = modules.difference(&scenarios).collect();
    assert!(
        without.is_empty(),
        "request modules without a scenario: {without:?}"
    );
    let unknown: Vec<&&str> = scenarios.difference(&modules).collect();
    assert!(
        unknown.is_empty(),
        "scenarios of no request module: {unknown:?}"
    );
    assert_eq!(
        profile::MODULES.len() + account::MODULES.len(),
        scenarios.len(),
        "a module listed twice"
    );
    let operations: usize = registry::modules().map(|(_, ops)| ops.len()).sum();
    println!(
        "{} request modules, {operations} operations, each module with its scenario",
        modules.len()
    );
}
