//! Proxy users of child accounts and the OAuth login service, as the fake models them.

mod support;

use std::time::Duration;

use http::StatusCode;
use linode_fake::FakeLinode;
use linode_models::account::OAuthClientCreate;
use linode_models::Secret;
use linode_requests::account::{
    CreateOAuthClient, CreateProxyToken, GetAccount, ListChildAccounts, ListEvents,
};
use linode_requests::login::{parse_revoke_response, parse_token_response, OAuthApp};
use linode_requests::profile::{GetProfile, ListSshKeys};
use support::*;

const CHILD: &str = "7C2A91D0-5E3B-4F1A-8E6C20B9D4F17A33";

fn response(answer: Answer) -> http::Response<bytes::Bytes> {
    let mut response = http::Response::new(answer.body);
    *response.status_mut() = answer.status;
    *response.headers_mut() = answer.headers;
    response
}

#[tokio::test]
async fn a_proxy_token_acts_only_in_its_child_account() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, parent) = (fake.url(), fake.token());
    let proxy = ok(url, parent, &CreateProxyToken::new(CHILD)).await;
    let token = proxy.token.expose();

    let account = ok(url, token, &GetAccount).await;
    assert_eq!(account.company, "Harbor Lane Bakery");
    let parents = ok(url, parent, &GetAccount).await;
    assert_ne!(parents.company, account.company);
    let profile = ok(url, token, &GetProfile).await;
    assert!(profile.username.ends_with("_proxy"), "{}", profile.username);

    // A proxy user cannot manage child accounts, nor mint proxy tokens of its own.
    let refused = api_err(url, token, &ListChildAccounts::default()).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let refused = api_err(url, token, &CreateProxyToken::new(CHILD)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // The parent's own data is not shown to it.
    let unmodelled = api_err(url, token, &ListSshKeys::default()).await;
    assert_eq!(unmodelled.status, StatusCode::NOT_IMPLEMENTED);
    // The parent's token still lists the children.
    assert_eq!(
        ok(url, parent, &ListChildAccounts::default()).await.results,
        2
    );
}

#[tokio::test]
async fn proxy_tokens_expire() {
    let fake = FakeLinode::builder()
        .proxy_token_lifetime(Duration::from_secs(1))
        .start()
        .await
        .unwrap();
    let (url, parent) = (fake.url(), fake.token());
    let proxy = ok(url, parent, &CreateProxyToken::new(CHILD)).await;
    let lifetime = proxy.expiry.to_utc() - proxy.created.to_utc();
    assert_eq!(lifetime, time::Duration::seconds(1));
    // Expiry is at whole seconds: two seconds later it has certainly passed.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let expired = api_err(url, proxy.token.expose(), &GetAccount).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
}

async fn register_app(url: &str, token: &str, public: bool) -> (String, Secret) {
    let mut create = OAuthClientCreate::new("acting-test", "http://127.0.0.1:9/callback");
    create.public = Some(public);
    let client = ok(url, token, &CreateOAuthClient { body: create }).await;
    (client.id, client.secret)
}

/// Follows the login service's redirect as a browser would, returning the callback query.
#[allow(clippy::unwrap_used)] // a test helper: a failure is a failed test
async fn approve(authorize_url: &str) -> String {
    let request = http::Request::builder()
        .uri(authorize_url)
        .header("user-agent", "browser")
        .body(bytes::Bytes::new())
        .unwrap();
    let answer = send(request).await;
    assert_eq!(answer.status, StatusCode::FOUND, "{:?}", answer.body);
    let location = answer.header("location").unwrap();
    assert!(
        location.starts_with("http://127.0.0.1:9/callback?"),
        "{location}"
    );
    location.split_once('?').unwrap().1.to_owned()
}

