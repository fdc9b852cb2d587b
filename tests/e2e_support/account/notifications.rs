//! `account::notifications`: the seeded notification.

use linode::account::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let notes = env.ok(&ListNotifications::default()).await;
    assert_eq!(notes.results, 1);
    assert_eq!(notes.data[0].label, "Scheduled migration");
    assert_eq!(
        notes.data[0].entity.as_ref().and_then(|e| e.id),
        Some(31002)
    );
}
