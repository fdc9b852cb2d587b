//! End to end, who the client acts as, through both transports: a token rotated without
//! rebuilding the client; the Linode CLI's file read from a temporary HOME, with a `401` on a
//! GET retried once with the file's new token and on a POST not re-sent; a child session that
//! outlives its first proxy token; the OAuth code flow with refresh and revocation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::StatusCode;
use linode::account::{CreateOAuthClient, CreateProxyToken, GetAccount, ListChildAccounts};
use linode::client::auth::{CliConfigToken, OAuthRefresher, RotatingToken};
use linode::models::account::OAuthClientCreate;
use linode::models::{Scopes, Secret};
use linode::profile::{CreateSshKey, GetProfile};
use linode::requests::login::OAuthApp;
use linode::{ClientConfig, Error};
use linode_fake::{FakeLinode, LoggedRequest};

const CHILD: &str = "7C2A91D0-5E3B-4F1A-8E6C20B9D4F17A33";
const REDIRECT: &str = "http://127.0.0.1:9/callback";

fn config(url: &str) -> ClientConfig {
    ClientConfig::new()
        .with_base_url(url)
        .unwrap()
        .with_request_timeout(Duration::from_secs(5))
}

fn statuses(log: &[LoggedRequest], operation: &str) -> Vec<u16> {
    log.iter()
        .filter(|r| r.operation == Some(operation))
        .filter_map(|r| r.status)
        .collect()
}

fn status_of(error: &Error) -> Option<StatusCode> {
    error.status()
}