#[tokio::test]
async fn the_code_flow_with_refresh_and_revocation() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, admin) = (fake.url(), fake.token());
    let (id, secret) = register_app(url, admin, false).await;
    let app = OAuthApp::new(&id)
        .unwrap()
        .with_secret(secret)
        .with_redirect_uri("http://127.0.0.1:9/callback")
        .unwrap()
        .with_login_url(url)
        .unwrap();
    let login = app
        .authorize(&"account:read_only".parse().unwrap())
        .unwrap();
    let code = login.callback(&approve(login.url()).await).unwrap();

    let exchange = app.exchange_request(&code, &login).unwrap();
    let now = time::OffsetDateTime::now_utc();
    let token = parse_token_response(response(send(copy(&exchange)).await), now).unwrap();
    assert_eq!(token.scopes.unwrap().to_string(), "account:read_only");
    assert!(token.expires_at.is_some_and(|at| at > now));
    // The code is spent.
    let again = parse_token_response(response(send(exchange).await), now).unwrap_err();
    assert!(again.to_string().contains("invalid_grant"), "{again}");

    let access = token.access_token.expose();
    assert_eq!(
        ok(url, access, &GetAccount).await.company,
        ok(url, admin, &GetAccount).await.company
    );
    // The token has the scopes granted, and only those.
    let seen = get(url, "/v4/account", access).await;
    assert_eq!(seen.header("x-oauth-scopes"), Some("account:read_only"));
    let refused = api_err(url, access, &ListEvents::default()).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let refresh = app
        .refresh_request(token.refresh_token.as_ref().unwrap())
        .unwrap();
    let fresh = parse_token_response(response(send(refresh).await), now).unwrap();
    assert_ne!(fresh.access_token, token.access_token);
    assert_eq!(
        api_err(url, access, &GetAccount).await.status,
        StatusCode::UNAUTHORIZED
    );
    ok(url, fresh.access_token.expose(), &GetAccount).await;

    let revoke = app.revoke_request(&fresh.access_token).unwrap();
    parse_revoke_response(response(send(revoke).await)).unwrap();
    let revoked = api_err(url, fresh.access_token.expose(), &GetAccount).await;
    assert_eq!(revoked.status, StatusCode::UNAUTHORIZED);
    let stale = app
        .refresh_request(fresh.refresh_token.as_ref().unwrap())
        .unwrap();
    assert!(parse_token_response(response(send(stale).await), now).is_err());
}

#[tokio::test]
async fn public_clients_prove_pkce_and_the_edge_wants_a_user_agent() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, admin) = (fake.url(), fake.token());
    let (id, _) = register_app(url, admin, true).await;
    let app = OAuthApp::new(&id).unwrap().with_login_url(url).unwrap();
    let login = app.authorize(&linode_models::Scopes::all()).unwrap();
    assert!(login.uses_pkce());
    let code = login.callback(&approve(login.url()).await).unwrap();
    // Another login's verifier does not prove this code.
    let other = app.authorize(&linode_models::Scopes::all()).unwrap();
    let wrong = app.exchange_request(&code, &other).unwrap();
    let now = time::OffsetDateTime::now_utc();
    assert!(parse_token_response(response(send(wrong).await), now).is_err());

    let login = app.authorize(&linode_models::Scopes::all()).unwrap();
    let code = login.callback(&approve(login.url()).await).unwrap();
    let right = app.exchange_request(&code, &login).unwrap();
    let token = parse_token_response(response(send(right).await), now).unwrap();
    ok(url, token.access_token.expose(), &GetProfile).await;

    let mut bare = app
        .refresh_request(token.refresh_token.as_ref().unwrap())
        .unwrap();
    bare.headers_mut().remove("user-agent");
    let answer = send(bare).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let err = parse_token_response(response(answer), now).unwrap_err();
    assert!(err.to_string().contains("User-Agent"), "{err}");
}

fn copy(request: &http::Request<bytes::Bytes>) -> http::Request<bytes::Bytes> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.headers_mut() = request.headers().clone();
    copy
}
