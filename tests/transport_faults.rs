//! One fault taxonomy for both transports: every transport fault of the table in
//! `docs/errors-and-retries.md` is produced on purpose by a hostile loopback server, and the
//! same suite checks, against linode-ureq and linode-hyper alike, the error's kind, whether it
//! says the request may have reached the server, whether a GET and a POST are retried (counted
//! at the transport), that the error chain says each thing once and that the table says so.

// A panic in a test is a failed test (clippy.toml allows it in #[test] fns; helpers too).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::error::Error as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use linode::client::{BlockingTransport, ClientConfig, Transport};
use linode::profile::{CreateSshKey, GetProfile};
use linode::requests::{Error, RetryConfig, TransportError, TransportErrorKind};
use linode::{Applied, ErrorKind, Idempotency};
use linode_hyper::HyperTransport;
use linode_ureq::UreqTransport;
use support::hostile::{refused_url, Behaviour, Hostile};

/// One row of the fault table.
#[derive(Debug, Clone, Copy)]
struct Case {
    /// The fault's name in the table's first column.
    fault: &'static str,
    /// How to produce it (`None`: nothing listens).
    behaviour: Option<Behaviour>,
    tls: bool,
    kind: TransportErrorKind,
    may_have_reached_server: bool,
    get_retried: bool,
    post_retried: bool,
}

const fn case(
    fault: &'static str,
    behaviour: Option<Behaviour>,
    kind: TransportErrorKind,
    reached: bool,
    get_retried: bool,
) -> Case {
    Case {
        fault,
        behaviour,
        tls: false,
        kind,
        may_have_reached_server: reached,
        get_retried,
        // A change is re-sent only when nothing can have reached the server.
        post_retried: !reached,
    }
}

use Behaviour as B;
use TransportErrorKind as K;

const CASES: [Case; 10] = [
    case("Connection refused", None, K::Connect, false, true),
    Case {
        tls: true,
        ..case(
            "TLS handshake fails",
            Some(B::NotTls),
            K::Connect,
            false,
            true,
        )
    },
    case(
        "Reset before the request was read",
        Some(B::CloseBeforeRead),
        K::Io,
        true,
        true,
    ),
    case(
        "Reset after the request was read",
        Some(B::CloseAfterRead),
        K::Io,
        true,
        true,
    ),
    case("Timeout", Some(B::Silent), K::Timeout, true, true),
    case(
        "Oversized head",
        Some(B::HugeHead),
        K::Protocol,
        true,
        false,
    ),
    case(
        "Malformed head",
        Some(B::MalformedHead),
        K::Protocol,
        true,
        false,
    ),
    case(
        "Oversized body (declared)",
        Some(B::HugeDeclaredBody),
        K::BodyTooLarge,
        true,
        false,
    ),
    case(
        "Oversized body (streamed)",
        Some(B::HugeChunkedBody),
        K::BodyTooLarge,
        true,
        false,
    ),
    case("Redirect", Some(B::Redirect), K::Redirect, true, false),
];

const MAX_ATTEMPTS: u32 = 3;

fn config(url: &str) -> ClientConfig {
    ClientConfig::new()
        .with_token(support::TOKEN)
        .unwrap()
        .with_base_url(url)
        .unwrap()
        .with_connect_timeout(Duration::from_secs(2))
        .with_request_timeout(Duration::from_millis(400))
        .with_max_response_bytes(1024)
        .with_retry(
            RetryConfig::default()
                .with_max_attempts(MAX_ATTEMPTS)
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_delay(Duration::from_millis(5)),
        )
}

/// Counts the attempts a client makes through a transport.
struct Counting<T> {
    inner: T,
    sends: Arc<AtomicUsize>,
}

impl<T: BlockingTransport> BlockingTransport for Counting<T> {
    fn send(&self, request: http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> {
        self.sends.fetch_add(1, Ordering::SeqCst);
        self.inner.send(request)
    }
    fn sleep(&self, duration: Duration) {
        self.inner.sleep(duration);
    }
}

#[async_trait]
impl<T: Transport> Transport for Counting<T> {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        self.sends.fetch_add(1, Ordering::SeqCst);
        self.inner.send(request).await
    }
    async fn sleep(&self, duration: Duration) {
        self.inner.sleep(duration).await;
    }
}

/// Which transport runs the suite.
#[derive(Debug, Clone, Copy)]
enum Which {
    Ureq,
    Hyper,
}

/// Sends a GET and a POST through `which` to `url`: (GET error, GET attempts, POST error,
/// POST attempts).
fn exchange(which: Which, url: &str) -> (Error, usize, Error, usize) {
    let post = CreateSshKey::new("laptop", "ssh-ed25519 AAAA test");
    let sends = Arc::new(AtomicUsize::new(0));
    let config = config(url);
    let (get, get_n, post, post_n) = match which {
        Which::Ureq => {
            let transport = Counting {
                inner: UreqTransport::new(&config).unwrap(),
                sends: sends.clone(),
            };
            let client = linode::requests::BlockingClient::new(config, transport).unwrap();
            let get = client.send(&GetProfile).map(|_| ());
            let get_n = sends.swap(0, Ordering::SeqCst);
            let post = client.send(&post).map(|_| ());
            (get, get_n, post, sends.load(Ordering::SeqCst))
        }
        Which::Hyper => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                let transport = Counting {
                    inner: HyperTransport::new(&config).unwrap(),
                    sends: sends.clone(),
                };
                let client = linode::requests::Client::new(config, transport).unwrap();
                let get = client.send(&GetProfile).await.map(|_| ());
                let get_n = sends.swap(0, Ordering::SeqCst);
                let post = client.send(&post).await.map(|_| ());
                (get, get_n, post, sends.load(Ordering::SeqCst))
            })
        }
    };
    (
        get.expect_err("the GET must fail"),
        get_n,
        post.expect_err("the POST must fail"),
        post_n,
    )
}