fn key(n: u32) -> CreateSshKey {
    CreateSshKey::new(
        format!("acting-{n}"),
        format!("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIActingAsSomeoneElseKey{n:04} a@b"),
    )
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

// ---- rotation -------------------------------------------------------------------------

#[test]
fn rotating_a_token_without_rebuilding_the_client_hyper() {
    runtime().block_on(async {
        let fake = FakeLinode::start().await.unwrap();
        let rotating = RotatingToken::new(Secret::new(fake.token())).unwrap();
        let client = linode_hyper::Client::from_config(
            config(fake.url()).with_token_provider(rotating.clone()),
        )
        .unwrap();
        client.send(&GetProfile).await.unwrap();
        fake.add_token("rotated-token-2", "*").unwrap();
        rotating.set(Secret::new("rotated-token-2")).unwrap();
        assert!(fake.revoke_token(fake.token()));
        client.send(&GetProfile).await.unwrap();
        assert_eq!(statuses(&fake.requests(), "get-profile"), [200, 200]);
    });
}

#[test]
fn rotating_a_token_without_rebuilding_the_client_ureq() {
    let fake = FakeLinode::start_blocking().unwrap();
    let rotating = RotatingToken::new(Secret::new(fake.token())).unwrap();
    let client =
        linode_ureq::Client::from_config(config(fake.url()).with_token_provider(rotating.clone()))
            .unwrap();
    client.send(&GetProfile).unwrap();
    fake.add_token("rotated-token-2", "*").unwrap();
    rotating.set(Secret::new("rotated-token-2")).unwrap();
    assert!(fake.revoke_token(fake.token()));
    client.send(&GetProfile).unwrap();
    assert_eq!(statuses(&fake.requests(), "get-profile"), [200, 200]);
}

// ---- the CLI's file, and a 401 ----------------------------------------------------------

fn write_cli_file(home: &std::path::Path, token: &str) {
    let dir = home.join(".config");
    std::fs::create_dir_all(&dir).unwrap();
    let text = format!(
        "[DEFAULT]\ndefault-user = mira\n\n[mira]\ntoken = {token}\nregion = eu-central\n\n[other]\ntoken = not-this-one\n"
    );
    std::fs::write(dir.join("linode-cli"), text).unwrap();
}

/// One test for both transports: it sets HOME, which no other test of this binary reads.
#[test]
fn the_cli_file_from_a_temporary_home_and_a_401_retried_only_when_idempotent() {
    let home = std::env::temp_dir().join(format!("linode-acting-home-{}", std::process::id()));
    std::env::remove_var("XDG_CONFIG_HOME");
    std::env::set_var("HOME", &home);

    // async (hyper)
    runtime().block_on(async {
        let fake = FakeLinode::start().await.unwrap();
        write_cli_file(&home, fake.token());
        let provider = CliConfigToken::default_user().unwrap();
        assert_eq!(provider.path(), home.join(".config/linode-cli"));
        let client =
            linode_hyper::Client::from_config(config(fake.url()).with_token_provider(provider))
                .unwrap();
        client.send(&GetProfile).await.unwrap();

        // `linode-cli configure` wrote a new token; the old one is revoked.
        fake.add_token("cli-token-b", "*").unwrap();
        write_cli_file(&home, "cli-token-b");
        fake.revoke_token(fake.token());
        client.send(&GetProfile).await.unwrap();
        assert_eq!(statuses(&fake.requests(), "get-profile"), [200, 401, 200]);

        fake.add_token("cli-token-c", "*").unwrap();
        write_cli_file(&home, "cli-token-c");
        fake.revoke_token("cli-token-b");
        let refused = client.send(&key(1)).await.unwrap_err();
        assert_eq!(status_of(&refused), Some(StatusCode::UNAUTHORIZED));
        assert_eq!(
            statuses(&fake.requests(), "post-add-ssh-key"),
            [401],
            "not re-sent"
        );
        client.send(&key(2)).await.unwrap();
        assert_eq!(statuses(&fake.requests(), "post-add-ssh-key"), [401, 200]);
    });

    // blocking (ureq)
    let fake = FakeLinode::start_blocking().unwrap();
    write_cli_file(&home, fake.token());
    let client = linode_ureq::Client::from_config(
        config(fake.url()).with_token_provider(CliConfigToken::default_user().unwrap()),
    )
    .unwrap();
    client.send(&GetProfile).unwrap();
    fake.add_token("cli-token-b", "*").unwrap();
    write_cli_file(&home, "cli-token-b");
    fake.revoke_token(fake.token());
    client.send(&GetProfile).unwrap();
    assert_eq!(statuses(&fake.requests(), "get-profile"), [200, 401, 200]);
    fake.add_token("cli-token-c", "*").unwrap();
    write_cli_file(&home, "cli-token-c");
    fake.revoke_token("cli-token-b");
    let refused = client.send(&key(1)).unwrap_err();
    assert_eq!(status_of(&refused), Some(StatusCode::UNAUTHORIZED));
    assert_eq!(
        statuses(&fake.requests(), "post-add-ssh-key"),
        [401],
        "not re-sent"
    );
    client.send(&key(2)).unwrap();

    let named = CliConfigToken::user("other").unwrap();
    assert!(!format!("{named:?}").contains("not-this-one"));
    assert!(CliConfigToken::user("nobody").is_err());
    let _ = std::fs::remove_dir_all(&home);
}

// ---- child sessions -------------------------------------------------------------------

/// Proxy tokens live 4 s here; the session renews at half-life, so after 2.5 s the next call
/// mints a second token first and nothing is refused.
const PROXY_LIFETIME: Duration = Duration::from_secs(4);
const PAST_HALF_LIFE: Duration = Duration::from_millis(2500);

fn assert_child_log(log: &[LoggedRequest]) {
    assert_eq!(statuses(log, "post-child-account-token"), [200, 200]);
    assert_eq!(statuses(log, "get-account"), [200, 200, 200]);
    assert!(log.iter().all(|r| r.status != Some(401)), "no call failed");
    assert!(log.iter().all(|r| r
        .headers
        .iter()
        .all(|(_, v)| !v.contains("Bearer ") || v.ends_with("[redacted]"))));
}

#[test]
fn a_child_session_outlives_its_first_proxy_token_hyper() {
    runtime().block_on(async {
        let fake = FakeLinode::builder()
            .proxy_token_lifetime(PROXY_LIFETIME)
            .start()
            .await
            .unwrap();
        let parent =
            linode_hyper::Client::from_config(config(fake.url()).with_token(fake.token()).unwrap())
                .unwrap();
        let child = parent.child(CHILD);
        assert!(!format!("{child:?}").contains("Bearer"));
        assert_eq!(
            child.send(&GetAccount).await.unwrap().company,
            "Harbor Lane Bakery"
        );
        assert_eq!(
            child.send(&GetAccount).await.unwrap().company,
            "Harbor Lane Bakery"
        );
        tokio::time::sleep(PAST_HALF_LIFE).await;
        assert_eq!(
            child.send(&GetAccount).await.unwrap().company,
            "Harbor Lane Bakery"
        );
        // The parent is still the parent.
        assert_ne!(
            parent.send(&GetAccount).await.unwrap().company,
            "Harbor Lane Bakery"
        );
        let mut log = fake.requests();
        log.pop();
        assert_child_log(&log);
    });
}

#[test]
fn a_child_session_outlives_its_first_proxy_token_ureq() {
    let fake = FakeLinode::builder()
        .proxy_token_lifetime(PROXY_LIFETIME)
        .start_blocking()
        .unwrap();
    let parent =
        linode_ureq::Client::from_config(config(fake.url()).with_token(fake.token()).unwrap())
            .unwrap();
    let child = parent.child(CHILD);
    assert_eq!(parent.granted_scopes(), None, "nothing seen yet");
    assert_eq!(parent.may_send::<GetAccount>(), None);
    assert_eq!(
        parent.may_send::<GetProfile>(),
        Some(true),
        "needs no scope"
    );
    assert_eq!(
        child.send(&GetAccount).unwrap().company,
        "Harbor Lane Bakery"
    );
    // The proxy token's scopes, from its answer and then from X-OAuth-Scopes.
    assert!(child.granted_scopes().is_some());
    assert_eq!(child.may_send::<GetAccount>(), Some(true));
    assert_eq!(
        parent.granted_scopes(),
        None,
        "the parent's token was not used for a call"
    );
    assert_eq!(
        child.send(&GetAccount).unwrap().company,
        "Harbor Lane Bakery"
    );
    std::thread::sleep(PAST_HALF_LIFE);
    assert_eq!(
        child.send(&GetAccount).unwrap().company,
        "Harbor Lane Bakery"
    );
    assert_child_log(&fake.requests());
}

/// How many first requests race for the child's first proxy token.
const RACERS: usize = 16;

#[test]
fn concurrent_first_requests_of_a_child_mint_one_proxy_token_hyper() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let fake = FakeLinode::start().await.unwrap();
        let parent =
            linode_hyper::Client::from_config(config(fake.url()).with_token(fake.token()).unwrap())
                .unwrap();
        let child = parent.child(CHILD);
        let mut racers = tokio::task::JoinSet::new();
        for _ in 0..RACERS {
            // Clones share the child's identity, so its renewal gate too.
            let child = child.clone();
            racers.spawn(async move { child.send(&GetAccount).await });
        }
        while let Some(done) = racers.join_next().await {
            assert_eq!(done.unwrap().unwrap().company, "Harbor Lane Bakery");
        }
        assert_eq!(fake.count_of::<CreateProxyToken>(), 1);
        assert_eq!(fake.count_of::<GetAccount>(), RACERS);
    });
}

