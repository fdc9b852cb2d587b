//! `/account/entity-transfers`, deprecated: the service transfers
//! (`account/service_transfers`) under their old name. The server answers 299 with the
//! deprecation warning.

// The deprecated operations are still served, as the API still answers them.
#![allow(deprecated)]

use linode_models::account::{EntityTransfer, ServiceTransfer};
use linode_models::{Empty, Page};
use linode_requests::account::{
    AcceptEntityTransfer, CancelEntityTransfer, CreateEntityTransfer, GetEntityTransfer,
    ListEntityTransfers,
};

use super::service_transfers::{accept_transfer, cancel_transfer, create_transfer, find};
use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    ListEntityTransfers => list,
    CreateEntityTransfer => create,
    GetEntityTransfer => get,
    CancelEntityTransfer => cancel,
    AcceptEntityTransfer => accept,
}

/// A service transfer under its old name (the same fields).
fn entity(transfer: &ServiceTransfer) -> EntityTransfer {
    EntityTransfer {
        extra: Default::default(),
        token: transfer.token.clone(),
        status: transfer.status.clone(),
        is_sender: transfer.is_sender,
        entities: transfer.entities.clone(),
        created: transfer.created,
        updated: transfer.updated,
        expiry: transfer.expiry,
    }
}

fn list(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListEntityTransfers,
) -> Result<Page<EntityTransfer>, Failure> {
    let all: Vec<EntityTransfer> = store.transfers.transfers.values().map(entity).collect();
    ctx.list_filtered(all.iter(), op.pagination, op.filter.as_ref())
}

fn create(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: CreateEntityTransfer,
) -> Result<EntityTransfer, Failure> {
    create_transfer(store, ctx, op.body).map(|t| entity(&t))
}

fn get(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: GetEntityTransfer,
) -> Result<EntityTransfer, Failure> {
    find(store, op.token.expose()).map(|t| entity(t))
}

fn cancel(store: &mut Store, ctx: &Ctx<'_>, op: CancelEntityTransfer) -> Result<Empty, Failure> {
    cancel_transfer(store, ctx, op.token.expose())
}

fn accept(store: &mut Store, ctx: &Ctx<'_>, op: AcceptEntityTransfer) -> Result<Empty, Failure> {
    accept_transfer(store, ctx, op.token.expose())
}
