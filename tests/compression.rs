//! Response compression through both shipped transports: gzip asked for and decoded
//! against linode-fake, the switch that turns it off, the size cap applied to the decoded
//! body (a zip bomb is refused), and bodies that cannot be decoded.

// A panic in a test is a failed test (clippy.toml allows it in #[test] fns; helpers too).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::Write;
use std::time::Duration;

use bytes::Bytes;
use flate2::write::GzEncoder;
use flate2::Compression;
use linode::account::ListEvents;
use linode::profile::{GetProfile, ListSshKeys};
use linode::requests::{ClientConfig, Error, Pagination, TransportErrorKind};
use linode_fake::{BlockingFakeLinode, FakeLinode, LoggedRequest};
use support::*;

fn fake() -> BlockingFakeLinode {
    FakeLinode::start_blocking().unwrap()
}

fn fake_config(fake: &BlockingFakeLinode, compression: bool) -> ClientConfig {
    ClientConfig::new()
        .with_base_url(fake.url())
        .unwrap()
        .with_token(fake.token())
        .unwrap()
        .with_request_timeout(Duration::from_secs(5))
        .with_compression(compression)
}

fn transport_kind(err: &Error) -> Option<TransportErrorKind> {
    match err {
        Error::Transport { source, .. } => Some(source.kind()),
        _ => None,
    }
}

fn gzip(data: &[u8]) -> Bytes {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).unwrap();
    Bytes::from(encoder.finish().unwrap())
}

/// What the fake saw and sent for the two reads of a scenario.
fn assert_negotiated(log: &[LoggedRequest], compression: bool) {
    assert_eq!(log.len(), 2, "{log:#?}");
    for entry in log {
        if compression {
            assert_eq!(entry.header("accept-encoding"), Some("gzip"), "{entry:?}");
            assert_eq!(entry.content_encoding, Some("gzip"), "{entry:?}");
        } else {
            assert_eq!(entry.header("accept-encoding"), None, "{entry:?}");
            assert_eq!(entry.content_encoding, None, "{entry:?}");
        }
    }
}

const EVENTS: ListEvents = ListEvents {
    pagination: Pagination::new().page_size(100),
    filter: None,
};

#[tokio::test]
async fn hyper_asks_for_gzip_and_decodes_it_unless_told_not_to() {
    let fake = fake();
    let mut plain = None;
    for compression in [true, false] {
        fake.clear_log();
        let client = linode_hyper::Client::from_config(fake_config(&fake, compression)).unwrap();
        let profile = client.send_with_meta(&GetProfile).await.unwrap();
        assert!(!profile.value.username.is_empty());
        let events = client.send(&EVENTS).await.unwrap();
        assert!(!events.data.is_empty());
        assert_negotiated(&fake.requests(), compression);
        // The decoded answer is the same either way.
        match &plain {
            None => plain = Some((profile.value, events)),
            Some((p, e)) => {
                assert_eq!(p, &profile.value);
                assert_eq!(e, &events);
            }
        }
    }
}

#[test]
fn ureq_asks_for_gzip_and_decodes_it_unless_told_not_to() {
    let fake = fake();
    let mut plain = None;
    for compression in [true, false] {
        fake.clear_log();
        let client = linode_ureq::Client::from_config(fake_config(&fake, compression)).unwrap();
        let profile = client.send(&GetProfile).unwrap();
        let events = client.send(&EVENTS).unwrap();
        assert!(!events.data.is_empty());
        assert_negotiated(&fake.requests(), compression);
        match &plain {
            None => plain = Some((profile, events)),
            Some((p, e)) => {
                assert_eq!(p, &profile);
                assert_eq!(e, &events);
            }
        }
    }
}

#[test]
fn a_fake_without_compression_ignores_the_ask() {
    let fake = FakeLinode::builder()
        .compression(false)
        .start_blocking()
        .unwrap();
    let client = linode_ureq::Client::from_config(fake_config(&fake, true)).unwrap();
    client.send(&GetProfile).unwrap();
    let log = fake.requests();
    assert_eq!(log[0].header("accept-encoding"), Some("gzip"));
    assert_eq!(log[0].content_encoding, None);
}

/// A gzip body of 16 KiB that inflates to 8 MiB, against a cap of 1 MiB.
fn bomb() -> Bytes {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    let spaces = vec![b' '; 1024 * 1024];
    encoder.write_all(b"{\"data\": [").unwrap();
    for _ in 0..8 {
        encoder.write_all(&spaces).unwrap();
    }
    encoder.write_all(b"]}").unwrap();
    let bomb = Bytes::from(encoder.finish().unwrap());
    assert!(bomb.len() < 16 * 1024, "{}", bomb.len());
    bomb
}

