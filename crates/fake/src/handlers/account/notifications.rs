//! `/account/notifications`: what the account should know about (kept in the account's
//! state, `account/details`).

use linode_models::account::Notification;
use linode_models::Page;
use linode_requests::account::ListNotifications;

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    ListNotifications => notifications,
}

fn notifications(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListNotifications,
) -> Result<Page<Notification>, Failure> {
    ctx.list(store.account.notifications.iter(), op.pagination)
}
