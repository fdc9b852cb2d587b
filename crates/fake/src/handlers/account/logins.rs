//! `/account/logins`: every login to the account (the profile's own are in
//! `profile/logins`, read from the same records).

use linode_models::account::{Login, LoginStatus};
use linode_models::{Page, Timestamp};
use linode_requests::account::{GetAccountLogin, ListAccountLogins};

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::account::logins::Logins;
use crate::state::Store;

impl Logins {
    /// Every login, oldest first.
    pub(crate) fn all(&self) -> impl Iterator<Item = &Login> {
        self.logins.values()
    }

    /// The login with this id.
    pub(crate) fn get(&self, id: u64) -> Option<&Login> {
        self.logins.get(&id)
    }
}

handlers! {
    ListAccountLogins => list_account_logins,
    GetAccountLogin => get_account_login,
}

fn list_account_logins(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListAccountLogins,
) -> Result<Page<Login>, Failure> {
    ctx.list(store.logins.all(), op.pagination)
}

fn get_account_login(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: GetAccountLogin,
) -> Result<Login, Failure> {
    store
        .logins
        .get(op.login_id)
        .cloned()
        .ok_or_else(Failure::not_found)
}

/// A month of logins by the team.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    let people = [
        (store.username.clone(), false, "198.51.100.23"),
        ("nadia.kowal".to_owned(), false, "192.0.2.140"),
        ("dario_ferraz".to_owned(), true, "203.0.113.9"),
    ];
    for day in 0..30_i64 {
        let (username, restricted, ip) = &people[(day % 3) as usize];
        let id = store.next_id();
        let status = if day % 11 == 5 {
            LoginStatus::Failed
        } else {
            LoginStatus::Successful
        };
        store.logins.logins.insert(
            id,
            Login {
                extra: Default::default(),
                datetime: at(day - 30),
                id,
                ip: (*ip).to_owned(),
                restricted: *restricted,
                status,
                username: username.clone(),
            },
        );
    }
}
