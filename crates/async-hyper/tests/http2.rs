//! HTTP/2 in linode-hyper against loopback TLS servers with a test certificate: h2 chosen
//! by ALPN and shared by many requests in flight, HTTP/1.1 when the server offers only that,
//! and HTTP/2 stream faults classified so a POST is re-sent only when the server proved it did
//! not process it.
//!
//! `tests/tls/test-cert.pem` is a self-signed certificate for `127.0.0.1` and `localhost`
//! (P-256, valid until 2126) and `test-key.pem` its key; they are for these tests only.

// A panic in a test is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use linode_client::{ClientConfig, RetryConfig, Transport};
use linode_hyper::HyperTransport;
use linode_requests::profile::CreateSshKey;
use linode_requests::{Error, TransportErrorKind};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

const CERT: &str = include_str!("tls/test-cert.pem");
const KEY: &str = include_str!("tls/test-key.pem");
const KEY_JSON: &str =
    r#"{"id":7,"label":"ci","ssh_key":"ssh-ed25519 AAAA","created":"2024-05-01T10:00:00"}"#;

/// What the h2 server does.
#[derive(Clone, Copy)]
enum Script {
    /// Answers every stream with `KEY_JSON`.
    Answer,
    /// Resets the first stream it sees with this reason, then answers.
    ResetFirst(h2::Reason),
    /// Sends GOAWAY (last stream 0: nothing processed) on the first connection, then answers.
    GoAwayFirstConnection,
}

struct Server {
    addr: SocketAddr,
    accepts: Arc<AtomicUsize>,
    streams: Arc<AtomicUsize>,
}

fn acceptor(alpn: &[&[u8]]) -> TlsAcceptor {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(CERT.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_slice(KEY.as_bytes()).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    TlsAcceptor::from(Arc::new(config))
}

/// An HTTP/2-only TLS server (ALPN `h2`) driven by the h2 crate, so a test can send resets
/// and GOAWAY frames.
async fn h2_server(script: Script) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepts = Arc::new(AtomicUsize::new(0));
    let streams = Arc::new(AtomicUsize::new(0));
    let tls = acceptor(&[b"h2"]);
    let (a, s) = (accepts.clone(), streams.clone());
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let connection = a.fetch_add(1, Ordering::SeqCst);
            let (tls, streams) = (tls.clone(), s.clone());
            tokio::spawn(async move {
                let Ok(stream) = tls.accept(tcp).await else {
                    return;
                };
                let Ok(mut h2) = h2::server::handshake(stream).await else {
                    return;
                };
                if connection == 0 && matches!(script, Script::GoAwayFirstConnection) {
                    h2.abrupt_shutdown(h2::Reason::NO_ERROR);
                    let _ = std::future::poll_fn(|cx| h2.poll_closed(cx)).await;
                    return;
                }
                while let Some(Ok((_request, mut respond))) = h2.accept().await {
                    let n = streams.fetch_add(1, Ordering::SeqCst);
                    if let (0, Script::ResetFirst(reason)) = (n, script) {
                        respond.send_reset(reason);
                        continue;
                    }
                    let response = http::Response::builder()
                        .status(200)
                        .header("content-type", "application/json")
                        .body(())
                        .unwrap();
                    if let Ok(mut body) = respond.send_response(response, false) {
                        let _ = body.send_data(Bytes::from_static(KEY_JSON.as_bytes()), true);
                    }
                }
            });
        }
    });
    Server {
        addr,
        accepts,
        streams,
    }
}

