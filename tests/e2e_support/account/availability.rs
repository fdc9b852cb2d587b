//! `account::availability`: service availability by region.

use linode::account::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let regions = env.ok(&ListAvailability::default()).await;
    assert!(regions.results >= 5);
    let lisbon = regions
        .data
        .iter()
        .find(|r| r.region == "pt-lis")
        .unwrap()
        .clone();
    assert_eq!(env.ok(&GetRegionAvailability::new("pt-lis")).await, lisbon);
    assert!(lisbon.unavailable.iter().any(|s| s == "Kubernetes"));
}
