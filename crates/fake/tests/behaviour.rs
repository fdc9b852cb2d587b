//! The server's behaviour that every operation shares: auth, scopes, routing, pagination,
//! filters, headers, faults, the request log, and the ways to start it.

mod support;

use std::time::{Duration, Instant};

use http::{Method, StatusCode};
use linode_fake::{FakeLinode, Fault, FaultRule, FaultTarget};
use linode_requests::filter::Filter;
use linode_requests::profile::{CreateSshKey, GetSshKey, ListSshKeys, SshKeyField};
use linode_requests::{Operation, Order, Pagination};
use support::*;

const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBehaviourTestKeyMaterial0001 t@test";

#[allow(clippy::panic)] // a helper of the tests
async fn fake() -> FakeLinode {
    match FakeLinode::start().await {
        Ok(fake) => fake,
        Err(e) => panic!("the fake did not start: {e}"),
    }
}

#[tokio::test]
async fn requests_need_a_valid_bearer_token() {
    let fake = fake().await;
    let url = fake.url();
    let none = send(raw(url, Method::GET, "/v4/profile/sshkeys", None, None)).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert_eq!(none.reason(), "Invalid Token");
    let wrong = get(url, "/v4/profile/sshkeys", "not-the-token").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let basic = send(
        http::Request::builder()
            .uri(format!("{url}/v4/profile/sshkeys"))
            .header("authorization", format!("Basic {}", fake.token()))
            .body(bytes::Bytes::new())
            .unwrap(),
    )
    .await;
    assert_eq!(basic.status, StatusCode::UNAUTHORIZED);
    let right = get(url, "/v4/profile/sshkeys", fake.token()).await;
    assert_eq!(right.status, StatusCode::OK);
    assert_eq!(right.header("x-oauth-scopes"), Some("*"));
    // Through the SDK: the 401 is an API error that says what to do.
    let err = api_err(url, "wrong", &ListSshKeys::default()).await;
    assert_eq!(err.status, StatusCode::UNAUTHORIZED);
    fake.stop().await;
}

#[tokio::test]
async fn scopes_limit_what_a_token_may_do() {
    let fake = fake().await;
    let url = fake.url();
    fake.add_token("reader", "account:read_only").unwrap();
    fake.add_token("events-only", "events:read_write").unwrap();
    fake.add_token("writer", "account:read_write").unwrap();
    assert!(fake.add_token("bad", "account:sometimes").is_err());

    let listed = call(url, "reader", &ListSshKeys::default()).await.unwrap();
    assert_eq!(listed.meta().oauth_scopes(), ["account:read_only"]);
    assert_eq!(listed.meta().accepted_oauth_scopes(), ["account:read_only"]);
    let err = api_err(url, "reader", &CreateSshKey::new("x", KEY)).await;
    assert_eq!(err.status, StatusCode::FORBIDDEN);
    assert!(err.to_string().contains("account:read_write"), "{err}");
    let err = api_err(url, "events-only", &ListSshKeys::default()).await;
    assert_eq!(err.status, StatusCode::FORBIDDEN);
    ok(url, "writer", &CreateSshKey::new("x", KEY)).await;

    assert!(fake.revoke_token("writer"));
    let err = api_err(url, "writer", &ListSshKeys::default()).await;
    assert_eq!(err.status, StatusCode::UNAUTHORIZED);
    fake.stop().await;
}

#[tokio::test]
async fn unknown_routes_are_404_and_wrong_methods_405() {
    let fake = fake().await;
    let (url, token) = (fake.url(), fake.token());
    for path in [
        "/v4/linode/instances",
        "/v5/profile/sshkeys",
        "/profile/sshkeys",
        "/v4/profile/sshkeys/1/extra",
    ] {
        let answer = get(url, path, token).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(answer.reason(), "Not found");
    }
    let answer = send(raw(
        url,
        Method::PATCH,
        "/v4/profile/sshkeys",
        Some(token),
        None,
    ))
    .await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    let answer = send(raw(
        url,
        Method::DELETE,
        "/v4/profile/sshkeys",
        Some(token),
        None,
    ))
    .await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    // v4beta routes the same operations.
    assert_eq!(
        get(url, "/v4beta/profile/sshkeys", token).await.status,
        StatusCode::OK
    );
    assert_eq!(
        get(url, "/v4/profile/sshkeys/", token).await.status,
        StatusCode::OK
    );
    fake.stop().await;
}

