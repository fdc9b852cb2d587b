//! Each Profile operation the fake implements: the happy path and an error, through the
//! SDK's own operation types.

mod support;

use http::{Method, StatusCode};
use linode_fake::FakeLinode;
use linode_models::profile::{
    LishAuthMethod, PersonalAccessTokenUpdate, ProfileUpdate, SshKeyUpdate,
};
use linode_models::{Scopes, Update};
use linode_requests::account::ListUsers;
use linode_requests::profile::*;
use support::*;

const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIProfileOpsTestKeyMaterial0002 ops@test";

#[tokio::test]
async fn ssh_keys_lifecycle() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());

    let seeded = ok(url, token, &ListSshKeys::default()).await;
    assert_eq!(seeded.results, 3);
    assert!(seeded
        .data
        .iter()
        .all(|k| k.ssh_key.starts_with("ssh-") || k.ssh_key.starts_with("ecdsa-")));

    let created = ok(url, token, &CreateSshKey::new("deploy-bot", KEY)).await;
    assert_eq!(created.label, "deploy-bot");
    assert_eq!(created.ssh_key, KEY);
    let got = ok(
        url,
        token,
        &GetSshKey {
            ssh_key_id: created.id,
        },
    )
    .await;
    assert_eq!(got, created);

    let updated = ok(
        url,
        token,
        &UpdateSshKey {
            ssh_key_id: created.id,
            body: SshKeyUpdate {
                label: Some("deploy-bot-2".into()),
            },
        },
    )
    .await;
    assert_eq!(updated.label, "deploy-bot-2");
    assert_eq!(updated.created, created.created);
    // An empty update changes nothing.
    let same = ok(
        url,
        token,
        &UpdateSshKey {
            ssh_key_id: created.id,
            body: SshKeyUpdate::default(),
        },
    )
    .await;
    assert_eq!(same, updated);

    ok(
        url,
        token,
        &DeleteSshKey {
            ssh_key_id: created.id,
        },
    )
    .await;
    let err = api_err(
        url,
        token,
        &GetSshKey {
            ssh_key_id: created.id,
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);
    let err = api_err(
        url,
        token,
        &DeleteSshKey {
            ssh_key_id: created.id,
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);
    let err = api_err(
        url,
        token,
        &UpdateSshKey {
            ssh_key_id: 1,
            body: SshKeyUpdate::default(),
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);
    fake.stop().await;
}

#[tokio::test]
async fn ssh_key_validation() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let err = api_err(url, token, &CreateSshKey::new("bad", "not a key")).await;
    assert_eq!(err.status, StatusCode::BAD_REQUEST);
    assert!(err.has_field_error("ssh_key"), "{err}");
    // Labels over 64 characters: the SDK refuses them before sending, the fake refuses
    // them from a client that sends them anyway.
    let refused = refused_before_sending(url, token, &CreateSshKey::new("x".repeat(65), KEY));
    assert!(refused.contains("`label`"), "{refused}");
    let long = "x".repeat(65);
    let answer = post_json(
        url,
        token,
        "/v4/profile/sshkeys",
        &format!(r#"{{"label": "{long}", "ssh_key": "{KEY}"}}"#),
    )
    .await;
    assert_eq!(answer.field().as_deref(), Some("label"));
    let id = ok(url, token, &ListSshKeys::default()).await.data[0].id;
    let update = UpdateSshKey {
        ssh_key_id: id,
        body: SshKeyUpdate {
            label: Some("y".repeat(70)),
        },
    };
    assert!(refused_before_sending(url, token, &update).contains("`label`"));
    let long = "y".repeat(70);
    let answer = send_json(
        url,
        token,
        Method::PUT,
        &format!("/v4/profile/sshkeys/{id}"),
        &format!(r#"{{"label": "{long}"}}"#),
    )
    .await;
    assert_eq!(answer.field().as_deref(), Some("label"));
    fake.stop().await;
}

#[tokio::test]
async fn tokens_created_through_the_api_carry_their_scopes() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let seeded = ok(url, token, &ListPersonalAccessTokens::default()).await;
    assert_eq!(seeded.results, 2);
    assert!(
        seeded.data.iter().all(|t| t.token.expose().len() <= 16),
        "listed tokens are cut"
    );

    let created = ok(
        url,
        token,
        &CreatePersonalAccessToken::new("reporting", Scopes::none().read_only("account")),
    )
    .await;
    assert_eq!(created.scopes.to_string(), "account:read_only");
    let value = created.token.expose().to_owned();
    assert_eq!(value.len(), 64);
    // The new token reads the account, may not write it, nor read child accounts.
    let users = call(url, &value, &ListUsers::default()).await.unwrap();
    assert_eq!(users.meta().oauth_scopes(), ["account:read_only"]);
    let err = api_err(url, &value, &CreateSshKey::new("x", KEY)).await;
    assert_eq!(err.status, StatusCode::FORBIDDEN);
    let children = get(url, "/v4/account/child-accounts", &value).await;
    assert_eq!(children.status, StatusCode::FORBIDDEN);
    // "*" (the default) may do everything.
    let star = ok(
        url,
        token,
        &CreatePersonalAccessToken::new("everything", Scopes::all()),
    )
    .await;
    ok(
        url,
        star.token.expose(),
        &CreateSshKey::new("via-star", KEY),
    )
    .await;

    let got = ok(
        url,
        token,
        &GetPersonalAccessToken {
            token_id: created.id,
        },
    )
    .await;
    assert_eq!(got.token.expose(), &value[..16]);
    let renamed = ok(
        url,
        token,
        &UpdatePersonalAccessToken {
            token_id: created.id,
            body: PersonalAccessTokenUpdate {
                label: Some("reports".into()),
            },
        },
    )
    .await;
    assert_eq!(renamed.label, "reports");
    ok(
        url,
        token,
        &RevokePersonalAccessToken {
            token_id: created.id,
        },
    )
    .await;
    let err = api_err(url, &value, &ListUsers::default()).await;
    assert_eq!(err.status, StatusCode::UNAUTHORIZED, "revoked");
    let err = api_err(
        url,
        token,
        &GetPersonalAccessToken {
            token_id: created.id,
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);
    let err = api_err(
        url,
        token,
        &RevokePersonalAccessToken {
            token_id: created.id,
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);
    let err = api_err(
        url,
        token,
        // A scope the API refuses, sent as the API would keep it (the typed path cannot).
        &CreatePersonalAccessToken::new("bad", Scopes::from_api("account:sometimes")),
    )
    .await;
    assert!(err.has_field_error("scopes"), "{err}");
    let refused = refused_before_sending(
        url,
        token,
        &CreatePersonalAccessToken::new("", Scopes::all()),
    );
    assert!(refused.contains("`label`"), "{refused}");
    let answer = post_json(
        url,
        token,
        "/v4/profile/tokens",
        r#"{"label": "", "scopes": "*"}"#,
    )
    .await;
    assert_eq!(answer.field().as_deref(), Some("label"));
    fake.stop().await;
}

#[tokio::test]
async fn profile_and_preferences() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let profile = ok(url, token, &GetProfile).await;
    assert_eq!(profile.username, "mira_okafor");
    assert!(profile.authorized_keys.is_some());
    let update = ProfileUpdate {
        authorized_keys: Update::Null,
        timezone: Some("America/Toronto".into()),
        lish_auth_method: Some(LishAuthMethod::Disabled),
        ..Default::default()
    };
    let updated = ok(url, token, &UpdateProfile::new(update)).await;
    assert_eq!(updated.authorized_keys, None);
    assert_eq!(updated.timezone, "America/Toronto");
    assert_eq!(updated.email, profile.email, "unchanged");
    let bad = ProfileUpdate {
        email: Some("nope".into()),
        ..Default::default()
    };
    assert!(api_err(url, token, &UpdateProfile::new(bad))
        .await
        .has_field_error("email"));
    // A scoped token cannot change the profile.
    fake.add_token("ro", "account:read_only").unwrap();
    let err = api_err(url, "ro", &UpdateProfile::new(ProfileUpdate::default())).await;
    assert_eq!(err.status, StatusCode::FORBIDDEN);

    let prefs = ok(url, token, &GetUserPreferences).await;
    assert_eq!(prefs.0["theme"], "dark");
    let mut next = serde_json::Map::new();
    next.insert("theme".into(), "light".into());
    let saved = ok(url, token, &UpdateUserPreferences::new(next)).await;
    assert_eq!(saved.0["theme"], "light");
    assert_eq!(ok(url, token, &GetUserPreferences).await, saved);
    let answer = send(support::raw(
        url,
        http::Method::PUT,
        "/v4/profile/preferences",
        Some(token),
        Some("[1]"),
    ))
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    fake.stop().await;
}

#[tokio::test]
async fn phone_tfa_and_security_questions() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let err = api_err(
        url,
        token,
        &VerifyPhoneNumber::new(linode_fake::PHONE_VERIFICATION_CODE),
    )
    .await;
    assert!(err.has_field_error("otp_code"), "nothing sent yet");
    let err = api_err(url, token, &SendPhoneVerificationCode::new("PT", "12")).await;
    assert!(err.has_field_error("phone_number"));
    ok(
        url,
        token,
        &SendPhoneVerificationCode::new("PT", "+351 912 555 123"),
    )
    .await;
    let err = api_err(url, token, &VerifyPhoneNumber::new("000000")).await;
    assert!(err.has_field_error("otp_code"));
    ok(
        url,
        token,
        &VerifyPhoneNumber::new(linode_fake::PHONE_VERIFICATION_CODE),
    )
    .await;
    assert_eq!(
        ok(url, token, &GetProfile)
            .await
            .verified_phone_number
            .as_deref(),
        Some("+351 912 555 123")
    );
    ok(url, token, &DeletePhoneNumber).await;
    assert_eq!(
        api_err(url, token, &DeletePhoneNumber).await.status,
        StatusCode::BAD_REQUEST
    );

    let questions = ok(url, token, &ListSecurityQuestions).await;
    assert_eq!(
        questions
            .security_questions
            .iter()
            .filter(|q| q.response.is_some())
            .count(),
        3
    );
    let answered = ok(
        url,
        token,
        &AnswerSecurityQuestions::new([(1, "Porto"), (3, "Rua Nova"), (8, "Ms Amaral")]),
    )
    .await;
    assert_eq!(answered.security_questions.len(), 3);
    assert!(answered.security_questions[0]
        .security_question
        .contains("parents"));
    let err = api_err(
        url,
        token,
        &AnswerSecurityQuestions::new([(1, "Porto"), (1, "Braga"), (99, "Lisboa")]),
    )
    .await;
    assert_eq!(err.status, StatusCode::BAD_REQUEST);
    // An answer under 3 characters: refused by the SDK, and by the fake when sent anyway.
    let short = AnswerSecurityQuestions::new([(1, "Porto"), (3, "x"), (8, "Ms Amaral")]);
    assert!(refused_before_sending(url, token, &short).contains("`response`"));
    let answer = post_json(
        url,
        token,
        "/v4/profile/security-questions",
        r#"{"security_questions": [{"question_id": 1, "response": "Porto"},
            {"question_id": 3, "response": "x"}, {"question_id": 8, "response": "Ms Amaral"}]}"#,
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);

    let err = api_err(url, token, &ConfirmTfa::new("123456")).await;
    assert_eq!(err.status, StatusCode::BAD_REQUEST, "no secret yet");
    let err = api_err(url, token, &DisableTfa).await;
    assert_eq!(err.status, StatusCode::BAD_REQUEST, "not enabled");
    let secret = ok(url, token, &CreateTfaSecret).await;
    assert_eq!(secret.secret.expose().len(), 16);
    let err = api_err(url, token, &ConfirmTfa::new("12ab")).await;
    assert!(err.has_field_error("tfa_code"));
    let scratch = ok(url, token, &ConfirmTfa::new("482913")).await;
    assert!(!scratch.scratch.expose().is_empty());
    assert!(ok(url, token, &GetProfile).await.two_factor_auth);
    assert_eq!(
        api_err(url, token, &CreateTfaSecret).await.status,
        StatusCode::BAD_REQUEST
    );
    ok(url, token, &DisableTfa).await;
    assert!(!ok(url, token, &GetProfile).await.two_factor_auth);
    fake.stop().await;
}

