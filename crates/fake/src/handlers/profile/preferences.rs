//! `/profile/preferences`: what the user's clients remember (free-form JSON).

use linode_models::profile::UserPreferences;
use linode_requests::profile::{GetUserPreferences, UpdateUserPreferences};

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    GetUserPreferences => get_preferences,
    UpdateUserPreferences => put_preferences,
}

fn get_preferences(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    _op: GetUserPreferences,
) -> Result<UserPreferences, Failure> {
    Ok(store.profile.preferences.clone())
}

fn put_preferences(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: UpdateUserPreferences,
) -> Result<UserPreferences, Failure> {
    store.profile.preferences = op.body;
    Ok(store.profile.preferences.clone())
}
