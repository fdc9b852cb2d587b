//! `/account/agreements`, `/account/availability`, `/account/betas`.

use std::collections::BTreeMap;

use linode_models::account::{
    AccountAvailability, Agreements, AgreementsAcknowledge, BetaProgramEnroll, EnrolledBetaProgram,
};
use linode_models::Timestamp;

use super::{Ctx, Handler};
use crate::reply::{empty_object, ok, Failure, Reply};
use crate::state::Store;

/// Agreements and beta enrollments.
#[derive(Debug)]
pub(crate) struct AccountMisc {
    agreements: Agreements,
    betas: BTreeMap<String, EnrolledBetaProgram>,
}

impl Default for AccountMisc {
    fn default() -> Self {
        Self {
            agreements: Agreements {
                extra: Default::default(),
                eu_model: false,
                master_service_agreement: false,
                privacy_policy: false,
            },
            betas: BTreeMap::new(),
        }
    }
}

pub(crate) const HANDLERS: &[(&str, Handler)] = &[
    ("get-account-agreements", get_agreements),
    ("post-account-agreements", acknowledge),
    ("get-availability", list_availability),
    ("get-account-availability", get_availability),
    ("get-enrolled-beta-programs", list_betas),
    ("post-beta-program", enroll),
    ("get-enrolled-beta-program", get_beta),
];

/// The fields `ListEnrolledBetaPrograms` may filter on.
const BETA_FILTERABLE: &[&str] = &["ended", "enrolled", "label", "started"];

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

/// Beta programs open for enrollment: id, label, description, started days ago.
const BETA_CATALOG: &[(&str, &str, &str, i64)] = &[
    (
        "quiet_disks",
        "Quiet Disks",
        "Lower-latency block storage in selected regions.",
        -200,
    ),
    (
        "edge_rules",
        "Edge Rules",
        "Request routing rules on NodeBalancers.",
        -90,
    ),
    (
        "metrics_v2",
        "Metrics v2",
        "Per-minute metrics retention for a year.",
        -30,
    ),
];

fn get_agreements(store: &mut Store, _ctx: &Ctx<'_>) -> Reply {
    ok(&store.account_misc.agreements)
}

fn acknowledge(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let body: AgreementsAcknowledge = ctx.json()?;
    let fields = [
        ("eu_model", body.eu_model),
        ("master_service_agreement", body.master_service_agreement),
        ("privacy_policy", body.privacy_policy),
    ];
    if let Some((name, _)) = fields.iter().find(|(_, v)| *v == Some(false)) {
        return Err(Failure::field(
            *name,
            "An agreement can only be acknowledged (true)",
        ));
    }
    let a = &mut store.account_misc.agreements;
    a.eu_model |= body.eu_model.unwrap_or(false);
    a.master_service_agreement |= body.master_service_agreement.unwrap_or(false);
    a.privacy_policy |= body.privacy_policy.unwrap_or(false);
    empty_object()
}

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

fn list_availability(_store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let all: Vec<AccountAvailability> = REGIONS
        .iter()
        .map(|(region, unavailable)| availability(region, unavailable))
        .collect();
    ctx.list(all.iter(), &[])
}

fn get_availability(_store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let region = ctx.param(0)?;
    match REGIONS.iter().find(|(r, _)| *r == region) {
        Some((region, unavailable)) => ok(&availability(region, unavailable)),
        None => Err(Failure::not_found()),
    }
}

fn list_betas(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    ctx.list(store.account_misc.betas.values(), BETA_FILTERABLE)
}

fn get_beta(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let id = ctx.param(0)?;
    match store.account_misc.betas.get(id) {
        Some(beta) => ok(beta),
        None => Err(Failure::not_found()),
    }
}

fn program(
    id: &str,
    enrolled: Timestamp,
    started: &dyn Fn(i64) -> Timestamp,
) -> Option<EnrolledBetaProgram> {
    BETA_CATALOG
        .iter()
        .find(|(beta, ..)| *beta == id)
        .map(|(id, label, description, days)| EnrolledBetaProgram {
            extra: Default::default(),
            id: (*id).to_owned(),
            label: (*label).to_owned(),
            description: Some((*description).to_owned()),
            started: started(*days),
            ended: None,
            enrolled,
        })
}

fn enroll(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let body: BetaProgramEnroll = ctx.json()?;
    if store.account_misc.betas.contains_key(&body.id) {
        return Err(Failure::field(
            "id",
            "Already enrolled in this beta program",
        ));
    }
    let now = ctx.now;
    let started = move |days: i64| {
        Timestamp::from_unix_seconds(now.to_utc().unix_timestamp() + days * 86_400).unwrap_or(now)
    };
    let Some(beta) = program(&body.id, now, &started) else {
        return Err(Failure::field("id", "No open beta program has this id"));
    };
    store.account_misc.betas.insert(beta.id.clone(), beta);
    empty_object()
}

/// The agreements already signed, and one beta enrollment.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    store.account_misc.agreements = Agreements {
        extra: Default::default(),
        eu_model: false,
        master_service_agreement: true,
        privacy_policy: true,
    };
    if let Some(beta) = program("edge_rules", at(-80), at) {
        store.account_misc.betas.insert(beta.id.clone(), beta);
    }
}
