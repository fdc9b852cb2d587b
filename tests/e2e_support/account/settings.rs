//! `account::settings`: the settings changed, Managed enabled once.

use linode::models::account::AccountSettingsUpdate;
use http::StatusCode;
use linode::account::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let settings = env.ok(&GetAccountSettings).await;
    assert!(!settings.managed);
    let changed = env
        .ok(&UpdateAccountSettings {
            body: AccountSettingsUpdate {
                network_helper: Some(!settings.network_helper),
                ..Default::default()
            },
        })
        .await;
    assert_eq!(changed.network_helper, !settings.network_helper);
    assert_eq!(
        changed.backups_enabled, settings.backups_enabled,
        "unchanged"
    );
    env.ok(&EnableManaged).await;
    let managed = env.ok(&GetAccountSettings).await;
    assert!(managed.managed);
    assert_eq!(managed.network_helper, changed.network_helper);
    let again = env.api_err(&EnableManaged).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "already managed");
}