#[tokio::test]
async fn operations_without_a_handler_answer_501() {
    let fake = fake().await;
    let (url, token) = (fake.url(), fake.token());
    // Every operation the SDK lists has a handler...
    let implemented: Vec<&str> = fake.implemented_operations().iter().map(|m| m.id).collect();
    for info in linode_requests::registry::operations() {
        assert!(
            implemented.contains(&info.meta.id),
            "{} has no handler",
            info.meta.id
        );
    }
    // ...so switch one off to see what a client meets for an operation the server lacks.
    assert!(fake.handles::<ListSshKeys>());
    assert!(fake.disable_handler::<ListSshKeys>());
    assert!(!fake.handles::<ListSshKeys>());
    let answer = get(url, "/v4/profile/sshkeys", token).await;
    assert_eq!(answer.status, StatusCode::NOT_IMPLEMENTED);
    assert!(
        answer.reason().contains(ListSshKeys::META.id),
        "{}",
        answer.reason()
    );
    // The other operations still answer; switched back on, this one answers again.
    let other = get(url, "/v4/profile/sshkeys/1", token).await;
    assert_eq!(
        other.status,
        StatusCode::NOT_FOUND,
        "its handler still answers"
    );
    assert!(fake.enable_handler::<ListSshKeys>());
    assert!(fake.handles::<ListSshKeys>());
    ok(url, token, &ListSshKeys::default()).await;
    fake.stop().await;
}

#[tokio::test]
async fn every_answer_carries_rate_limit_scope_and_spec_headers() {
    let fake = FakeLinode::builder().rate_limit(50).start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let first = get(url, "/v4/profile/sshkeys", token).await;
    let second = get(url, "/v4/profile/sshkeys/999999", token).await;
    let unauthorized = get(url, "/v4/profile/sshkeys", "nope").await;
    for answer in [&first, &second, &unauthorized] {
        assert_eq!(answer.header("x-ratelimit-limit"), Some("50"));
        assert!(
            answer
                .header("x-ratelimit-reset")
                .unwrap()
                .parse::<u64>()
                .unwrap()
                > 1_700_000_000
        );
        assert_eq!(
            answer.header("x-spec-version"),
            Some(linode_fake::SPEC_VERSION)
        );
        assert!(answer.headers.contains_key("x-oauth-scopes"));
    }
    let remaining = |a: &Answer| {
        a.header("x-ratelimit-remaining")
            .unwrap()
            .parse::<u32>()
            .unwrap()
    };
    assert!(remaining(&second) < remaining(&first));
    assert_eq!(first.header("content-type"), Some("application/json"));
    fake.stop().await;
}

#[tokio::test]
async fn pagination_pages_and_checks_page_size() {
    let fake = FakeLinode::builder().seeded(false).start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    for i in 0..60 {
        ok(url, token, &CreateSshKey::new(format!("key-{i:02}"), KEY)).await;
    }
    let mut seen = Vec::new();
    let mut op = ListSshKeys {
        pagination: Pagination::new().page_size(25),
        filter: None,
    };
    for page in 1..=3 {
        op.pagination.set_page(page);
        let got = ok(url, token, &op).await;
        assert_eq!((got.page, got.pages, got.results), (page, 3, 60));
        seen.extend(got.data.into_iter().map(|k| k.label));
    }
    assert_eq!(seen.len(), 60);
    assert_eq!(seen[0], "key-00");
    assert_eq!(seen[59], "key-59");
    let default = ok(url, token, &ListSshKeys::default()).await;
    assert_eq!((default.data.len(), default.pages), (60, 1));
    let beyond = get(url, "/v4/profile/sshkeys?page=9&page_size=25", token)
        .await
        .json();
    assert_eq!(beyond["data"].as_array().unwrap().len(), 0);
    for bad in ["page_size=24", "page_size=501", "page_size=ten", "page=0"] {
        let answer = get(url, &format!("/v4/profile/sshkeys?{bad}"), token).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(answer.field().is_some(), "{bad}");
    }
    let empty = FakeLinode::builder().seeded(false).start().await.unwrap();
    let nothing = get(empty.url(), "/v4/profile/sshkeys", empty.token())
        .await
        .json();
    assert_eq!(nothing["results"], 0);
    assert_eq!(nothing["pages"], 1);
    fake.stop().await;
}

