//! `/account/betas`: the beta programs the account is enrolled in.

use linode_models::account::EnrolledBetaProgram;
use linode_models::{Empty, Page, Timestamp};
use linode_requests::account::{
    EnrollInBetaProgram, GetEnrolledBetaProgram, ListEnrolledBetaPrograms,
};

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    ListEnrolledBetaPrograms => list_betas,
    EnrollInBetaProgram => enroll,
    GetEnrolledBetaProgram => get_beta,
}

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

fn list_betas(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListEnrolledBetaPrograms,
) -> Result<Page<EnrolledBetaProgram>, Failure> {
    ctx.list_filtered(
        store.betas.enrolled.values(),
        op.pagination,
        op.filter.as_ref(),
    )
}

fn get_beta(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: GetEnrolledBetaProgram,
) -> Result<EnrolledBetaProgram, Failure> {
    match store.betas.enrolled.get(&op.beta_id) {
        Some(beta) => Ok(beta.clone()),
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

fn enroll(store: &mut Store, ctx: &Ctx<'_>, op: EnrollInBetaProgram) -> Result<Empty, Failure> {
    let body = op.body;
    if store.betas.enrolled.contains_key(&body.id) {
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
    store.betas.enrolled.insert(beta.id.clone(), beta);
    Ok(Empty::default())
}

/// One beta enrollment.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    if let Some(beta) = program("edge_rules", at(-80), at) {
        store.betas.enrolled.insert(beta.id.clone(), beta);
    }
}
