//! linode-ureq against a real HTTP server on 127.0.0.1: what goes on the wire, what comes
//! back, retries counted at the server, timeouts, the body cap, lazy pagination, redirects.

// A panic in a test is a failed test (clippy.toml allows it in #[test] fns; helpers too).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use linode::client::BlockingTransport;
use linode::models::profile::SshKeyUpdate;
use linode::profile::{
    CreateSshKey, DeleteSshKey, GetSshKey, ListSshKeys, SshKeyField, UpdateSshKey,
};
use linode::requests::{
    Error, Filter, Pagination, RetryConfig, TransportError, TransportErrorKind,
};
use linode_ureq::{Client, UreqTransport};
use support::*;

fn client(server: &TestServer) -> Client {
    Client::from_config(config(server)).unwrap()
}

fn transport_kind(err: &Error) -> Option<TransportErrorKind> {
    match err {
        Error::Transport { source, .. } => Some(source.kind()),
        _ => None,
    }
}

#[test]
fn sends_method_path_query_headers_and_body() {
    let server = ssh_keys_server();
    let client = client(&server);

    let list = ListSshKeys {
        pagination: Pagination::new().page(1).page_size(50),
        filter: Some(Filter::eq(SshKeyField::Label, "laptop")),
    };
    assert_eq!(client.send(&list).unwrap().data.len(), 2);
    let created = client
        .send(&CreateSshKey::new("ci-runner", "ssh-ed25519 AAAAC3Nza ci"))
        .unwrap();
    assert_eq!(created.id, 13);
    let update = UpdateSshKey {
        ssh_key_id: 11,
        body: SshKeyUpdate {
            label: Some("desk".into()),
        },
    };
    assert_eq!(client.send(&update).unwrap().label, "desk");
    client.send(&DeleteSshKey { ssh_key_id: 11 }).unwrap();

    let seen = server.requests();
    assert_eq!(seen.len(), 4);
    for req in &seen {
        assert_standard_headers(req);
    }
    assert_eq!(seen[0].method, "GET");
    assert_eq!(
        seen[0].path_and_query,
        "/v4/profile/sshkeys?page=1&page_size=50"
    );
    assert_eq!(seen[0].header("x-filter"), Some(r#"{"label":"laptop"}"#));
    assert!(seen[0].body.is_empty());
    assert_eq!(seen[1].method, "POST");
    assert_eq!(seen[1].path_and_query, "/v4/profile/sshkeys");
    assert_json_body(
        &seen[1],
        r#"{"label": "ci-runner", "ssh_key": "ssh-ed25519 AAAAC3Nza ci"}"#,
    );
    assert_eq!(seen[2].method, "PUT");
    assert_eq!(seen[2].path_and_query, "/v4/profile/sshkeys/11");
    assert_json_body(&seen[2], r#"{"label": "desk"}"#);
    assert_eq!(seen[3].method, "DELETE");
    assert_eq!(seen[3].path_and_query, "/v4/profile/sshkeys/11");
    assert_eq!(seen[3].header("content-type"), None);
    assert!(seen[3].body.is_empty());
}

#[test]
fn success_and_error_bodies_parse_with_their_metadata() {
    let server = ssh_keys_server();
    let client = client(&server);

    let ok = client
        .send_with_meta(&GetSshKey { ssh_key_id: 11 })
        .unwrap();
    assert_eq!(ok.value.label, "laptop");
    assert_eq!(ok.meta().rate_limit_remaining(), Some(799));
    assert_eq!(ok.meta().oauth_scopes(), vec!["account:read_write"]);

    let err = client.send(&GetSshKey { ssh_key_id: 404 }).unwrap_err();
    let api = err.as_api().expect("an API error");
    assert_eq!(api.status.as_u16(), 404);
    assert_eq!(api.errors[0].reason, "Not found");
    assert!(!err.to_string().contains(TOKEN));
}

#[test]
fn field_errors_of_a_400_are_kept() {
    let server = serve(|_, _| {
        Reply::json(
            400,
            r#"{"errors": [{"field": "ssh_key", "reason": "Invalid SSH key"}]}"#,
        )
    });
    let err = client(&server)
        .send(&CreateSshKey::new("x", "not a key"))
        .unwrap_err();
    assert!(err.as_api().unwrap().has_field_error("ssh_key"));
    assert_eq!(server.count(), 1);
}

#[test]
fn a_post_that_got_a_500_is_sent_once() {
    let server = serve(|_, _| Reply::json(500, r#"{"errors": [{"reason": "boom"}]}"#));
    let err = client(&server)
        .send(&CreateSshKey::new("pay", "ssh-ed25519 AAAA"))
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(server.count(), 1);
}

#[test]
fn a_get_is_retried_until_it_succeeds() {
    let server = serve(|_, i| match i {
        0 => Reply::json(502, "bad gateway"),
        1 => Reply::json(500, r#"{"errors": [{"reason": "boom"}]}"#),
        _ => Reply::json(200, key_json(11, "laptop")),
    });
    let key = client(&server).send(&GetSshKey { ssh_key_id: 11 }).unwrap();
    assert_eq!(key.id, 11);
    assert_eq!(server.count(), 3);
}

#[test]
fn retries_stop_at_max_attempts_and_can_be_turned_off() {
    let server = serve(|_, _| Reply::json(503, "{}"));
    let c = config(&server).with_retry(
        RetryConfig::default()
            .with_max_attempts(2)
            .with_initial_backoff(Duration::from_millis(5)),
    );
    let twice = Client::from_config(c).unwrap();
    assert!(twice.send(&GetSshKey { ssh_key_id: 1 }).is_err());
    assert_eq!(server.count(), 2);

    let server = serve(|_, _| Reply::json(503, "{}"));
    let once = Client::from_config(config(&server).without_retries()).unwrap();
    assert!(once.send(&GetSshKey { ssh_key_id: 1 }).is_err());
    assert_eq!(server.count(), 1);

    let server = serve(|_, _| Reply::json(503, "{}").header("x-maintenance-mode", "1"));
    let err = client(&server)
        .send(&GetSshKey { ssh_key_id: 1 })
        .unwrap_err();
    assert!(err.as_api().unwrap().is_maintenance());
    assert_eq!(server.count(), 1);
}

#[test]
fn a_429_waits_its_retry_after_for_a_get_and_is_returned_for_a_post() {
    let server = serve(|_, i| match i {
        0 | 2 => Reply::json(429, r#"{"errors": [{"reason": "Too many requests"}]}"#)
            .header("retry-after", "1"),
        _ => Reply::json(200, key_json(13, "ci-runner")),
    });
    let started = Instant::now();
    let key = client(&server).send(&GetSshKey { ssh_key_id: 13 }).unwrap();
    assert_eq!(key.id, 13);
    assert_eq!(server.count(), 2);
    assert!(started.elapsed() >= Duration::from_secs(1), "it did wait");

    // A POST that met the rate limiter is not sent again: the caller decides.
    let err = client(&server)
        .send(&CreateSshKey::new("ci-runner", "ssh-ed25519 AAAA"))
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(
        err.as_api().unwrap().retry_after(),
        Some(Duration::from_secs(1))
    );
    assert_eq!(server.count(), 3);
}

/// Counts the attempts that reach the transport (nothing listens, so the server can't).
struct Counting {
    inner: UreqTransport,
    calls: AtomicUsize,
}

impl BlockingTransport for Counting {
    fn send(&self, request: http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.inner.send(request)
    }
}

#[test]
fn a_connect_failure_is_never_sent_so_even_a_post_is_retried() {
    let c = linode::ClientConfig::new()
        .with_token(TOKEN)
        .unwrap()
        .with_base_url(&closed_port_url())
        .unwrap()
        .with_retry(
            RetryConfig::default()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(5)),
        );
    let transport = Counting {
        inner: UreqTransport::new(&c).unwrap(),
        calls: AtomicUsize::new(0),
    };
    let client = linode::BlockingClient::new(c, transport).unwrap();
    let err = client.send(&CreateSshKey::new("a", "b")).unwrap_err();
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Connect),
        "{err}"
    );
    assert_eq!(client.transport().calls.load(Ordering::SeqCst), 3);
}

#[test]
fn the_request_timeout_fires_and_a_get_is_retried_after_it() {
    let server =
        serve(|_, _| Reply::json(200, key_json(11, "slow")).delayed(Duration::from_secs(3)));
    let c = config(&server)
        .with_request_timeout(Duration::from_millis(300))
        .with_retry(
            RetryConfig::default()
                .with_max_attempts(2)
                .with_initial_backoff(Duration::from_millis(5)),
        );
    let client = Client::from_config(c).unwrap();
    let err = client.send(&GetSshKey { ssh_key_id: 11 }).unwrap_err();
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Timeout),
        "{err}"
    );
    assert_eq!(server.count(), 2, "the GET was retried after its timeout");

    // A POST that timed out may have been applied: it is not sent again.
    let err = client.send(&CreateSshKey::new("a", "b")).unwrap_err();
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Timeout),
        "{err}"
    );
    assert_eq!(server.count(), 3);
}

