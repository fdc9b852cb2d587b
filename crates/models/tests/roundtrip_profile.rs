//! Round trips of the profile models (except SSH keys and grants) and of the login model.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

mod support;

use linode_models::account::{Login, LoginStatus};
use linode_models::profile::{
    AnsweredSecurityQuestion, AnsweredSecurityQuestions, AuthenticationType, AuthorizedApp,
    LishAuthMethod, PersonalAccessToken, PersonalAccessTokenCreate, PersonalAccessTokenUpdate,
    PhoneNumberVerification, PhoneNumberVerificationRequest, Profile, ProfileUpdate, Referrals,
    SecurityQuestion, SecurityQuestionAnswer, SecurityQuestions, SecurityQuestionsAnswer,
    TfaConfirmation, TfaScratchCode, TfaSecret, TrustedDevice, UserPreferences,
};
use linode_models::{Page, Update};

roundtrip_tests! {
    authentication_type: AuthenticationType,
    lish_auth_method: LishAuthMethod,
    referrals: Referrals,
    profile: Profile,
    profile_update: ProfileUpdate,
    personal_access_token: PersonalAccessToken,
    personal_access_token_page: Page<PersonalAccessToken>,
    personal_access_token_create: PersonalAccessTokenCreate,
    personal_access_token_update: PersonalAccessTokenUpdate,
    authorized_app: AuthorizedApp,
    authorized_app_page: Page<AuthorizedApp>,
    trusted_device: TrustedDevice,
    trusted_device_page: Page<TrustedDevice>,
    login_status: LoginStatus,
    login: Login,
    login_page: Page<Login>,
    phone_number_verification_request: PhoneNumberVerificationRequest,
    phone_number_verification: PhoneNumberVerification,
    user_preferences: UserPreferences,
    security_question: SecurityQuestion,
    security_questions: SecurityQuestions,
    security_question_answer: SecurityQuestionAnswer,
    security_questions_answer: SecurityQuestionsAnswer,
    answered_security_question: AnsweredSecurityQuestion,
    answered_security_questions: AnsweredSecurityQuestions,
    tfa_secret: TfaSecret,
    tfa_confirmation: TfaConfirmation,
    tfa_scratch_code: TfaScratchCode,
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

#[test]
fn nullable_fields_come_back_as_null() {
    let app: AuthorizedApp = serde_json::from_str(
        r#"{"created": "2024-02-11T08:15:00", "expiry": null, "id": 9001, "label": "grafana-sync",
            "scopes": "linodes:read_only", "thumbnail_url": null, "website": "grafana.example.net"}"#,
    )
    .unwrap();
    assert_eq!(app.expiry, None);
    let json = serde_json::to_value(&app).unwrap();
    assert!(json["expiry"].is_null() && json["thumbnail_url"].is_null());
}

#[test]
fn preferences_keep_any_json() {
    let text =
        r#"{"theme":"dark","font_size":14,"pinned":[{"linode":77120},null],"beta":{"on":true}}"#;
    let prefs: UserPreferences = serde_json::from_str(text).unwrap();
    assert_eq!(prefs.0["pinned"][0]["linode"], 77120);
    let back: serde_json::Value = serde_json::to_value(&prefs).unwrap();
    assert_eq!(
        back,
        serde_json::from_str::<serde_json::Value>(text).unwrap()
    );
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
