//! Shared by the transport tests: the loopback server and canned Linode answers.
#![allow(dead_code, unreachable_pub)]
// Test support: a panic here is a failed test (as clippy.toml allows in tests).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod hostile;
pub mod server;

use std::time::Duration;

pub use server::{Recorded, Reply, TestServer};

use linode::client::{ClientConfig, RetryConfig};

/// The token every test client sends.
pub const TOKEN: &str = "transport-test-token-5d1e";

/// The User-Agent prefix every test client sends.
pub const UA_PREFIX: &str = "transport-tests/1.0";

/// Starts a test server (see [`TestServer::start`]).
pub fn serve(handler: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static) -> TestServer {
    TestServer::start(handler).unwrap()
}

/// An SSH key as the API returns it.
pub fn key_json(id: u64, label: &str) -> String {
    format!(
        r#"{{"id": {id}, "label": "{label}", "ssh_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH{id} {label}@example", "created": "2023-11-14T08:30:00"}}"#
    )
}

/// A page of keys with ids `ids`.
pub fn page_json(page: u32, pages: u32, ids: &[u64]) -> String {
    let data: Vec<String> = ids
        .iter()
        .map(|id| key_json(*id, &format!("key-{id}")))
        .collect();
    format!(
        r#"{{"data": [{}], "page": {page}, "pages": {pages}, "results": {}}}"#,
        data.join(", "),
        pages * 2
    )
}

/// A config for `server`, with quick retries and short timeouts.
pub fn config(server: &TestServer) -> ClientConfig {
    ClientConfig::new()
        .with_token(TOKEN)
        .unwrap()
        .with_base_url(&server.url())
        .unwrap()
        .with_user_agent_prefix(UA_PREFIX)
        .unwrap()
        .with_connect_timeout(Duration::from_secs(1))
        .with_request_timeout(Duration::from_secs(2))
        .with_retry(
            RetryConfig::default()
                .with_initial_backoff(Duration::from_millis(10))
                .with_max_delay(Duration::from_secs(2))
                .with_deadline(Some(Duration::from_secs(10))),
        )
}

/// An address where nothing listens (connections are refused at once).
pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

/// A server that answers the SSH-key routes the tests use, like the API would.
pub fn ssh_keys_server() -> TestServer {
    serve(|req, _| match (req.method.as_str(), req.path()) {
        ("GET", "/v4/profile/sshkeys") => Reply::json(200, page_json(1, 1, &[11, 12])),
        ("GET", "/v4/profile/sshkeys/11") => Reply::json(200, key_json(11, "laptop"))
            .header("x-ratelimit-remaining", "799")
            .header("x-oauth-scopes", "account:read_write"),
        ("POST", "/v4/profile/sshkeys") => Reply::json(200, key_json(13, "ci-runner")),
        ("PUT", "/v4/profile/sshkeys/11") => Reply::json(200, key_json(11, "desk")),
        ("DELETE", "/v4/profile/sshkeys/11") => Reply::json(200, "{}"),
        ("POST", "/v4/profile/sshkeys/bad") => Reply::json(400, "{}"),
        _ => Reply::json(404, r#"{"errors": [{"reason": "Not found"}]}"#),
    })
}

/// Checks the parts every request carries: Authorization, User-Agent, Accept.
pub fn assert_standard_headers(req: &Recorded) {
    assert_eq!(
        req.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    let ua = req.header("user-agent").unwrap_or_default();
    assert!(
        ua.starts_with(UA_PREFIX) && ua.contains("linode-rs/"),
        "{ua}"
    );
    assert_eq!(req.header("accept"), Some("application/json"));
}

/// Checks a JSON body.
pub fn assert_json_body(req: &Recorded, expected: &str) {
    assert_eq!(req.header("content-type"), Some("application/json"));
    let got: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
    let want: serde_json::Value = serde_json::from_str(expected).unwrap();
    assert_eq!(got, want);
}