fn gzip_reply(body: Bytes, chunked: bool) -> Reply {
    let reply = Reply {
        status: 200,
        headers: vec![
            ("content-type".into(), "application/json".into()),
            ("content-encoding".into(), "gzip".into()),
        ],
        body,
        delay: None,
        chunked: None,
    };
    if chunked {
        reply.chunked(1024)
    } else {
        reply
    }
}

const CAP: usize = 1024 * 1024;

#[tokio::test]
async fn hyper_refuses_a_body_that_inflates_past_the_cap() {
    let bomb = bomb();
    for chunked in [false, true] {
        let body = bomb.clone();
        let server = serve(move |_, _| gzip_reply(body.clone(), chunked));
        let client =
            linode_hyper::Client::from_config(config(&server).with_max_response_bytes(CAP))
                .unwrap();
        let err = client.send(&ListSshKeys::default()).await.unwrap_err();
        assert_eq!(
            transport_kind(&err),
            Some(TransportErrorKind::BodyTooLarge),
            "chunked {chunked}: {err}"
        );
        assert!(err.to_string().contains("decoded"), "{err}");
        assert_eq!(server.count(), 1, "a refused body is not retried");
    }
}

#[test]
fn ureq_refuses_a_body_that_inflates_past_the_cap() {
    let bomb = bomb();
    for chunked in [false, true] {
        let body = bomb.clone();
        let server = serve(move |_, _| gzip_reply(body.clone(), chunked));
        let client =
            linode_ureq::Client::from_config(config(&server).with_max_response_bytes(CAP)).unwrap();
        let err = client.send(&ListSshKeys::default()).unwrap_err();
        assert_eq!(
            transport_kind(&err),
            Some(TransportErrorKind::BodyTooLarge),
            "chunked {chunked}: {err}"
        );
        assert!(err.to_string().contains("decoded"), "{err}");
        assert_eq!(server.count(), 1, "a refused body is not retried");
    }
}

/// A server that compresses every answer, and encodings nobody asked for.
fn odd_server() -> TestServer {
    serve(|req, _| {
        let page = page_json(1, 1, &[1, 2]);
        match req.path() {
            "/v4/profile/sshkeys" => gzip_reply(gzip(page.as_bytes()), true),
            _ => {
                let mut reply = gzip_reply(Bytes::from(page), false);
                reply.headers[1].1 = "br".into();
                reply
            }
        }
    })
}

#[tokio::test]
async fn hyper_decodes_gzip_even_unasked_and_refuses_other_encodings() {
    let server = odd_server();
    let client =
        linode_hyper::Client::from_config(config(&server).with_compression(false)).unwrap();
    let page = client.send(&ListSshKeys::default()).await.unwrap();
    assert_eq!(page.data.len(), 2);
    let err = client
        .send(&linode::profile::GetSshKey { ssh_key_id: 1 })
        .await
        .unwrap_err();
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Other),
        "{err}"
    );
    assert!(err.to_string().contains("\"br\""), "{err}");
}

#[test]
fn ureq_decodes_gzip_even_unasked_and_refuses_other_encodings() {
    let server = odd_server();
    let client = linode_ureq::Client::from_config(config(&server).with_compression(false)).unwrap();
    let page = client.send(&ListSshKeys::default()).unwrap();
    assert_eq!(page.data.len(), 2);
    let err = client
        .send(&linode::profile::GetSshKey { ssh_key_id: 1 })
        .unwrap_err();
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Other),
        "{err}"
    );
    assert!(err.to_string().contains("\"br\""), "{err}");
}

#[tokio::test]
async fn corrupt_gzip_is_an_error_not_garbage_json() {
    let server = serve(|_, _| {
        let mut packed = gzip(page_json(1, 1, &[1]).as_bytes()).to_vec();
        let middle = packed.len() / 2;
        packed[middle] ^= 0xff;
        gzip_reply(Bytes::from(packed), false)
    });
    let hyper = linode_hyper::Client::from_config(config(&server).without_retries()).unwrap();
    let err = hyper.send(&ListSshKeys::default()).await.unwrap_err();
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Other),
        "{err}"
    );
    let ureq = linode_ureq::Client::from_config(config(&server).without_retries()).unwrap();
    let err = tokio::task::spawn_blocking(move || ureq.send(&ListSshKeys::default()))
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(
        transport_kind(&err),
        Some(TransportErrorKind::Other),
        "{err}"
    );
}
