//! Profile: its 31 operations, each sent through the client and its typed answer checked
//! (what is created comes back by GET, what is deleted then 404s, lists hold the seed).

use http::StatusCode;
use linode::models::profile::{
    LishAuthMethod, PersonalAccessTokenUpdate, ProfileUpdate, SshKeyUpdate,
};
use linode::models::Update;
use linode::profile::*;
use linode::requests::{Filter, Pagination};
use serde_json::json;

use crate::e2e_support::{Api, Env, Runs};

/// The profile's owner in the fake's seed.
const OWNER: &str = "mira_okafor";
/// An SSH public key made up for these tests.
const KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE2eTestsKeyMaterialForTheTourOfTheSdk01 e2e@ci";

/// Every Profile scenario, each on a fresh fake.
pub fn all<A: Api>(runs: &mut Runs<A>) {
    runs.run(
        "profile::details_and_preferences",
        details_and_preferences::<A>,
    );
    runs.run("profile::ssh_keys", ssh_keys::<A>);
    runs.run("profile::tokens", tokens::<A>);
    runs.run(
        "profile::apps_devices_logins_grants",
        apps_devices_logins_grants::<A>,
    );
    runs.run("profile::phone_questions_tfa", phone_questions_tfa::<A>);
}

/// get-profile, put-profile, get-user-preferences, put-user-preferences.
pub async fn details_and_preferences<A: Api>(env: Env<A>) {
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

/// get-ssh-keys, post-add-ssh-key, get-ssh-key, put-ssh-key, delete-ssh-key.
pub async fn ssh_keys<A: Api>(env: Env<A>) {
    let seeded = env.ok(&ListSshKeys::default()).await;
    assert_eq!(seeded.results, 3);
    assert_eq!(seeded.data.len(), 3);

    let created = env.ok(&CreateSshKey::new("e2e-laptop", KEY)).await;
    assert_eq!(
        (created.label.as_str(), created.ssh_key.as_str()),
        ("e2e-laptop", KEY)
    );
    assert!(seeded.data.iter().all(|k| k.id != created.id), "a new id");
    assert_eq!(
        env.ok(&GetSshKey {
            ssh_key_id: created.id
        })
        .await,
        created
    );
    let by_label = ListSshKeys {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(SshKeyField::Label, "e2e-laptop")),
    };
    assert_eq!(env.ok(&by_label).await.data, vec![created.clone()]);

    let renamed = env
        .ok(&UpdateSshKey {
            ssh_key_id: created.id,
            body: SshKeyUpdate {
                label: Some("e2e-desk".into()),
            },
        })
        .await;
    assert_eq!(renamed.label, "e2e-desk");
    assert_eq!(
        (renamed.ssh_key.as_str(), renamed.created),
        (KEY, created.created)
    );
    assert_eq!(
        env.ok(&GetSshKey {
            ssh_key_id: created.id
        })
        .await,
        renamed
    );

    env.ok(&DeleteSshKey {
        ssh_key_id: created.id,
    })
    .await;
    let gone = env
        .api_err(&GetSshKey {
            ssh_key_id: created.id,
        })
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(env.ok(&ListSshKeys::default()).await.data, seeded.data);
}

/// get-personal-access-tokens, post-personal-access-token, get-personal-access-token,
/// put-personal-access-token, delete-personal-access-token.
pub async fn tokens<A: Api>(env: Env<A>) {
    let seeded = env.ok(&ListPersonalAccessTokens::default()).await;
    assert_eq!(seeded.results, 2);

    let created = env
        .ok(&CreatePersonalAccessToken::new(
            "e2e-reports",
            linode::models::Scopes::none().read_only("account"),
        ))
        .await;
    assert_eq!(
        (created.label.as_str(), created.scopes.to_string().as_str()),
        ("e2e-reports", "account:read_only")
    );
    let secret = created.token.expose().to_owned();
    assert!(secret.len() >= 32, "the whole token, once");
    assert!(
        !format!("{created:?}").contains(&secret),
        "Debug hides the token"
    );

    let got = env
        .ok(&GetPersonalAccessToken {
            token_id: created.id,
        })
        .await;
    assert_eq!(
        (got.id, got.label.as_str(), got.scopes.to_string().as_str()),
        (created.id, "e2e-reports", "account:read_only")
    );
    assert!(
        got.token.expose().len() < secret.len() && secret.starts_with(got.token.expose()),
        "later reads show only the start of the token"
    );
    let listed = env.ok(&ListPersonalAccessTokens::default()).await;
    assert_eq!(listed.results, 3);
    assert!(listed.data.iter().any(|t| t.id == created.id));

    // The new token is accepted by the API, as the profile's owner.
    let holder = env.client(Some(&secret));
    let me = holder.send_op(&GetProfile).await.unwrap();
    assert_eq!(me.value.username, OWNER);
    assert_eq!(me.meta().oauth_scopes(), ["account:read_only"]);

    let renamed = env
        .ok(&UpdatePersonalAccessToken {
            token_id: created.id,
            body: PersonalAccessTokenUpdate {
                label: Some("e2e-reporting".into()),
            },
        })
        .await;
    assert_eq!(
        (renamed.id, renamed.label.as_str()),
        (created.id, "e2e-reporting")
    );
    assert_eq!(
        env.ok(&GetPersonalAccessToken {
            token_id: created.id
        })
        .await
        .label,
        "e2e-reporting"
    );

    env.ok(&RevokePersonalAccessToken {
        token_id: created.id,
    })
    .await;
    let gone = env
        .api_err(&GetPersonalAccessToken {
            token_id: created.id,
        })
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let refused = holder.send_op(&GetProfile).await.unwrap_err();
    assert_eq!(
        refused.status(),
        Some(StatusCode::UNAUTHORIZED),
        "a revoked token stops working"
    );
    assert_eq!(
        env.ok(&ListPersonalAccessTokens::default()).await.results,
        2
    );
}