#[test]
fn an_oversized_body_is_refused_with_or_without_a_length() {
    let big = page_json(1, 1, &(1..=40).collect::<Vec<_>>());
    assert!(big.len() > 4096);
    for chunked in [false, true] {
        let body = big.clone();
        let server = serve(move |_, _| {
            let reply = Reply::json(200, body.clone());
            if chunked {
                reply.chunked(512)
            } else {
                reply
            }
        });
        let c = config(&server).with_max_response_bytes(4096);
        let err = Client::from_config(c)
            .unwrap()
            .send(&ListSshKeys::default())
            .unwrap_err();
        assert_eq!(
            transport_kind(&err),
            Some(TransportErrorKind::BodyTooLarge),
            "chunked: {chunked}: {err}"
        );
        assert_eq!(server.count(), 1, "a refused body is not retried");
    }
    let body = big.clone();
    let server = serve(move |_, _| Reply::json(200, body.clone()).chunked(700));
    let page = client(&server).send(&ListSshKeys::default()).unwrap();
    assert_eq!(page.data.len(), 40);
}

#[test]
fn pagination_walks_every_page_lazily() {
    let server = serve(|req, _| {
        let page = if req.path_and_query.contains("page=3") {
            3
        } else if req.path_and_query.contains("page=2") {
            2
        } else {
            1
        };
        let ids = [u64::from(page) * 10 + 1, u64::from(page) * 10 + 2];
        Reply::json(200, page_json(page, 3, &ids))
    });
    let client = client(&server);

    let mut items = client.items(ListSshKeys {
        pagination: Pagination::new().page_size(25),
        ..Default::default()
    });
    assert_eq!(
        server.count(),
        0,
        "nothing is sent before the iterator is advanced"
    );
    assert_eq!(items.next().unwrap().unwrap().id, 11);
    assert_eq!(items.next().unwrap().unwrap().id, 12);
    assert_eq!(
        server.count(),
        1,
        "page 2 is not requested while page 1 is consumed"
    );
    assert_eq!(items.next().unwrap().unwrap().id, 21);
    assert_eq!(server.count(), 2);
    let rest: Vec<u64> = items.map(|k| k.unwrap().id).collect();
    assert_eq!(rest, vec![22, 31, 32]);
    let paths: Vec<String> = server
        .requests()
        .into_iter()
        .map(|r| r.path_and_query)
        .collect();
    assert_eq!(
        paths,
        vec![
            "/v4/profile/sshkeys?page_size=25",
            "/v4/profile/sshkeys?page=2&page_size=25",
            "/v4/profile/sshkeys?page=3&page_size=25",
        ]
    );

    let numbers: Vec<u32> = client
        .pages(ListSshKeys::default())
        .map(|p| p.unwrap().page)
        .collect();
    assert_eq!(numbers, vec![1, 2, 3]);
}

#[test]
fn a_redirect_is_not_followed_and_the_token_stays_home() {
    let target = serve(|_, _| Reply::json(200, key_json(11, "stolen")));
    let location = format!("{}/v4/profile/sshkeys/11", target.url());
    let server = serve(move |_, _| Reply::json(302, "").header("location", &location));
    let err = client(&server)
        .send(&GetSshKey { ssh_key_id: 11 })
        .unwrap_err();
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Redirect),
        "{err}"
    );
    assert_eq!(server.count(), 1);
    assert_eq!(
        target.count(),
        0,
        "the redirect target never saw a request (nor the token)"
    );
}

#[test]
fn one_client_is_shared_by_threads() {
    let server = ssh_keys_server();
    let client = client(&server);
    std::thread::scope(|scope| {
        for _ in 0..8 {
            let client = client.clone();
            scope.spawn(move || {
                for _ in 0..4 {
                    assert_eq!(client.send(&GetSshKey { ssh_key_id: 11 }).unwrap().id, 11);
                }
            });
        }
    });
    assert_eq!(server.count(), 32);
}
