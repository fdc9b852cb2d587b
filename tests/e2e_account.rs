//! End to end, Account (billing aside): every operation of the area sent through both shipped transports
//! (linode-hyper, async; linode-ureq, blocking) against a seeded linode-fake, with its typed
//! answer checked. The scenarios live in `e2e_support/areas/account.rs`, written once for both
//! transports; each test also checks, in the fake's log, that every operation of the area
//! answered with success.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod e2e_support;

use e2e_support::{areas, operations_of, Api, Area, Hyper, Runs, Ureq};

fn every_account_operation<A: Api>() {
    let operations = operations_of(Area::Account);
    assert_eq!(operations.len(), 50);
    let mut runs = Runs::<A>::new();
    areas::account::all(&mut runs);
    runs.assert_succeeded(&operations);
}

#[test]
fn account_over_hyper() {
    every_account_operation::<Hyper>();
}

#[test]
fn account_over_ureq() {
    every_account_operation::<Ureq>();
}
