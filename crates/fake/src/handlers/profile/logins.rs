//! `/profile/logins`: the user's own logins (the account's are in `account/logins`).

use linode_models::account::Login;
use linode_models::Page;
use linode_requests::profile::{GetProfileLogin, ListProfileLogins};

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    ListProfileLogins => list_profile_logins,
    GetProfileLogin => get_profile_login,
}

fn list_profile_logins(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListProfileLogins,
) -> Result<Page<Login>, Failure> {
    let owner = &store.username;
    ctx.list(
        store.logins.all().filter(|l| l.username == *owner),
        op.pagination,
    )
}

fn get_profile_login(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: GetProfileLogin,
) -> Result<Login, Failure> {
    match store.logins.get(op.login_id) {
        Some(login) if login.username == store.username => Ok(login.clone()),
        _ => Err(Failure::not_found()),
    }
}
