//! End to end, tokens and scopes, through both transports: no token and a wrong token give
//! 401s whose message says what to check; a token made through the API with
//! `account:read_only` reads but gets a 403 on a write whose message names the scope it
//! lacks; no error's `Display` or `Debug` ever shows a token.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod e2e_support;

use e2e_support::{api_error, assert_hides, on_both_transports, Api, Env};
use http::header::AUTHORIZATION;
use http::StatusCode;
use linode::account::{GetAccount, ListEvents, ListUsers, UpdateAccount};
use linode::models::account::AccountUpdate;
use linode::profile::{
    CreatePersonalAccessToken, CreateSshKey, GetProfile, ListSshKeys, RevokePersonalAccessToken,
};
use linode::requests::{BuildError, Error, Operation, RequestConfig};

on_both_transports! {
    no_token_is_refused_before_sending_and_by_the_api,
    a_wrong_token_gets_a_401_that_says_what_to_check,
    a_read_only_token_reads_and_gets_403_naming_the_scope_on_writes,
}

const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIScopesAndTokensKeyMaterialForE2e03 auth@ci";
const ADVICE_401: &str = "the token is missing, wrong, expired or revoked";

/// Without a token the client does not send an operation that needs one; a request that
/// reaches the API without `Authorization` gets a 401 with the same advice as a bad token.
async fn no_token_is_refused_before_sending_and_by_the_api<A: Api>(env: Env<A>) {
    let anonymous = env.client(None);
    let error = anonymous.send_op(&GetProfile).await.unwrap_err();
    assert!(
        matches!(
            &error,
            Error::Build {
                source: BuildError::MissingToken,
                ..
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("LINODE_TOKEN"), "{error}");
    assert!(env.log().is_empty(), "nothing was sent");

    // The same request with its Authorization header taken off, sent through the client.
    let config = RequestConfig::new()
        .with_base_url(&env.url)
        .unwrap()
        .with_token(&env.token)
        .unwrap();
    let mut request = GetProfile.to_http_request(&config).unwrap();
    request.headers_mut().remove(AUTHORIZATION);
    let response = anonymous.execute(&GetProfile::META, request).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let error = api_error::<GetProfile>(GetProfile::from_http_response(response), env.transport());
    assert_eq!(error.status, StatusCode::UNAUTHORIZED);
    assert!(error.to_string().contains(ADVICE_401), "{error}");
    let log = env.log();
    assert_eq!(log.len(), 1, "a 401 is not retried");
    assert_eq!(log[0].header("authorization"), None);
    assert_eq!(log[0].status, Some(401));
}

/// A token the API does not know: 401, not retried, and the message names the token as
/// the thing to check without showing it.
async fn a_wrong_token_gets_a_401_that_says_what_to_check<A: Api>(env: Env<A>) {
    let wrong = "e2e0wrong0token0b7c41f9d2e8a63";
    let stranger = env.client(Some(wrong));
    let error = stranger.send_op(&ListSshKeys::default()).await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
    let text = error.to_string();
    assert!(text.contains(ADVICE_401), "{text}");
    assert!(text.contains("profile::ListSshKeys"), "{text}");
    assert_hides(&error, wrong);
    assert_eq!(env.count("get-ssh-keys"), 1, "a 401 is not retried");
    // The log redacts the token too.
    assert_eq!(
        env.log()[0].header("authorization"),
        Some("Bearer [redacted]")
    );
    // And a write with it changes nothing.
    let error = stranger
        .send_op(&CreateSshKey::new("e2e-stranger", KEY))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
    assert_hides(&error, wrong);
    assert_eq!(env.ok(&ListSshKeys::default()).await.results, 3);
}

/// A token created through the API with `account:read_only`: reads work, writes get a 403
/// whose message names `account:read_write`, other scopes' reads get a 403 naming theirs.
async fn a_read_only_token_reads_and_gets_403_naming_the_scope_on_writes<A: Api>(env: Env<A>) {
    let created = env
        .ok(&CreatePersonalAccessToken::new(
            "e2e-read-only",
            linode::models::Scopes::none().read_only("account"),
        ))
        .await;
    assert_eq!(created.scopes.to_string(), "account:read_only");
    let secret = created.token.expose().to_owned();
    let reader = env.client(Some(&secret));

    let users = reader.send_op(&ListUsers::default()).await.unwrap();
    assert_eq!(users.value.results, 4);
    assert_eq!(users.meta().oauth_scopes(), ["account:read_only"]);
    let account = reader.send_op(&GetAccount).await.unwrap().value;
    assert_eq!(account.company, "Tallowbrook Studio");

    let before = env.count("post-add-ssh-key");
    let error = reader
        .send_op(&CreateSshKey::new("e2e-read-only", KEY))
        .await
        .unwrap_err();
    let api = error.as_api().unwrap();
    assert_eq!(api.status, StatusCode::FORBIDDEN);
    let text = error.to_string();
    assert!(
        text.contains("needs the scope account:read_write"),
        "{text}"
    );
    assert_hides(&error, &secret);
    assert_hides(&error, &env.token);
    assert_eq!(
        env.count("post-add-ssh-key"),
        before + 1,
        "a 403 is not retried"
    );
    assert_eq!(
        env.ok(&ListSshKeys::default()).await.results,
        3,
        "nothing created"
    );

    let update = UpdateAccount {
        body: AccountUpdate {
            city: Some("Faro".into()),
            ..Default::default()
        },
    };
    let error = reader.send_op(&update).await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::FORBIDDEN));
    assert!(error.to_string().contains("account:read_write"), "{error}");
    assert_hides(&error, &secret);
    assert_eq!(env.ok(&GetAccount).await.city, account.city, "unchanged");

    // Events have their own scope, which this token lacks.
    let error = reader.send_op(&ListEvents::default()).await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::FORBIDDEN));
    assert!(error.to_string().contains("events:read_only"), "{error}");

    // Revoked, it is refused as unknown.
    env.ok(&RevokePersonalAccessToken {
        token_id: created.id,
    })
    .await;
    let error = reader.send_op(&ListUsers::default()).await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
    assert!(error.to_string().contains(ADVICE_401), "{error}");
    assert_hides(&error, &secret);
    let log = format!("{:?}", env.log());
    assert!(
        !log.contains(&secret) && !log.contains(&env.token),
        "the fake's log redacts tokens"
    );
}
