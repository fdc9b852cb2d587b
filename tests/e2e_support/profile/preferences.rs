//! `profile::preferences`: the free-form preferences, replaced and read back.

use linode::profile::*;
use serde_json::json;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let preferences = env.ok(&GetUserPreferences).await;
    assert!(!preferences.0.is_empty(), "seeded preferences");
    let mut next = preferences.0.clone();
    next.insert("theme".into(), json!("light"));
    next.insert(
        "sortKeys".into(),
        json!({"linodes": {"order": "desc", "orderBy": "label"}}),
    );
    let saved = env.ok(&UpdateUserPreferences::new(next.clone())).await;
    assert_eq!(saved.0, next);
    assert_eq!(env.ok(&GetUserPreferences).await, saved);
}
