//! Round trips of the models of `linode_requests::profile::tokens`'s operations.

use linode_models::profile::{
    PersonalAccessToken, PersonalAccessTokenCreate, PersonalAccessTokenUpdate, TfaScratchCode,
    TfaSecret,
};
use linode_models::Page;

crate::roundtrip_tests! {
    personal_access_token: PersonalAccessToken,
    personal_access_token_page: Page<PersonalAccessToken>,
    personal_access_token_create: PersonalAccessTokenCreate,
    personal_access_token_update: PersonalAccessTokenUpdate,
}

#[test]
fn secrets_are_hidden_from_debug() {
    let token: PersonalAccessToken = serde_json::from_str(
        r#"{"created": "2024-06-03T09:30:00", "expiry": null, "id": 551, "label": "ci",
            "scopes": "*", "token": "f00dfeedc0ffee4242deadbeef0123456789abcdef"}"#,
    )
    .unwrap();
    assert!(!format!("{token:?}").contains("f00dfeed"));
    let tfa: TfaSecret =
        serde_json::from_str(r#"{"expiry": "2024-06-03T09:45:00", "secret": "JBSWY3DPEHPK3PXQ"}"#)
            .unwrap();
    assert!(!format!("{tfa:?}").contains("JBSWY3DP"));
    let scratch: TfaScratchCode = serde_json::from_str(r#"{"scratch": "7QX2-M9KD-44RT"}"#).unwrap();
    assert!(!format!("{scratch:?}").contains("7QX2"));
    assert_eq!(scratch.scratch.expose(), "7QX2-M9KD-44RT");
}