#[test]
fn concurrent_first_requests_of_a_child_mint_one_proxy_token_ureq() {
    let fake = FakeLinode::builder().start_blocking().unwrap();
    let parent =
        linode_ureq::Client::from_config(config(fake.url()).with_token(fake.token()).unwrap())
            .unwrap();
    let child = parent.child(CHILD);
    let barrier = std::sync::Barrier::new(RACERS);
    std::thread::scope(|scope| {
        let racers: Vec<_> = (0..RACERS)
            .map(|_| {
                scope.spawn(|| {
                    barrier.wait();
                    child.send(&GetAccount)
                })
            })
            .collect();
        for racer in racers {
            assert_eq!(racer.join().unwrap().unwrap().company, "Harbor Lane Bakery");
        }
    });
    assert_eq!(fake.count_of::<CreateProxyToken>(), 1);
    assert_eq!(fake.count_of::<GetAccount>(), RACERS);
}

/// The same race through two clients built separately with the child's one provider (as two
/// parts of a program would build theirs from one `ClientConfig`): the renewal gate belongs to
/// the provider, so they mint one proxy token between them.
#[test]
fn two_clients_built_separately_with_one_provider_mint_one_proxy_token_hyper() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let fake = FakeLinode::start().await.unwrap();
        let parent =
            linode_hyper::Client::from_config(config(fake.url()).with_token(fake.token()).unwrap())
                .unwrap();
        let provider = parent.child(CHILD).token_provider().cloned().unwrap();
        let shared = config(fake.url()).with_shared_token_provider(provider);
        let clients = [
            linode_hyper::Client::from_config(shared.clone()).unwrap(),
            linode_hyper::Client::from_config(shared).unwrap(),
        ];
        let mut racers = tokio::task::JoinSet::new();
        for n in 0..RACERS {
            let client = clients[n % 2].clone();
            racers.spawn(async move { client.send(&GetAccount).await });
        }
        while let Some(done) = racers.join_next().await {
            assert_eq!(done.unwrap().unwrap().company, "Harbor Lane Bakery");
        }
        assert_eq!(fake.count_of::<CreateProxyToken>(), 1);
        assert_eq!(fake.count_of::<GetAccount>(), RACERS);
    });
}

