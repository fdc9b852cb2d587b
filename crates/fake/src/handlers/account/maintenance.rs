//! `/account/maintenance`: maintenance planned or done on the account's Linodes (kept in
//! the account's state, `account/details`).

use linode_models::account::Maintenance;
use linode_models::Page;
use linode_requests::account::ListMaintenance;

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    ListMaintenance => maintenance,
}

fn maintenance(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListMaintenance,
) -> Result<Page<Maintenance>, Failure> {
    ctx.list_filtered(
        store.account.maintenance.iter(),
        op.pagination,
        op.filter.as_ref(),
    )
}