/// get-profile-apps, get-profile-app, delete-profile-app, get-devices, get-trusted-device,
/// delete-trusted-device, get-profile-logins, get-profile-login, get-profile-grants.
pub async fn apps_devices_logins_grants<A: Api>(env: Env<A>) {
    let apps = env.ok(&ListAuthorizedApps::default()).await;
    assert_eq!(apps.results, 2);
    let app = env
        .ok(&GetAuthorizedApp {
            app_id: apps.data[0].id,
        })
        .await;
    assert_eq!(app, apps.data[0]);
    env.ok(&RevokeAuthorizedApp { app_id: app.id }).await;
    let gone = env.api_err(&GetAuthorizedApp { app_id: app.id }).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let left = env.ok(&ListAuthorizedApps::default()).await;
    assert_eq!(left.data, apps.data[1..].to_vec());

    let devices = env.ok(&ListTrustedDevices::default()).await;
    assert_eq!(devices.results, 2);
    let device = env
        .ok(&GetTrustedDevice {
            device_id: devices.data[1].id,
        })
        .await;
    assert_eq!(device, devices.data[1]);
    assert!(device.expiry > device.created);
    env.ok(&RevokeTrustedDevice {
        device_id: device.id,
    })
    .await;
    let gone = env
        .api_err(&GetTrustedDevice {
            device_id: device.id,
        })
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(
        env.ok(&ListTrustedDevices::default()).await.data,
        devices.data[..1].to_vec()
    );

    let logins = env.ok(&ListProfileLogins::default()).await;
    assert_eq!(logins.results, 10);
    assert!(
        logins.data.iter().all(|l| l.username == OWNER),
        "only one's own logins"
    );
    let login = env
        .ok(&GetProfileLogin {
            login_id: logins.data[3].id,
        })
        .await;
    assert_eq!(login, logins.data[3]);

    // The owner is unrestricted: the API answers 204 and the SDK says so.
    assert!(env.ok(&GetProfileGrants).await.is_unrestricted());
}

/// post-profile-phone-number, post-profile-phone-number-verify, delete-profile-phone-number,
/// get-security-questions, post-security-questions, post-tfa-enable, post-tfa-enable-confirm,
/// post-tfa-disable.
pub async fn phone_questions_tfa<A: Api>(env: Env<A>) {
    const PHONE: &str = "+351 912 555 318";
    env.ok(&SendPhoneVerificationCode::new("PT", PHONE)).await;
    env.ok(&VerifyPhoneNumber::new(
        linode_fake::PHONE_VERIFICATION_CODE,
    ))
    .await;
    assert_eq!(
        env.ok(&GetProfile).await.verified_phone_number.as_deref(),
        Some(PHONE)
    );
    env.ok(&DeletePhoneNumber).await;
    assert_eq!(env.ok(&GetProfile).await.verified_phone_number, None);

    let questions = env.ok(&ListSecurityQuestions).await;
    assert!(questions.security_questions.len() >= 8);
    let answered = env
        .ok(&AnswerSecurityQuestions::new([
            (2, "Coimbra"),
            (4, "Rua do Almada"),
            (8, "Mr Tavares"),
        ]))
        .await;
    let ids: Vec<u64> = answered
        .security_questions
        .iter()
        .map(|a| a.question_id)
        .collect();
    assert_eq!(ids, [2, 4, 8]);
    for answer in &answered.security_questions {
        let asked = questions
            .security_questions
            .iter()
            .find(|q| q.id == answer.question_id)
            .unwrap();
        assert_eq!(answer.security_question, asked.question);
    }
    let now = env.ok(&ListSecurityQuestions).await;
    let with_answer: Vec<u64> = now
        .security_questions
        .iter()
        .filter(|q| q.response.is_some())
        .map(|q| q.id)
        .collect();
    assert_eq!(with_answer, [2, 4, 8]);

    let secret = env.ok(&CreateTfaSecret).await;
    assert!(!secret.secret.expose().is_empty());
    assert!(!format!("{secret:?}").contains(secret.secret.expose()));
    let scratch = env.ok(&ConfirmTfa::new("730194")).await;
    assert!(!scratch.scratch.expose().is_empty());
    assert!(env.ok(&GetProfile).await.two_factor_auth);
    env.ok(&DisableTfa).await;
    assert!(!env.ok(&GetProfile).await.two_factor_auth);
}
