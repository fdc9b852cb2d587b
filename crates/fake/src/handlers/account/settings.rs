//! `/account/settings` and `/account/settings/managed-enable`.

use linode_models::account::{AccountSettings, MaintenancePolicy};
use linode_models::{Empty, Update};
use linode_requests::account::{EnableManaged, GetAccountSettings, UpdateAccountSettings};

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    GetAccountSettings => get_settings,
    UpdateAccountSettings => put_settings,
    EnableManaged => enable_managed,
}

fn get_settings(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    _op: GetAccountSettings,
) -> Result<AccountSettings, Failure> {
    Ok(store.account.settings.clone())
}

fn put_settings(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: UpdateAccountSettings,
) -> Result<AccountSettings, Failure> {
    let body = op.body;
    let s = &mut store.account.settings;
    if let Some(v) = body.backups_enabled {
        s.backups_enabled = v;
    }
    if let Some(v) = body.network_helper {
        s.network_helper = v;
    }
    match body.maintenance_policy {
        Update::Unchanged => {}
        Update::Set(policy) => s.maintenance_policy = Some(policy),
        // `null` puts the API's default back.
        Update::Null => s.maintenance_policy = Some(MaintenancePolicy::Migrate),
    }
    match body.interfaces_for_new_linodes {
        Update::Unchanged => {}
        Update::Set(interfaces) => s.interfaces_for_new_linodes = Some(interfaces),
        Update::Null => {
            return Err(Failure::field(
                "interfaces_for_new_linodes",
                "Must be one of the interface settings.",
            ))
        }
    }
    Ok(s.clone())
}

fn enable_managed(store: &mut Store, _ctx: &Ctx<'_>, _op: EnableManaged) -> Result<Empty, Failure> {
    if store.account.settings.managed {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "Linode Managed is already enabled",
        ));
    }
    store.account.settings.managed = true;
    Ok(Empty::default())
}
