//! `/account/service-transfers`: moving Linodes between accounts. The deprecated
//! `/account/entity-transfers` (`account/entity_transfers`) serve the same transfers.

use linode_models::account::{ServiceTransfer, TransferCreate, TransferEntities, TransferStatus};
use linode_models::{Empty, Page, Timestamp};
use linode_requests::account::{
    AcceptServiceTransfer, CancelServiceTransfer, CreateServiceTransfer, GetServiceTransfer,
    ListServiceTransfers,
};

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    ListServiceTransfers => list,
    CreateServiceTransfer => create,
    GetServiceTransfer => get,
    CancelServiceTransfer => cancel,
    AcceptServiceTransfer => accept,
}

/// The Linodes of the account that can be transferred.
const LINODES: &[u64] = &[31001, 31002, 31007];

/// How long a transfer waits to be accepted.
const EXPIRY_SECS: i64 = 24 * 3600;

fn list(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListServiceTransfers,
) -> Result<Page<ServiceTransfer>, Failure> {
    ctx.list_filtered(
        store.transfers.transfers.values(),
        op.pagination,
        op.filter.as_ref(),
    )
}

/// The transfer with this token.
pub(crate) fn find<'s>(
    store: &'s mut Store,
    token: &str,
) -> Result<&'s mut ServiceTransfer, Failure> {
    store
        .transfers
        .transfers
        .get_mut(token)
        .ok_or_else(Failure::not_found)
}

fn get(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: GetServiceTransfer,
) -> Result<ServiceTransfer, Failure> {
    find(store, op.token.expose()).cloned()
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

fn create(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: CreateServiceTransfer,
) -> Result<ServiceTransfer, Failure> {
    create_transfer(store, ctx, op.body)
}

/// Checks and records a new transfer (for both names of the operation).
pub(crate) fn create_transfer(
    store: &mut Store,
    ctx: &Ctx<'_>,
    body: TransferCreate,
) -> Result<ServiceTransfer, Failure> {
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
    Ok(insert(
        store,
        body.entities,
        true,
        TransferStatus::Pending,
        ctx.now,
    ))
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

fn cancel(store: &mut Store, ctx: &Ctx<'_>, op: CancelServiceTransfer) -> Result<Empty, Failure> {
    cancel_transfer(store, ctx, op.token.expose())
}

/// Cancels a pending transfer (for both names of the operation).
pub(crate) fn cancel_transfer(
    store: &mut Store,
    ctx: &Ctx<'_>,
    token: &str,
) -> Result<Empty, Failure> {
    let now = ctx.now;
    let transfer = find(store, token)?;
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
    Ok(Empty::default())
}

fn accept(store: &mut Store, ctx: &Ctx<'_>, op: AcceptServiceTransfer) -> Result<Empty, Failure> {
    accept_transfer(store, ctx, op.token.expose())
}

/// Accepts a pending transfer sent to the account (for both names of the operation).
pub(crate) fn accept_transfer(
    store: &mut Store,
    ctx: &Ctx<'_>,
    token: &str,
) -> Result<Empty, Failure> {
    let now = ctx.now;
    let transfer = find(store, token)?;
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
    Ok(Empty::default())
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
