//! `/account/service-transfers` and the deprecated `/account/entity-transfers`: the same
//! transfers under two names (the deprecated one answers 299 with a warning).

use std::collections::BTreeMap;

use linode_models::account::{ServiceTransfer, TransferCreate, TransferEntities, TransferStatus};
use linode_models::Timestamp;

use super::{Ctx, Handler};
use crate::reply::{empty_object, ok, Failure, Reply};
use crate::state::Store;

/// The transfers, by token.
#[derive(Debug, Default)]
pub(crate) struct Transfers {
    transfers: BTreeMap<String, ServiceTransfer>,
}

pub(crate) const HANDLERS: &[(&str, Handler)] = &[
    ("get-service-transfers", list),
    ("post-service-transfer", create),
    ("get-service-transfer", get),
    ("delete-service-transfer", cancel),
    ("post-accept-service-transfer", accept),
    ("get-entity-transfers", list),
    ("post-entity-transfer", create),
    ("get-entity-transfer", get),
    ("delete-entity-transfer", cancel),
    ("post-accept-entity-transfer", accept),
];

/// The fields `ListServiceTransfers` / `ListEntityTransfers` may filter on.
const FILTERABLE: &[&str] = &["is_sender", "status"];

/// The Linodes of the account that can be transferred.
const LINODES: &[u64] = &[31001, 31002, 31007];

/// How long a transfer waits to be accepted.
const EXPIRY_SECS: i64 = 24 * 3600;

fn list(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    ctx.list(store.transfers.transfers.values(), FILTERABLE)
}

fn find<'s>(store: &'s mut Store, ctx: &Ctx<'_>) -> Result<&'s mut ServiceTransfer, Failure> {
    let token = ctx.param(0)?;
    store
        .transfers
        .transfers
        .get_mut(token)
        .ok_or_else(Failure::not_found)
}

fn get(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let transfer = find(store, ctx)?;
    ok(transfer)
}

fn uuid(store: &mut Store) -> String {
    let hex = store.new_secret(32);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn later(at: Timestamp, seconds: i64) -> Timestamp {
    Timestamp::from_unix_seconds(at.to_utc().unix_timestamp() + seconds).unwrap_or(at)
}

fn create(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let body: TransferCreate = ctx.json()?;
    let linodes = &body.entities.linodes;
    if linodes.is_empty() {
        return Err(Failure::field(
            "entities.linodes",
            "Name at least one Linode",
        ));
    }
    if let Some(unknown) = linodes.iter().find(|id| !LINODES.contains(id)) {
        return Err(Failure::field(
            "entities.linodes",
            format!("Linode {unknown} is not on this account"),
        ));
    }
    let busy = store.transfers.transfers.values().any(|t| {
        t.is_sender
            && t.status == TransferStatus::Pending
            && t.entities.linodes.iter().any(|id| linodes.contains(id))
    });
    if busy {
        return Err(Failure::field(
            "entities.linodes",
            "A Linode named is already in a pending transfer",
        ));
    }
    let transfer = insert(store, body.entities, true, TransferStatus::Pending, ctx.now);
    ok(&transfer)
}

fn insert(
    store: &mut Store,
    entities: TransferEntities,
    is_sender: bool,
    status: TransferStatus,
    created: Timestamp,
) -> ServiceTransfer {
    let transfer = ServiceTransfer {
        extra: Default::default(),
        token: uuid(store).into(),
        status,
        is_sender,
        entities,
        created,
        updated: created,
        expiry: later(created, EXPIRY_SECS),
    };
    store
        .transfers
        .transfers
        .insert(transfer.token.expose().to_owned(), transfer.clone());
    transfer
}

fn cancel(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let now = ctx.now;
    let transfer = find(store, ctx)?;
    if transfer.status != TransferStatus::Pending {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            format!(
                "Only a pending transfer can be canceled; this one is {}",
                transfer.status
            ),
        ));
    }
    transfer.status = TransferStatus::Canceled;
    transfer.updated = now;
    empty_object()
}

fn accept(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let now = ctx.now;
    let transfer = find(store, ctx)?;
    if transfer.is_sender {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "You cannot accept a transfer you sent",
        ));
    }
    if transfer.status != TransferStatus::Pending || transfer.expiry <= now {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "This transfer is no longer pending",
        ));
    }
    transfer.status = TransferStatus::Completed;
    transfer.updated = now;
    empty_object()
}

/// A completed transfer sent, and one received that waits to be accepted.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    let mut done = insert(
        store,
        TransferEntities {
            extra: Default::default(),
            linodes: vec![29870],
        },
        true,
        TransferStatus::Completed,
        at(-60),
    );
    done.updated = later(done.created, 5 * 3600);
    store
        .transfers
        .transfers
        .insert(done.token.expose().to_owned(), done);
    insert(
        store,
        TransferEntities {
            extra: Default::default(),
            linodes: vec![40112, 40113],
        },
        false,
        TransferStatus::Pending,
        at(0),
    );
}
