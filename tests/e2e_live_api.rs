//! End to end, the live API's shapes (docs/architecture.md, "Models"): what the live API sends
//! that spec 4.189.0 does not say, sent by linode-fake and read through both shipped
//! transports (linode-hyper, async; linode-ureq, blocking).
//!
//! - a `ListEvents` page whose finished boots carry `"time_remaining": 0` (an integer);
//! - a child account whose card is `{"expiry": null, "last_four": null}`;
//! - a profile without the deprecated `ip_whitelist_enabled`;
//! - account settings with `maintenance_policy` and `interfaces_for_new_linodes`, read and
//!   written (the tri-state `Update`);
//! - maintenance records in the newer form (no `when`; a window, a policy, a source),
//!   filtered on a new field.
//!
//! Each shape is checked on the wire (the raw body the fake sent) and in the typed value.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod e2e_support;

use bytes::Bytes;
use e2e_support::{Api, Env, Hyper, Ureq};
use linode::models::account::{
    AccountSettingsUpdate, EventAction, InterfacesForNewLinodes, MaintenancePolicy,
    MaintenanceSource, MaintenanceStatus,
};
use linode::models::Update;
use linode::requests::account::{
    EventField, GetAccountSettings, ListChildAccounts, ListEvents, ListMaintenance,
    MaintenanceField, UpdateAccountSettings,
};
use linode::requests::profile::GetProfile;
use linode::requests::{Filter, Operation, RequestConfig};
use serde_json::Value;

/// The raw body the fake answers `op` with, through the client under test.
async fn raw<A: Api, O: Operation + Sync>(env: &Env<A>, op: &O) -> Value {
    let config = RequestConfig::new()
        .with_base_url(&env.url)
        .unwrap()
        .with_token(&env.token)
        .unwrap();
    let request = op.to_http_request(&config).unwrap();
    let response = env.api.execute(&O::META, request).await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let body: Bytes = response.into_body();
    serde_json::from_slice(&body).unwrap()
}

async fn live_shapes<A: Api>(env: Env<A>) {
    // Events: finished boots carry an integer `time_remaining`.
    let boots = ListEvents::new().filtered(Filter::eq(EventField::Action, EventAction::LinodeBoot));
    let wire = raw(&env, &boots).await;
    let sent: Vec<&Value> = wire["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["time_remaining"])
        .collect();
    assert!(!sent.is_empty());
    assert!(sent.iter().all(|v| v.as_u64() == Some(0)), "{sent:?}");
    let page = env.ok(&boots).await;
    assert_eq!(page.data.len(), sent.len());
    for event in &page.data {
        let left = event.time_remaining.as_ref().expect("a time_remaining");
        assert_eq!(left.seconds(), 0);
        assert_eq!(left.clock_text(), None, "it came as an integer");
    }

    // Child accounts: one has no card, and says so with nulls.
    let wire = raw(&env, &ListChildAccounts::default()).await;
    assert!(wire["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["credit_card"] == serde_json::json!({"expiry": null, "last_four": null})));
    let children = env.ok(&ListChildAccounts::default()).await;
    let cardless = children
        .data
        .iter()
        .filter_map(|c| c.credit_card.as_ref())
        .find(|card| card.last_four.is_none())
        .expect("a child account without a card");
    assert_eq!(cardless.expiry, None);

    // The profile leaves the deprecated allow-list flag out.
    let wire = raw(&env, &GetProfile).await;
    assert!(wire.get("ip_whitelist_enabled").is_none(), "{wire}");
    let profile = env.ok(&GetProfile).await;
    assert_eq!(profile.ip_whitelist_enabled, None);
    assert!(profile.user_type.is_some());

    // Settings: the new ones are read, written with `Update`, and read back.
    let wire = raw(&env, &GetAccountSettings).await;
    assert_eq!(wire["maintenance_policy"], "linode/migrate");
    let settings = env.ok(&GetAccountSettings).await;
    assert_eq!(
        settings.maintenance_policy,
        Some(MaintenancePolicy::Migrate)
    );
    let changed = env
        .ok(&UpdateAccountSettings::new(AccountSettingsUpdate {
            maintenance_policy: Update::Set(MaintenancePolicy::PowerOffOn),
            interfaces_for_new_linodes: Update::Set(InterfacesForNewLinodes::LinodeOnly),
            ..Default::default()
        }))
        .await;
    assert_eq!(
        changed.maintenance_policy,
        Some(MaintenancePolicy::PowerOffOn)
    );
    let again = env.ok(&GetAccountSettings).await;
    assert_eq!(again, changed);
    assert_eq!(
        again.interfaces_for_new_linodes,
        Some(InterfacesForNewLinodes::LinodeOnly)
    );
    let sent = env
        .log()
        .into_iter()
        .rev()
        .find(|r| r.operation == Some("put-account-settings"))
        .expect("the update was logged");
    let body: Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"maintenance_policy": "linode/power_off_on",
                           "interfaces_for_new_linodes": "linode_only"}),
        "only the settings set are sent"
    );

    // Maintenance: the newer record has no `when`, and filters on a new field.
    let by_platform = ListMaintenance::new().filtered(Filter::eq(
        MaintenanceField::Source,
        MaintenanceSource::Platform,
    ));
    let wire = raw(&env, &by_platform).await;
    assert!(wire["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m.get("when").is_none() || m["when"].is_null()));
    let newer = env.ok(&by_platform).await;
    assert_eq!(newer.data.len(), 1, "{newer:?}");
    assert_eq!(newer.data[0].when, None);
    assert_eq!(newer.data[0].status, MaintenanceStatus::Scheduled);
    assert!(newer.data[0].not_before.is_some());
}

#[test]
fn live_api_shapes_over_hyper() {
    Hyper::run(live_shapes);
}

#[test]
fn live_api_shapes_over_ureq() {
    Ureq::run(live_shapes);
}