#[tokio::test]
async fn apps_devices_and_logins() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let apps = ok(url, token, &ListAuthorizedApps::default()).await;
    assert_eq!(apps.results, 2);
    let app = ok(
        url,
        token,
        &GetAuthorizedApp {
            app_id: apps.data[0].id,
        },
    )
    .await;
    assert_eq!(app, apps.data[0]);
    ok(url, token, &RevokeAuthorizedApp { app_id: app.id }).await;
    assert_eq!(
        api_err(url, token, &GetAuthorizedApp { app_id: app.id })
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        api_err(url, token, &RevokeAuthorizedApp { app_id: app.id })
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let devices = ok(url, token, &ListTrustedDevices::default()).await;
    assert_eq!(devices.results, 2);
    let device = ok(
        url,
        token,
        &GetTrustedDevice {
            device_id: devices.data[1].id,
        },
    )
    .await;
    assert!(device.expiry > device.created);
    ok(
        url,
        token,
        &RevokeTrustedDevice {
            device_id: device.id,
        },
    )
    .await;
    assert_eq!(
        api_err(
            url,
            token,
            &GetTrustedDevice {
                device_id: device.id
            }
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    let mine = ok(url, token, &ListProfileLogins::default()).await;
    assert_eq!(mine.results, 10);
    assert!(mine.data.iter().all(|l| l.username == "mira_okafor"));
    let all = ok(
        url,
        token,
        &linode_requests::account::ListAccountLogins::default(),
    )
    .await;
    assert_eq!(all.results, 30);
    let other = all
        .data
        .iter()
        .find(|l| l.username != "mira_okafor")
        .unwrap();
    let err = api_err(url, token, &GetProfileLogin { login_id: other.id }).await;
    assert_eq!(err.status, StatusCode::NOT_FOUND, "not one's own login");
    let got = ok(
        url,
        token,
        &linode_requests::account::GetAccountLogin { login_id: other.id },
    )
    .await;
    assert_eq!(&got, other);
    let login = ok(
        url,
        token,
        &GetProfileLogin {
            login_id: mine.data[0].id,
        },
    )
    .await;
    assert_eq!(login, mine.data[0]);
    fake.stop().await;
}