#[tokio::test]
async fn filters_match_nest_and_order() {
    let fake = FakeLinode::builder().seeded(false).start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    for label in ["web-1", "web-2", "db-1", "db-2", "backup"] {
        ok(url, token, &CreateSshKey::new(label, KEY)).await;
    }
    let labels = |page: linode_models::Page<linode_models::profile::SshKey>| {
        page.data.into_iter().map(|k| k.label).collect::<Vec<_>>()
    };
    let op = |filter| ListSshKeys {
        pagination: Pagination::new(),
        filter: Some(filter),
    };
    let got = ok(url, token, &op(Filter::eq(SshKeyField::Label, "db-2"))).await;
    assert_eq!(labels(got), ["db-2"]);
    let got = ok(url, token, &op(Filter::contains(SshKeyField::Label, "WEB"))).await;
    assert_eq!(labels(got), ["web-1", "web-2"]);
    let filter = Filter::or([
        Filter::contains(SshKeyField::Label, "db"),
        Filter::eq(SshKeyField::Label, "backup"),
    ])
    .and(Filter::neq(SshKeyField::Label, "db-1"))
    .order_by(SshKeyField::Label, Order::Desc);
    let got = ok(url, token, &op(filter)).await;
    assert_eq!(labels(got), ["db-2", "backup"]);
    let got = ok(
        url,
        token,
        &op(Filter::gte(SshKeyField::Label, "db-2").and(Filter::lt(SshKeyField::Label, "web-2"))),
    )
    .await;
    assert_eq!(labels(got), ["web-1", "db-2"], "in id order");
    let got = ok(
        url,
        token,
        &op(Filter::default().order_by(SshKeyField::Label, Order::Asc)),
    )
    .await;
    assert_eq!(labels(got), ["backup", "db-1", "db-2", "web-1", "web-2"]);

    // A field the API does not filter on, and broken filters, are 400s.
    let filtered = |filter: &str| {
        http::Request::builder()
            .uri(format!("{url}/v4/profile/sshkeys"))
            .header("authorization", format!("Bearer {token}"))
            .header("x-filter", filter)
            .body(bytes::Bytes::new())
            .unwrap()
    };
    let answer = send(filtered(r#"{"ssh_key": "x"}"#)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.reason(), "Cannot filter on ssh_key");
    assert_eq!(answer.field().as_deref(), Some("X-Filter"));
    for bad in [
        r#"{"label": {"+near": 1}}"#,
        "{",
        r#"{"+or": 3}"#,
        r#"{"+order_by": "created"}"#,
    ] {
        assert_eq!(
            send(filtered(bad)).await.status,
            StatusCode::BAD_REQUEST,
            "{bad}"
        );
    }
    fake.stop().await;
}

#[tokio::test]
async fn malformed_bodies_are_400s_not_crashes() {
    let fake = fake().await;
    let (url, token) = (fake.url(), fake.token());
    for body in [
        "{",
        "[]",
        "42",
        "\"text\"",
        "{\"ssh_key\": 5}",
        "{\"label\": \"x\"}",
        "\u{0}\u{1}",
    ] {
        let answer = send(raw(
            url,
            Method::POST,
            "/v4/profile/sshkeys",
            Some(token),
            Some(body),
        ))
        .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body:?}");
    }
    let missing = send(raw(
        url,
        Method::POST,
        "/v4/profile/sshkeys",
        Some(token),
        Some("{}"),
    ))
    .await;
    assert_eq!(missing.field().as_deref(), Some("ssh_key"));
    let typed = send(raw(
        url,
        Method::POST,
        "/v4/profile/sshkeys",
        Some(token),
        Some(r#"{"ssh_key": 5}"#),
    ))
    .await;
    assert_eq!(typed.field().as_deref(), Some("ssh_key"));
    let huge = "x".repeat(linode_fake::MAX_REQUEST_BODY + 10);
    let answer = send(raw(
        url,
        Method::POST,
        "/v4/profile/sshkeys",
        Some(token),
        Some(&huge),
    ))
    .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Hostile path parameters stay in their segment and find nothing.
    for path in [
        "/v4/profile/sshkeys/%2E%2E",
        "/v4/profile/sshkeys/1%2F2",
        "/v4/profile/sshkeys/%FF",
        "/v4/profile/sshkeys/-1",
    ] {
        assert_eq!(
            get(url, path, token).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // The server is still there.
    assert_eq!(
        get(url, "/v4/profile/sshkeys", token).await.status,
        StatusCode::OK
    );
    fake.stop().await;
}

#[tokio::test]
async fn status_faults_answer_instead_of_the_handler_for_n_requests() {
    let fake = fake().await;
    let (url, token) = (fake.url(), fake.token());
    fake.inject(
        FaultRule::for_op::<ListSshKeys>(Fault::RateLimited {
            retry_after_secs: 7,
        })
        .times(1),
    );
    let err = api_err(url, token, &ListSshKeys::default()).await;
    assert_eq!(err.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(err.meta().rate_limit_remaining(), Some(0));
    // Spent: the second attempt succeeds.
    ok(url, token, &ListSshKeys::default()).await;

    for code in [500, 502, 503] {
        fake.inject(FaultRule::for_op::<ListSshKeys>(Fault::Status(code)).times(1));
        let err = api_err(url, token, &ListSshKeys::default()).await;
        assert_eq!(err.status.as_u16(), code);
        assert!(!err.is_maintenance());
    }
    fake.inject(FaultRule::new(Fault::Maintenance).times(1));
    let err = api_err(url, token, &ListSshKeys::default()).await;
    assert_eq!(err.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(err.is_maintenance());

    fake.inject(FaultRule::for_op::<ListSshKeys>(Fault::Html(502)).times(1));
    let answer = get(url, "/v4/profile/sshkeys", token).await;
    assert_eq!(answer.status, StatusCode::BAD_GATEWAY);
    assert!(answer
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert!(String::from_utf8_lossy(&answer.body).contains("<html>"));

    // A rule for another operation does not fire; a global rule fires for all.
    fake.inject(FaultRule::for_op::<GetSshKey>(Fault::internal_error()).times(1));
    ok(url, token, &ListSshKeys::default()).await;
    assert_eq!(fake.faults().len(), 1);
    assert_eq!(fake.faults()[0].target(), &FaultTarget::of::<GetSshKey>());
    assert!(fake.faults()[0].target().is::<GetSshKey>());
    fake.clear_faults();
    let id = fake.inject(FaultRule::new(Fault::bad_gateway()));
    assert_eq!(
        get(url, "/v4/profile/sshkeys", token).await.status,
        StatusCode::BAD_GATEWAY
    );
    assert_eq!(
        get(url, "/v4/nowhere", token).await.status,
        StatusCode::BAD_GATEWAY
    );
    assert!(fake.remove_fault(id));
    assert_eq!(
        get(url, "/v4/profile/sshkeys", token).await.status,
        StatusCode::OK
    );
    fake.stop().await;
}

#[tokio::test]
async fn a_failed_write_is_not_applied_and_a_dropped_answer_is() {
    let fake = FakeLinode::builder().seeded(false).start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let create = CreateSshKey::new("once", KEY);
    let request = || create.to_http_request(&config(url, token)).unwrap();

    fake.inject(FaultRule::for_op::<CreateSshKey>(Fault::unavailable()).times(1));
    assert_eq!(
        send(request()).await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(ok(url, token, &ListSshKeys::default()).await.results, 0);

    fake.inject(FaultRule::for_op::<CreateSshKey>(Fault::DropBeforeRead).times(1));
    assert!(try_send(request()).await.is_err());
    assert_eq!(ok(url, token, &ListSshKeys::default()).await.results, 0);

    fake.inject(FaultRule::for_op::<CreateSshKey>(Fault::DropAfterRead).times(1));
    assert!(try_send(request()).await.is_err());
    assert_eq!(
        ok(url, token, &ListSshKeys::default()).await.results,
        1,
        "applied, answer lost"
    );

    let log = fake.requests();
    let posts: Vec<_> = log
        .iter()
        .filter(|r| r.operation == Some("post-add-ssh-key"))
        .collect();
    assert_eq!(posts.len(), 3);
    assert_eq!(posts[0].status, Some(503));
    assert_eq!((posts[1].status, posts[1].body.len()), (None, 0));
    assert_eq!(posts[1].fault, Some(Fault::DropBeforeRead));
    assert_eq!(posts[2].status, None);
    assert_eq!(posts[2].json().unwrap()["label"], "once");
    fake.stop().await;
}

#[tokio::test]
async fn cut_and_malformed_bodies() {
    let fake = fake().await;
    let (url, token) = (fake.url(), fake.token());
    fake.inject(FaultRule::for_op::<ListSshKeys>(Fault::TruncatedBody).times(1));
    let err = try_send(raw(
        url,
        Method::GET,
        "/v4/profile/sshkeys",
        Some(token),
        None,
    ))
    .await;
    assert!(err.is_err(), "a cut body is a transport error: {err:?}");

    fake.inject(FaultRule::for_op::<ListSshKeys>(Fault::MalformedJson).times(1));
    match call(url, token, &ListSshKeys::default()).await {
        Err(linode_requests::Error::Decode(e)) => assert_eq!(e.status, StatusCode::OK),
        other => panic!("expected a decode error, got {other:?}"),
    }
    ok(url, token, &ListSshKeys::default()).await;
    fake.stop().await;
}

#[tokio::test]
async fn delays_hold_the_answer() {
    let fake = fake().await;
    fake.inject(FaultRule::new(Fault::Delay(Duration::from_millis(300))).times(1));
    let started = Instant::now();
    let answer = get(fake.url(), "/v4/profile/sshkeys", fake.token()).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(fake.faults().is_empty());
    fake.stop().await;
}

#[tokio::test]
async fn the_log_records_what_was_sent_and_answered() {
    let fake = fake().await;
    let (url, token) = (fake.url(), fake.token());
    let op = ListSshKeys {
        pagination: Pagination::new().page(1).page_size(25),
        filter: Some(Filter::eq(SshKeyField::Label, "travel-laptop")),
    };
    ok(url, token, &op).await;
    ok(url, token, &ListSshKeys::default()).await;
    get(url, "/v4/unknown", token).await;
    assert_eq!(fake.count_of::<ListSshKeys>(), 2);
    assert_eq!(fake.count_of::<CreateSshKey>(), 0);
    let log = fake.requests();
    assert_eq!(log.len(), 3);
    let first = &log[0];
    assert_eq!(first.method, "GET");
    assert_eq!(first.path, "/v4/profile/sshkeys");
    assert_eq!(first.query.as_deref(), Some("page=1&page_size=25"));
    assert_eq!(first.status, Some(200));
    assert_eq!(
        first.header("x-filter"),
        Some(r#"{"label":"travel-laptop"}"#)
    );
    assert_eq!(first.header("authorization"), Some("Bearer [redacted]"));
    assert!(first
        .header("user-agent")
        .unwrap()
        .starts_with("linode-rs/"));
    assert_eq!((log[2].operation, log[2].status), (None, Some(404)));
    fake.clear_log();
    assert!(fake.requests().is_empty());
    fake.stop().await;
}

#[test]
fn the_blocking_starter_runs_its_own_runtime() {
    let fake = FakeLinode::builder()
        .token("blocking-token")
        .start_blocking()
        .unwrap();
    assert_eq!(fake.token(), "blocking-token");
    assert!(fake.url().starts_with("http://127.0.0.1:"));
    // Plain std networking, no runtime in this thread.
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(fake.addr()).unwrap();
    write!(
        stream,
        "GET /v4/profile/sshkeys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer blocking-token\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.contains("\"results\":3"), "{text}");
    assert_eq!(fake.count_of::<ListSshKeys>(), 1);
    let addr = fake.addr();
    fake.stop();
    assert!(std::net::TcpStream::connect(addr).is_err(), "stopped");
}

#[tokio::test]
async fn stop_closes_the_port() {
    let fake = FakeLinode::builder().token("t").start().await.unwrap();
    let addr = fake.addr();
    assert_eq!(fake.token(), "t");
    fake.stop().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}