/// A TLS server that offers only HTTP/1.1 (hyper's server).
async fn http1_server() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepts = Arc::new(AtomicUsize::new(0));
    let streams = Arc::new(AtomicUsize::new(0));
    let tls = acceptor(&[b"http/1.1"]);
    let (a, s) = (accepts.clone(), streams.clone());
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            a.fetch_add(1, Ordering::SeqCst);
            let (tls, streams) = (tls.clone(), s.clone());
            tokio::spawn(async move {
                let Ok(stream) = tls.accept(tcp).await else {
                    return;
                };
                let service = hyper::service::service_fn(move |_request| {
                    streams.fetch_add(1, Ordering::SeqCst);
                    async {
                        Ok::<_, std::convert::Infallible>(http::Response::new(
                            http_body_util::Full::new(Bytes::from_static(KEY_JSON.as_bytes())),
                        ))
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Server {
        addr,
        accepts,
        streams,
    }
}

fn config(server: &Server) -> ClientConfig {
    ClientConfig::new()
        .with_base_url(&format!("https://127.0.0.1:{}", server.addr.port()))
        .unwrap()
        .with_token("h2-test-token")
        .unwrap()
        .with_root_certificate_pem(CERT)
        .unwrap()
        .with_request_timeout(Duration::from_secs(5))
        .with_retry(
            RetryConfig::default()
                .with_initial_backoff(Duration::from_millis(5))
                .with_max_delay(Duration::from_millis(50)),
        )
}

fn get(server: &Server) -> http::Request<Bytes> {
    http::Request::get(format!(
        "https://127.0.0.1:{}/v4/profile/sshkeys/7",
        server.addr.port()
    ))
    .body(Bytes::new())
    .unwrap()
}

fn transport_kind(err: &Error) -> Option<TransportErrorKind> {
    match err {
        Error::Transport { source, .. } => Some(source.kind()),
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn h2_is_negotiated_and_sixteen_requests_in_flight_share_one_connection() {
    let server = h2_server(Script::Answer).await;
    let transport = Arc::new(HyperTransport::new(&config(&server)).unwrap());
    // The first request makes the connection; ALPN picks h2.
    let first = transport.send(get(&server)).await.unwrap();
    assert_eq!(first.version(), http::Version::HTTP_2);
    assert_eq!(first.body(), KEY_JSON.as_bytes());

    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (transport, request) = (transport.clone(), get(&server));
            tokio::spawn(async move { transport.send(request).await })
        })
        .collect();
    for task in tasks {
        let response = task.await.unwrap().unwrap();
        assert_eq!(response.version(), http::Version::HTTP_2);
        assert_eq!(response.body(), KEY_JSON.as_bytes());
    }
    assert_eq!(server.streams.load(Ordering::SeqCst), 17);
    assert_eq!(
        server.accepts.load(Ordering::SeqCst),
        1,
        "17 requests, one TCP+TLS connection"
    );
}

#[tokio::test]
async fn http1_is_used_when_the_server_offers_only_that() {
    let server = http1_server().await;
    let transport = HyperTransport::new(&config(&server)).unwrap();
    for _ in 0..3 {
        let response = transport.send(get(&server)).await.unwrap();
        assert_eq!(response.version(), http::Version::HTTP_11);
        assert_eq!(response.body(), KEY_JSON.as_bytes());
    }
    assert_eq!(server.streams.load(Ordering::SeqCst), 3);
    assert_eq!(server.accepts.load(Ordering::SeqCst), 1, "kept alive");
}

#[tokio::test]
async fn a_refused_stream_was_not_processed_so_even_a_post_is_sent_again() {
    let server = h2_server(Script::ResetFirst(h2::Reason::REFUSED_STREAM)).await;
    let transport = HyperTransport::new(&config(&server)).unwrap();
    let err = transport.send(get(&server)).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
    assert!(!err.may_have_reached_server());
    assert!(err.to_string().contains("REFUSED_STREAM"), "{err}");

    let server = h2_server(Script::ResetFirst(h2::Reason::REFUSED_STREAM)).await;
    let client = linode_hyper::Client::from_config(config(&server)).unwrap();
    let key = client
        .send(&CreateSshKey::new("ci", "ssh-ed25519 AAAA"))
        .await
        .unwrap();
    assert_eq!(key.id, 7);
    assert_eq!(server.streams.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn another_reset_may_come_after_processing_so_a_post_is_not_sent_again() {
    let server = h2_server(Script::ResetFirst(h2::Reason::INTERNAL_ERROR)).await;
    let client = linode_hyper::Client::from_config(config(&server)).unwrap();
    let err = client
        .send(&CreateSshKey::new("ci", "ssh-ed25519 AAAA"))
        .await
        .unwrap_err();
    assert_eq!(transport_kind(&err), Some(TransportErrorKind::Io), "{err}");
    assert_eq!(server.streams.load(Ordering::SeqCst), 1, "sent once");
}

#[tokio::test]
async fn a_goaway_that_left_the_stream_out_means_not_processed() {
    let server = h2_server(Script::GoAwayFirstConnection).await;
    let transport = HyperTransport::new(&config(&server)).unwrap();
    let err = transport.send(get(&server)).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
    assert!(err.to_string().contains("GOAWAY"), "{err}");

    let server = h2_server(Script::GoAwayFirstConnection).await;
    let client = linode_hyper::Client::from_config(config(&server)).unwrap();
    let key = client
        .send(&CreateSshKey::new("ci", "ssh-ed25519 AAAA"))
        .await
        .unwrap();
    assert_eq!(key.id, 7);
    assert_eq!(server.accepts.load(Ordering::SeqCst), 2);
    assert_eq!(server.streams.load(Ordering::SeqCst), 1, "processed once");
}
