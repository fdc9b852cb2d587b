//! `/profile/apps`: the OAuth apps the user authorized.

use linode_models::profile::AuthorizedApp;
use linode_models::{Empty, Page, Timestamp};
use linode_requests::profile::{GetAuthorizedApp, ListAuthorizedApps, RevokeAuthorizedApp};

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    ListAuthorizedApps => list_apps,
    GetAuthorizedApp => get_app,
    RevokeAuthorizedApp => delete_app,
}

fn list_apps(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListAuthorizedApps,
) -> Result<Page<AuthorizedApp>, Failure> {
    ctx.list_filtered(store.apps.apps.values(), op.pagination, op.filter.as_ref())
}

fn get_app(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: GetAuthorizedApp,
) -> Result<AuthorizedApp, Failure> {
    store
        .apps
        .apps
        .get(&op.app_id)
        .cloned()
        .ok_or_else(Failure::not_found)
}

fn delete_app(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: RevokeAuthorizedApp,
) -> Result<Empty, Failure> {
    match store.apps.apps.remove(&op.app_id) {
        Some(_) => Ok(Empty::default()),
        None => Err(Failure::not_found()),
    }
}

/// Two authorized apps.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    let apps = [
        (
            "Tallowbrook status board",
            "account:read_only events:read_only",
            -90,
            Some(275),
            Some("https://status.tallowbrook.example"),
        ),
        ("tb-cli", "*", -20, None, None),
    ];
    for (label, scopes, created, expiry, website) in apps {
        let id = store.next_id();
        store.apps.apps.insert(
            id,
            AuthorizedApp {
                extra: Default::default(),
                created: at(created),
                expiry: expiry.map(at),
                id,
                label: label.to_owned(),
                scopes: linode_models::Scopes::from_api(scopes),
                thumbnail_url: None,
                website: website.unwrap_or("").to_owned(),
            },
        );
    }
}
