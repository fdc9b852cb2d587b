//! End to end, Account: every operation of `linode_requests::account` sent through both
//! shipped transports (linode-hyper, async; linode-ureq, blocking) against a seeded
//! linode-fake, with its typed answer checked. The scenarios live in
//! `e2e_support/account/<module>.rs`, one per request module, written once for both
//! transports; each must make every operation of its module answer with success, as the
//! fake's log of that scenario's run records it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod e2e_support;

use e2e_support::{account, Api, Hyper, Runs, Ureq};

fn every_account_operation<A: Api>() {
    let mut runs = Runs::<A>::new();
    account::all(&mut runs);
    runs.assert_modules_covered();
}

#[test]
fn account_over_hyper() {
    every_account_operation::<Hyper>();
}

#[test]
fn account_over_ureq() {
    every_account_operation::<Ureq>();
}
