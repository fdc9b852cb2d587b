//! End to end, all of it: every scenario of every area through both transports, then the
//! registry walked to check that every operation it lists answered with success through
//! each transport, as the fake's request logs record it (checked, not claimed).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod e2e_support;

use std::collections::BTreeSet;

use e2e_support::{areas, Api, Hyper, Runs, Ureq};
use linode::requests::registry;

fn exercised<A: Api>() -> BTreeSet<&'static str> {
    let mut runs = Runs::<A>::new();
    areas::all(&mut runs);
    runs.succeeded()
}

#[test]
fn every_operation_goes_through_both_transports() {
    let all: Vec<&'static str> = registry::operations().map(|info| info.meta.id).collect();
    assert_eq!(
        all.len(),
        96,
        "the registry lists the 96 Account and Profile operations"
    );
    let hyper = exercised::<Hyper>();
    let ureq = exercised::<Ureq>();
    for (transport, done) in [("hyper", &hyper), ("ureq", &ureq)] {
        let missing: Vec<&str> = all
            .iter()
            .copied()
            .filter(|id| !done.contains(id))
            .collect();
        println!(
            "{transport}: {}/{} operations answered with success",
            all.len() - missing.len(),
            all.len()
        );
        assert!(
            missing.is_empty(),
            "never succeeded over {transport}: {missing:?}"
        );
        let unknown: Vec<&str> = done
            .iter()
            .copied()
            .filter(|id| !all.contains(id))
            .collect();
        assert!(
            unknown.is_empty(),
            "logged but not in the registry: {unknown:?}"
        );
    }
}
