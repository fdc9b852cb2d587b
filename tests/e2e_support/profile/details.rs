//! `profile::details`: the profile, read and changed (a nullable field cleared).

use linode::models::profile::{LishAuthMethod, ProfileUpdate};
use linode::models::Update;
use linode::profile::*;

use super::{KEY, OWNER};
use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let profile = env.ok(&GetProfile).await;
    assert_eq!(profile.username, OWNER);
    assert!(!profile.restricted);

    let update = ProfileUpdate {
        timezone: Some("Atlantic/Azores".into()),
        email_notifications: Some(!profile.email_notifications),
        lish_auth_method: Some(LishAuthMethod::KeysOnly),
        authorized_keys: Update::Set(vec![KEY.to_owned()]),
        ..Default::default()
    };
    let updated = env.ok(&UpdateProfile::new(update)).await;
    assert_eq!(updated.timezone, "Atlantic/Azores");
    assert_eq!(updated.email_notifications, !profile.email_notifications);
    assert_eq!(updated.lish_auth_method, LishAuthMethod::KeysOnly);
    assert_eq!(updated.authorized_keys, Some(vec![KEY.to_owned()]));
    assert_eq!(
        (updated.email.as_str(), updated.uid),
        (profile.email.as_str(), profile.uid),
        "unchanged"
    );
    assert_eq!(env.ok(&GetProfile).await, updated, "the change is stored");
    // A nullable field set to null comes back null.
    let cleared = ProfileUpdate {
        authorized_keys: Update::Null,
        ..Default::default()
    };
    assert_eq!(
        env.ok(&UpdateProfile::new(cleared)).await.authorized_keys,
        None
    );
}