/// The same through a blocking and an async client sharing the provider: one gate for both.
#[test]
fn a_blocking_and_an_async_client_with_one_provider_mint_one_proxy_token() {
    let fake = FakeLinode::builder().start_blocking().unwrap();
    let parent =
        linode_ureq::Client::from_config(config(fake.url()).with_token(fake.token()).unwrap())
            .unwrap();
    let provider = parent.child(CHILD).token_provider().cloned().unwrap();
    let shared = config(fake.url()).with_shared_token_provider(provider);
    let blocking = linode_ureq::Client::from_config(shared.clone()).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let asynchronous = runtime
        .block_on(async { linode_hyper::Client::from_config(shared) })
        .unwrap();
    let barrier = std::sync::Barrier::new(RACERS);
    std::thread::scope(|scope| {
        let racers: Vec<_> = (0..RACERS)
            .map(|n| {
                let (blocking, asynchronous, runtime, barrier) =
                    (&blocking, &asynchronous, &runtime, &barrier);
                scope.spawn(move || {
                    barrier.wait();
                    if n % 2 == 0 {
                        blocking.send(&GetAccount)
                    } else {
                        runtime.block_on(asynchronous.send(&GetAccount))
                    }
                })
            })
            .collect();
        for racer in racers {
            assert_eq!(racer.join().unwrap().unwrap().company, "Harbor Lane Bakery");
        }
    });
    assert_eq!(fake.count_of::<CreateProxyToken>(), 1);
    assert_eq!(fake.count_of::<GetAccount>(), RACERS);
}

// ---- every child account, a few at a time ----------------------------------------------

