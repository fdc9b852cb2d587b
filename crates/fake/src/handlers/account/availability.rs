//! `/account/availability`: which services the account may use in which region.

use linode_models::account::AccountAvailability;
use linode_models::Page;
use linode_requests::account::{GetRegionAvailability, ListAvailability};

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    ListAvailability => list_availability,
    GetRegionAvailability => get_availability,
}

/// Regions and the services this account cannot use in them.
const REGIONS: &[(&str, &[&str])] = &[
    ("eu-central", &[]),
    ("eu-west", &["Block Storage Encryption"]),
    ("pt-lis", &["Kubernetes", "Managed Databases"]),
    ("us-east", &[]),
    ("us-ord", &["Object Storage"]),
    ("ap-south", &["Placement Group"]),
];

const SERVICES: &[&str] = &[
    "Linodes",
    "NodeBalancers",
    "Block Storage",
    "Block Storage Encryption",
    "Kubernetes",
    "Managed Databases",
    "Object Storage",
    "Placement Group",
];

fn availability(region: &str, unavailable: &[&str]) -> AccountAvailability {
    AccountAvailability {
        extra: Default::default(),
        region: region.to_owned(),
        available: SERVICES
            .iter()
            .filter(|s| !unavailable.contains(s))
            .map(|s| (*s).to_owned())
            .collect(),
        unavailable: unavailable.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn list_availability(
    _store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListAvailability,
) -> Result<Page<AccountAvailability>, Failure> {
    let all: Vec<AccountAvailability> = REGIONS
        .iter()
        .map(|(region, unavailable)| availability(region, unavailable))
        .collect();
    ctx.list(all.iter(), op.pagination)
}

fn get_availability(
    _store: &mut Store,
    _ctx: &Ctx<'_>,
    op: GetRegionAvailability,
) -> Result<AccountAvailability, Failure> {
    match REGIONS.iter().find(|(r, _)| *r == op.region_id) {
        Some((region, unavailable)) => Ok(availability(region, unavailable)),
        None => Err(Failure::not_found()),
    }
}
