//! The per-area scenarios: each is one `async fn(Env<A>)` generic over the transport, run on
//! a fresh seeded fake; each area's `all` runs its scenarios in order.

pub mod account;
pub mod billing;
pub mod profile;

use super::{Api, Runs};

/// Every scenario of every area.
pub fn all<A: Api>(runs: &mut Runs<A>) {
    profile::all(runs);
    account::all(runs);
    billing::all(runs);
}