fn transport_error(error: &Error) -> &TransportError {
    match error {
        Error::Transport { source, .. } => source,
        other => panic!("expected a transport error, got {other:?}"),
    }
}

/// Each link's message, top first.
fn chain(error: &Error) -> Vec<String> {
    let mut links = vec![error.to_string()];
    let mut next = error.source();
    while let Some(e) = next {
        links.push(e.to_string());
        next = e.source();
    }
    links
}

fn attempts(retried: bool) -> usize {
    if retried {
        MAX_ATTEMPTS as usize
    } else {
        1
    }
}

fn run_suite(which: Which) {
    let mut failures = Vec::new();
    for case in CASES {
        let server = case.behaviour.map(Hostile::start);
        let url = match &server {
            Some(s) => s.url(case.tls),
            None => refused_url(),
        };
        let (get, get_n, post, post_n) = exchange(which, &url);
        let error = transport_error(&get);
        let mut problems = Vec::new();
        if error.kind() != case.kind {
            problems.push(format!("kind {:?}, expected {:?}", error.kind(), case.kind));
        }
        if error.may_have_reached_server() != case.may_have_reached_server {
            problems.push(format!(
                "may_have_reached_server {}",
                error.may_have_reached_server()
            ));
        }
        if transport_error(&post).kind() != case.kind {
            problems.push(format!("POST kind {:?}", transport_error(&post).kind()));
        }
        // What a program matches on, and the advice the POST (not idempotent) gets.
        let expected_kind = match case.kind {
            K::Connect | K::Io => ErrorKind::Network,
            K::Timeout => ErrorKind::Timeout,
            K::Protocol | K::Redirect => ErrorKind::Protocol,
            K::BodyTooLarge => ErrorKind::ResponseTooLarge,
            other => panic!("no case for {other:?}"),
        };
        if get.kind() != expected_kind || post.kind() != expected_kind {
            problems.push(format!("Error::kind {:?}/{:?}", get.kind(), post.kind()));
        }
        let applied = if case.may_have_reached_server {
            Applied::Maybe
        } else {
            Applied::No
        };
        if post.may_have_been_applied() != applied {
            problems.push(format!("POST applied {:?}", post.may_have_been_applied()));
        }
        if post.to_string().contains(Idempotency::GENERIC_ADVICE) != case.may_have_reached_server {
            problems.push(format!("POST advice: {post}"));
        }
        if get.to_string().contains(Idempotency::GENERIC_ADVICE) {
            problems.push(format!("GET (idempotent) advised to check: {get}"));
        }
        if get_n != attempts(case.get_retried) {
            problems.push(format!("GET sent {get_n} times"));
        }
        if post_n != attempts(case.post_retried) {
            problems.push(format!("POST sent {post_n} times"));
        }
        // Each thing once: no link repeats (or contains) the message of the next.
        let links = chain(&get);
        for pair in links.windows(2) {
            if pair[0].contains(pair[1].as_str()) {
                problems.push(format!("the chain repeats {:?}", pair[1]));
            }
        }
        let text = format!("{get} {get:?}");
        if text.contains("stolen-0123456") || text.contains(support::TOKEN) {
            problems.push("a secret in the error".to_owned());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {} ({})",
                case.fault,
                problems.join("; "),
                links.join(" <- ")
            ));
        }
    }
    assert!(failures.is_empty(), "{which:?}:\n{}", failures.join("\n"));
}

#[test]
fn ureq_follows_the_fault_table() {
    run_suite(Which::Ureq);
}

#[test]
fn hyper_follows_the_fault_table() {
    run_suite(Which::Hyper);
}

/// The table in the docs is the one tested here, row by row.
#[test]
fn the_documented_table_is_the_tested_one() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/errors-and-retries.md"),
    )
    .unwrap();
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    for case in CASES {
        let row = doc
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", case.fault)))
            .unwrap_or_else(|| panic!("no row for {:?} in docs/errors-and-retries.md", case.fault));
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        // | fault | kind | reached | GET retried | POST retried |
        assert_eq!(cells[2], format!("`{:?}`", case.kind), "{row}");
        assert!(
            cells[3].starts_with(yes_no(case.may_have_reached_server)),
            "{row}"
        );
        assert!(cells[4].starts_with(yes_no(case.get_retried)), "{row}");
        assert!(cells[5].starts_with(yes_no(case.post_retried)), "{row}");
    }
}

/// A proxy page echoing the configured token under no name: the clients replace it by value.
#[test]
fn the_configured_token_never_shows_in_an_error() {
    let server = Hostile::start(Behaviour::EchoToken);
    let config = config(&server.url(false)).without_retries();
    let blocking = linode_ureq::Client::from_config(config.clone()).unwrap();
    let error = blocking.send(&GetProfile).unwrap_err();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let async_error = runtime.block_on(async {
        let client = linode_hyper::Client::from_config(config).unwrap();
        client.send(&GetProfile).await.unwrap_err()
    });
    for error in [error, async_error] {
        let text = format!("{error} {error:?} {:?}", chain(&error));
        assert!(error.status().is_some(), "{text}");
        assert!(!text.contains(support::TOKEN), "{text}");
        assert!(text.contains("[redacted]"), "{text}");
    }
}
