//! Round trips of the models of `linode_requests::profile::details`'s operations.

use linode_models::account::LoginStatus;
use linode_models::profile::{
    AuthenticationType, LishAuthMethod, Profile, ProfileUpdate, Referrals,
};
use linode_models::Update;

crate::roundtrip_tests! {
    authentication_type: AuthenticationType,
    lish_auth_method: LishAuthMethod,
    referrals: Referrals,
    profile: Profile,
    profile_update: ProfileUpdate,
}

#[test]
fn unknown_enum_values_are_kept() {
    let status: LoginStatus = serde_json::from_str(r#""locked_out""#).unwrap();
    assert_eq!(status, LoginStatus::Unknown("locked_out".into()));
    assert_eq!(serde_json::to_string(&status).unwrap(), r#""locked_out""#);
    let method: LishAuthMethod = serde_json::from_str(r#""webauthn""#).unwrap();
    assert_eq!(method.as_str(), "webauthn");
    let auth: AuthenticationType = serde_json::from_str(r#""github""#).unwrap();
    assert_eq!(auth, AuthenticationType::Github);
}

#[test]
fn profile_update_sends_only_what_is_set() {
    assert_eq!(
        serde_json::to_string(&ProfileUpdate::default()).unwrap(),
        "{}"
    );
    let body = ProfileUpdate {
        email_notifications: Some(false),
        authorized_keys: Update::Null,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"authorized_keys":null,"email_notifications":false}"#
    );
    let keys = ProfileUpdate {
        authorized_keys: Update::Set(vec!["ssh-ed25519 AAAAC3Nz ops@bastion".into()]),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&keys).unwrap(),
        r#"{"authorized_keys":["ssh-ed25519 AAAAC3Nz ops@bastion"]}"#
    );
}
