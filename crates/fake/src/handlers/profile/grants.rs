//! `/profile/grants`: what the token's user may do (read from its user record in
//! `account/users`).

use linode_models::account::UserGrants;
use linode_requests::profile::GetProfileGrants;

use crate::handler::{handlers, Ctx};
use crate::handlers::account::users::grants_answer;
use crate::reply::{Answer, Failure};
use crate::state::Store;

handlers! {
    GetProfileGrants => profile_grants,
}

fn profile_grants(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    _op: GetProfileGrants,
) -> Result<Answer<UserGrants>, Failure> {
    let grants = store
        .users
        .users
        .get(&store.username)
        .and_then(|(_, grants)| grants.as_ref());
    Ok(grants_answer(grants))
}