/// The first listed child is asked for something a proxy user may not do (list child
/// accounts: `403`); the others read their account.
fn check_outcomes(outcomes: &[linode::client::ChildOutcome<String>], listed: &[String]) {
    let euuids: Vec<&String> = outcomes.iter().map(|o| &o.euuid).collect();
    assert_eq!(
        euuids,
        listed.iter().collect::<Vec<_>>(),
        "all, in list order"
    );
    let (first, rest) = outcomes.split_first().unwrap();
    let refused = first.result.as_ref().unwrap_err();
    assert_eq!(status_of(refused), Some(StatusCode::FORBIDDEN));
    assert!(!rest.is_empty(), "the fake has more than one child account");
    for outcome in rest {
        assert!(outcome.result.as_ref().is_ok_and(|c| !c.is_empty()));
    }
    let companies: std::collections::BTreeSet<_> =
        rest.iter().map(|o| o.result.as_ref().unwrap()).collect();
    assert_eq!(
        companies.len(),
        rest.len(),
        "each child saw its own account"
    );
}

#[test]
fn for_each_child_runs_in_every_child_and_reports_errors_per_child_hyper() {
    runtime().block_on(async {
        let fake = FakeLinode::start().await.unwrap();
        let parent =
            linode_hyper::Client::from_config(config(fake.url()).with_token(fake.token()).unwrap())
                .unwrap();
        let listed: Vec<String> = parent
            .send(&ListChildAccounts::default())
            .await
            .unwrap()
            .data
            .into_iter()
            .map(|a| a.euuid)
            .collect();
        let first = listed[0].clone();
        let outcomes = parent
            .for_each_child(2, |child, account| {
                let first = first.clone();
                async move {
                    if account.euuid == first {
                        child.send(&ListChildAccounts::default()).await?;
                    }
                    Ok(child.send(&GetAccount).await?.company)
                }
            })
            .await
            .unwrap();
        check_outcomes(&outcomes, &listed);
        assert_eq!(fake.count_of::<CreateProxyToken>(), listed.len());
    });
}

