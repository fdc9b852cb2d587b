//! The fake addressed by operation type (faults and counts), and its request log keeping
//! every request header except the secret ones.

mod support;

use http::{Method, StatusCode};
use linode_fake::{FakeLinode, Fault, FaultRule, REDACTED_HEADER};
use linode_requests::account::CreatePayment;
use linode_requests::profile::ListSshKeys;
use linode_requests::Operation;
use support::*;

#[tokio::test]
async fn the_log_keeps_every_header_and_hides_only_the_secret_ones() {
    let fake = FakeLinode::start().await.expect("the fake starts");
    let (url, token) = (fake.url(), fake.token());
    let mut request = raw(url, Method::GET, "/v4/profile/sshkeys", Some(token), None);
    for (name, value) in [
        ("x-request-id", "req-0042"),
        ("accept", "application/json"),
        ("x-trace-note", "first hour"),
        ("cookie", "session=cookie-value-9"),
        ("x-api-key", "api-key-value-9"),
        ("x-auth-token", "auth-token-value-9"),
        ("proxy-authorization", "Basic proxy-credential-9"),
    ] {
        request.headers_mut().insert(
            http::HeaderName::from_static(name),
            http::HeaderValue::from_static(value),
        );
    }
    let sent: Vec<String> = request
        .headers()
        .keys()
        .map(|name| name.as_str().to_owned())
        .collect();
    assert_eq!(send(request).await.status, StatusCode::OK);

    let log = fake.requests();
    let entry = log.last().expect("the request is logged");
    assert!(entry.is::<ListSshKeys>());
    // Every header sent is there (the client may add more, such as `host`).
    for name in &sent {
        assert!(
            entry.header(name).is_some(),
            "{name} missing from {entry:?}"
        );
    }
    assert_eq!(entry.header("x-request-id"), Some("req-0042"));
    assert_eq!(entry.header("accept"), Some("application/json"));
    assert_eq!(entry.header("x-trace-note"), Some("first hour"));
    assert_eq!(entry.header("authorization"), Some("Bearer [redacted]"));
    assert_eq!(
        entry.header("proxy-authorization"),
        Some("Basic [redacted]")
    );
    for secret in ["cookie", "x-api-key", "x-auth-token"] {
        assert_eq!(entry.header(secret), Some(REDACTED_HEADER), "{secret}");
    }
    let everything = format!("{entry:?}");
    for value in [
        token,
        "cookie-value-9",
        "api-key-value-9",
        "auth-token-value-9",
        "proxy-credential-9",
    ] {
        assert!(!everything.contains(value), "{value} in {everything}");
    }
    fake.stop().await;
}

#[tokio::test]
async fn a_fault_for_one_operation_type_leaves_the_others_alone_and_is_counted_by_type() {
    let fake = FakeLinode::start().await.expect("the fake starts");
    let (url, token) = (fake.url(), fake.token());
    fake.inject(FaultRule::for_op::<CreatePayment>(Fault::unavailable()).times(1));

    // Another operation is not affected while the rule waits.
    assert_eq!(
        get(url, "/v4/profile/sshkeys", token).await.status,
        StatusCode::OK
    );
    assert_eq!(fake.faults().len(), 1);

    let pay = CreatePayment::new("20.00".parse().expect("an amount"));
    let request = pay
        .to_http_request(&config(url, token))
        .expect("a valid payment");
    let answer = send(request).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(fake.faults().is_empty(), "spent after one match");
    assert_eq!(fake.count_of::<CreatePayment>(), 1);
    assert_eq!(fake.count_of::<ListSshKeys>(), 1);
    fake.stop().await;
}