#[test]
fn for_each_child_runs_in_every_child_and_reports_errors_per_child_ureq() {
    let fake = FakeLinode::builder().start_blocking().unwrap();
    let parent =
        linode_ureq::Client::from_config(config(fake.url()).with_token(fake.token()).unwrap())
            .unwrap();
    let listed: Vec<String> = parent
        .send(&ListChildAccounts::default())
        .unwrap()
        .data
        .into_iter()
        .map(|a| a.euuid)
        .collect();
    use std::sync::atomic::{AtomicUsize, Ordering};
    for limit in [1, 3] {
        fake.clear_log();
        let (running, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let outcomes = parent
            .for_each_child(limit, |child, account| {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                let result = (|| {
                    if account.euuid == listed[0] {
                        child.send(&ListChildAccounts::default())?;
                    }
                    Ok(child.send(&GetAccount)?.company)
                })();
                running.fetch_sub(1, Ordering::SeqCst);
                result
            })
            .unwrap();
        check_outcomes(&outcomes, &listed);
        assert_eq!(fake.count_of::<CreateProxyToken>(), listed.len());
        assert!(most.into_inner() <= limit, "at most {limit} at a time");
    }
}

// ---- the OAuth code flow --------------------------------------------------------------

fn app(id: &str, secret: Secret, url: &str) -> OAuthApp {
    OAuthApp::new(id)
        .unwrap()
        .with_secret(secret)
        .with_redirect_uri(REDIRECT)
        .unwrap()
        .with_login_url(url)
        .unwrap()
}

fn browser_request(url: &str) -> http::Request<Bytes> {
    http::Request::builder()
        .uri(url)
        .header("user-agent", "a-browser")
        .body(Bytes::new())
        .unwrap()
}

fn callback_query(response: &http::Response<Bytes>) -> String {
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()["location"].to_str().unwrap();
    assert!(location.starts_with(REDIRECT), "{location}");
    location.split_once('?').unwrap().1.to_owned()
}

const OAUTH_LIFETIME: Duration = Duration::from_secs(4);

#[test]
fn the_oauth_code_flow_with_refresh_and_revocation_hyper() {
    use linode::Transport as _;
    runtime().block_on(async {
        let fake = FakeLinode::builder()
            .oauth_token_lifetime(OAUTH_LIFETIME)
            .start()
            .await
            .unwrap();
        let admin =
            linode_hyper::Client::from_config(config(fake.url()).with_token(fake.token()).unwrap())
                .unwrap();
        let registered = admin
            .send(&CreateOAuthClient {
                body: OAuthClientCreate::new("acting-e2e", REDIRECT),
            })
            .await
            .unwrap();
        let app = app(&registered.id, registered.secret, fake.url());
        let login = app.authorize(&Scopes::none().read_only("account")).unwrap();
        // The browser: the login service redirects back with the code.
        let redirect = admin
            .transport()
            .send(browser_request(login.url()))
            .await
            .unwrap();
        let code = login.callback(&callback_query(&redirect)).unwrap();
        let token = admin
            .exchange_login_code(&app, &code, &login)
            .await
            .unwrap();
        assert_eq!(token.scopes, Some(Scopes::none().read_only("account")));

        let refresher = Arc::new(OAuthRefresher::new(app.clone(), token).unwrap());
        let user = admin.acting_as(refresher.clone());
        // Before any call: the scopes the login service granted, typed.
        let granted = Scopes::none().read_only("account");
        assert_eq!(user.granted_scopes(), Some(granted.clone()));
        assert_eq!(user.may_send::<GetAccount>(), Some(true));
        assert_eq!(user.may_send::<CreateProxyToken>(), Some(false));
        user.send(&GetAccount).await.unwrap();
        // After one: what X-OAuth-Scopes said (the same here).
        assert_eq!(user.granted_scopes(), Some(granted));
        tokio::time::sleep(PAST_HALF_LIFE).await;
        user.send(&GetAccount).await.unwrap();
        assert_eq!(
            statuses(&fake.requests(), "oauth-token"),
            [200, 200],
            "exchange, refresh"
        );
        assert!(fake.requests().iter().all(|r| r.status != Some(401)));

        admin
            .revoke_login(&app, &refresher.current_token().unwrap())
            .await
            .unwrap();
        let revoked = user.send(&GetAccount).await.unwrap_err();
        assert_eq!(status_of(&revoked), Some(StatusCode::UNAUTHORIZED));
    });
}

#[test]
fn the_oauth_code_flow_with_refresh_and_revocation_ureq() {
    use linode::BlockingTransport as _;
    let fake = FakeLinode::builder()
        .oauth_token_lifetime(OAUTH_LIFETIME)
        .start_blocking()
        .unwrap();
    let admin =
        linode_ureq::Client::from_config(config(fake.url()).with_token(fake.token()).unwrap())
            .unwrap();
    let registered = admin
        .send(&CreateOAuthClient {
            body: OAuthClientCreate::new("acting-e2e", REDIRECT),
        })
        .unwrap();
    let app = app(&registered.id, registered.secret, fake.url());
    let login = app.authorize(&Scopes::none().read_only("account")).unwrap();
    let redirect = admin
        .transport()
        .send(browser_request(login.url()))
        .unwrap();
    let code = login.callback(&callback_query(&redirect)).unwrap();
    let token = admin.exchange_login_code(&app, &code, &login).unwrap();
    let refresher = Arc::new(OAuthRefresher::new(app.clone(), token).unwrap());
    let user = admin.acting_as(refresher.clone());
    user.send(&GetAccount).unwrap();
    std::thread::sleep(PAST_HALF_LIFE);
    user.send(&GetAccount).unwrap();
    assert_eq!(statuses(&fake.requests(), "oauth-token"), [200, 200]);
    admin
        .revoke_login(&app, &refresher.current_token().unwrap())
        .unwrap();
    let revoked = user.send(&GetAccount).unwrap_err();
    assert_eq!(status_of(&revoked), Some(StatusCode::UNAUTHORIZED));
}
