//! The clients driven by a scripted in-memory transport: retries counted exactly,
//! pagination laziness, redirect refusal. No network, no runtime.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;

use super::*;
use linode_requests::profile::{CreateSshKey, GetSshKey, ListSshKeys};
use linode_requests::{Error, Pagination, TransportError, TransportErrorKind};

type Scripted = Result<(u16, &'static [(&'static str, &'static str)], String), TransportErrorKind>;

/// Answers from a script, records every request and every sleep.
#[derive(Default)]
struct Script {
    answers: Mutex<VecDeque<Scripted>>,
    requests: Mutex<Vec<http::Request<Bytes>>>,
    sleeps: Mutex<Vec<Duration>>,
}

impl Script {
    fn new(answers: Vec<Scripted>) -> Arc<Self> {
        Arc::new(Self {
            answers: Mutex::new(answers.into()),
            ..Self::default()
        })
    }

    fn answer(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        self.requests.lock().unwrap().push(request);
        match self.answers.lock().unwrap().pop_front() {
            Some(Ok((status, headers, body))) => {
                let mut response = http::Response::builder().status(status);
                for (k, v) in headers {
                    response = response.header(*k, *v);
                }
                Ok(response.body(Bytes::from(body)).unwrap())
            }
            Some(Err(kind)) => Err(TransportError::new(kind, "scripted")),
            None => panic!("the script ran out of answers"),
        }
    }

    fn sent(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    fn paths(&self) -> Vec<String> {
        let requests = self.requests.lock().unwrap();
        requests.iter().map(|r| r.uri().to_string()).collect()
    }
}

#[async_trait]
impl Transport for Script {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        self.answer(request)
    }
    async fn sleep(&self, duration: Duration) {
        self.sleeps.lock().unwrap().push(duration);
    }
}

impl BlockingTransport for Script {
    fn send(&self, request: http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> {
        self.answer(request)
    }
    fn sleep(&self, duration: Duration) {
        self.sleeps.lock().unwrap().push(duration);
    }
}

struct ThreadWaker(std::thread::Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// A minimal executor: polls on this thread, parking between wake-ups.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
        std::thread::park();
    }
}

const KEY: &str =
    r#"{"id": 9, "label": "ops", "ssh_key": "ssh-ed25519 AAAA", "created": "2024-02-03T04:05:06"}"#;

fn page(n: u32, pages: u32, ids: &[u64]) -> String {
    let data: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"id": {id}, "label": "k{id}", "ssh_key": "ssh-ed25519 AAAA", "created": "2024-02-03T04:05:06"}}"#))
        .collect();
    format!(
        r#"{{"data": [{}], "page": {n}, "pages": {pages}, "results": 5}}"#,
        data.join(",")
    )
}

fn config() -> ClientConfig {
    ClientConfig::new()
        .with_token("scripted-token")
        .unwrap()
        .with_retry(
            RetryConfig::default()
                .with_initial_backoff(Duration::from_millis(10))
                .with_max_delay(Duration::from_secs(5)),
        )
}

fn blocking(script: &Arc<Script>) -> BlockingClient<Arc<Script>> {
    BlockingClient::new(config(), script.clone()).unwrap()
}

fn asynchronous(script: &Arc<Script>) -> Client<Arc<Script>> {
    Client::new(config(), script.clone()).unwrap()
}

#[test]
fn a_post_that_got_a_500_is_sent_once_and_a_get_is_retried() {
    let script = Script::new(vec![Ok((500, &[], String::new()))]);
    let err = blocking(&script)
        .send(&CreateSshKey::new("ops", "ssh-ed25519 AAAA"))
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(script.sent(), 1);

    let script = Script::new(vec![
        Ok((502, &[], String::new())),
        Err(TransportErrorKind::Timeout),
        Ok((200, &[], KEY.to_owned())),
    ]);
    let key = blocking(&script)
        .send(&GetSshKey { ssh_key_id: 9 })
        .unwrap();
    assert_eq!(key.id, 9);
    assert_eq!(script.sent(), 3);
    assert_eq!(script.sleeps.lock().unwrap().len(), 2);
}

#[test]
fn rate_limits_wait_their_retry_after_but_a_post_is_never_resent() {
    let limited = || {
        Ok((
            429,
            &[("retry-after", "2")][..],
            r#"{"errors":[{"reason":"Too many requests"}]}"#.to_owned(),
        ))
    };
    let script = Script::new(vec![limited(), Ok((200, &[], KEY.to_owned()))]);
    let key = block_on(asynchronous(&script).send(&GetSshKey { ssh_key_id: 9 }));
    assert_eq!(key.unwrap().id, 9);
    assert_eq!(script.sent(), 2);
    assert_eq!(*script.sleeps.lock().unwrap(), vec![Duration::from_secs(2)]);

    // The POST reached the server: the 429 goes back to the caller, with its Retry-After.
    let script = Script::new(vec![limited(), Ok((200, &[], KEY.to_owned()))]);
    let err = block_on(asynchronous(&script).send(&CreateSshKey::new("ops", "ssh-ed25519 AAAA")))
        .unwrap_err();
    assert_eq!(
        err.as_api().unwrap().retry_after(),
        Some(Duration::from_secs(2))
    );
    assert_eq!(script.sent(), 1);
    assert!(script.sleeps.lock().unwrap().is_empty());
}

#[test]
fn connect_failures_are_retried_for_a_post_and_other_failures_are_not() {
    let script = Script::new(vec![
        Err(TransportErrorKind::Connect),
        Ok((200, &[], KEY.to_owned())),
    ]);
    assert!(blocking(&script).send(&CreateSshKey::new("a", "b")).is_ok());
    assert_eq!(script.sent(), 2);

    let script = Script::new(vec![Err(TransportErrorKind::Io)]);
    let err = block_on(asynchronous(&script).send(&CreateSshKey::new("a", "b"))).unwrap_err();
    assert!(
        matches!(&err, Error::Transport { source, .. } if source.kind() == TransportErrorKind::Io)
    );
    assert_eq!(script.sent(), 1);
}

#[test]
fn retries_stop_at_max_attempts_and_can_be_turned_off() {
    let script = Script::new(vec![Ok((503, &[], String::new())); 4]);
    assert!(blocking(&script)
        .send(&GetSshKey { ssh_key_id: 1 })
        .is_err());
    assert_eq!(script.sent(), 4);

    let script = Script::new(vec![Ok((503, &[], String::new()))]);
    let client = BlockingClient::new(config().without_retries(), script.clone()).unwrap();
    assert!(client.send(&GetSshKey { ssh_key_id: 1 }).is_err());
    assert_eq!(script.sent(), 1);

    let script = Script::new(vec![Ok((
        503,
        &[("x-maintenance-mode", "1")],
        String::new(),
    ))]);
    let err = blocking(&script)
        .send(&GetSshKey { ssh_key_id: 1 })
        .unwrap_err();
    assert!(err.as_api().is_some_and(|e| e.is_maintenance()));
    assert_eq!(script.sent(), 1);
}

#[test]
fn redirects_are_refused_not_followed() {
    let script = Script::new(vec![Ok((
        301,
        &[("location", "https://elsewhere.example/v4/profile")],
        String::new(),
    ))]);
    let err = blocking(&script)
        .send(&GetSshKey { ssh_key_id: 1 })
        .unwrap_err();
    assert!(
        matches!(&err, Error::Transport { source, .. } if source.kind() == TransportErrorKind::Redirect)
    );
    assert_eq!(script.sent(), 1);
}

#[test]
fn send_with_meta_keeps_headers_and_warnings() {
    let script = Script::new(vec![Ok((
        299,
        &[("x-ratelimit-remaining", "17")],
        r#"{"id": 9, "label": "ops", "ssh_key": "k", "created": "2024-02-03T04:05:06", "warnings": [{"title": "deprecated", "detail": "use v2"}]}"#.to_owned(),
    ))]);
    let answer = blocking(&script)
        .send_with_meta(&GetSshKey { ssh_key_id: 9 })
        .unwrap();
    assert_eq!(answer.meta().rate_limit_remaining(), Some(17));
    assert_eq!(answer.warnings.len(), 1);
}

#[test]
fn blocking_pagination_is_lazy_and_walks_every_page() {
    let script = Script::new(vec![
        Ok((200, &[], page(1, 3, &[1, 2]))),
        Ok((200, &[], page(2, 3, &[3, 4]))),
        Ok((200, &[], page(3, 3, &[5]))),
    ]);
    let client = blocking(&script);
    let op = ListSshKeys {
        pagination: Pagination::new().page_size(25),
        ..Default::default()
    };
    let mut items = client.items(op);
    assert_eq!(script.sent(), 0);
    assert_eq!(items.next().unwrap().unwrap().id, 1);
    assert_eq!(items.next().unwrap().unwrap().id, 2);
    assert_eq!(script.sent(), 1);
    assert_eq!(items.next().unwrap().unwrap().id, 3);
    assert_eq!(script.sent(), 2);
    let rest: Vec<u64> = items.map(|k| k.unwrap().id).collect();
    assert_eq!(rest, vec![4, 5]);
    assert_eq!(
        script.paths(),
        vec![
            "https://api.linode.com/v4/profile/sshkeys?page_size=25",
            "https://api.linode.com/v4/profile/sshkeys?page=2&page_size=25",
            "https://api.linode.com/v4/profile/sshkeys?page=3&page_size=25",
        ]
    );
}

#[test]
fn async_pagination_is_lazy_and_stops_after_an_error() {
    let script = Script::new(vec![
        Ok((200, &[], page(1, 3, &[1, 2]))),
        Ok((
            404,
            &[],
            r#"{"errors":[{"reason":"Not found"}]}"#.to_owned(),
        )),
    ]);
    let client = asynchronous(&script);
    let mut pages = client.pages(ListSshKeys::default());
    block_on(async {
        assert_eq!(script.sent(), 0);
        assert_eq!(pages.next().await.unwrap().unwrap().data.len(), 2);
        assert_eq!(script.sent(), 1);
        assert!(pages.next().await.unwrap().is_err());
        assert!(pages.next().await.is_none());
    });
    assert_eq!(script.sent(), 2);

    let script = Script::new(vec![
        Ok((200, &[], page(4, 5, &[7]))),
        Ok((200, &[], page(5, 5, &[8]))),
    ]);
    let client = asynchronous(&script);
    let op = ListSshKeys {
        pagination: Pagination::new().page(4),
        ..Default::default()
    };
    let mut items = client.items(op);
    let ids = block_on(async {
        let mut ids = Vec::new();
        while let Some(item) = items.next().await {
            ids.push(item.unwrap().id);
        }
        ids
    });
    assert_eq!(ids, vec![7, 8]);
}

#[test]
fn the_default_sleep_needs_no_runtime() {
    struct NoSleep;
    #[async_trait]
    impl Transport for NoSleep {
        async fn send(
            &self,
            _: http::Request<Bytes>,
        ) -> Result<http::Response<Bytes>, TransportError> {
            Err(TransportError::new(TransportErrorKind::Other, "unused"))
        }
    }
    let started = std::time::Instant::now();
    block_on(NoSleep.sleep(Duration::from_millis(30)));
    assert!(started.elapsed() >= Duration::from_millis(30));
}

#[test]
fn plain_http_to_a_remote_host_is_refused_when_building_a_client() {
    let config = ClientConfig::new()
        .with_base_url("http://api.example.test")
        .unwrap();
    let script = Script::new(vec![]);
    assert!(matches!(
        BlockingClient::new(config.clone(), script.clone()),
        Err(ConfigError::InsecureUrl { .. })
    ));
    assert!(Client::new(config.allow_insecure_http(), script).is_ok());
}

/// Fetching ahead, observed through a transport whose answers wait at a gate the test opens
/// page by page: which pages were asked for when, how many were in flight, what was dropped.
mod prefetch {
    use super::*;
    use futures_core::Stream;
    use std::collections::BTreeMap;

    /// Pages of `PAGE_SIZE` keys out of `TOTAL` (5 pages).
    const TOTAL: u64 = 125;
    const PAGE_SIZE: u64 = 25;

    /// The ids page `n` holds.
    fn on(n: u64) -> Vec<u64> {
        ((n - 1) * PAGE_SIZE..n * PAGE_SIZE).collect()
    }

    #[derive(Default)]
    struct Gate {
        /// Pages whose answer may go, with the status to answer.
        open: BTreeMap<u32, u16>,
        /// Every page asked for, in order.
        asked: Vec<u32>,
        in_flight: usize,
        max_in_flight: usize,
        /// Requests dropped before their answer went.
        cancelled: usize,
    }

    #[derive(Default)]
    struct Gated(Mutex<Gate>);

    /// Counts a request in flight; dropped before the answer, it counts as cancelled.
    struct InFlight<'a>(&'a Gated, bool);

    impl Drop for InFlight<'_> {
        fn drop(&mut self) {
            let mut gate = self.0 .0.lock().unwrap();
            gate.in_flight -= 1;
            if !self.1 {
                gate.cancelled += 1;
            }
        }
    }

    fn page_number(request: &http::Request<Bytes>) -> u32 {
        let query = request.uri().query().unwrap_or("");
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix("page="))
            .and_then(|n| n.parse().ok())
            .unwrap_or(1)
    }

    #[async_trait]
    impl Transport for Gated {
        async fn send(
            &self,
            request: http::Request<Bytes>,
        ) -> Result<http::Response<Bytes>, TransportError> {
            let n = page_number(&request);
            {
                let mut gate = self.0.lock().unwrap();
                gate.asked.push(n);
                gate.in_flight += 1;
                gate.max_in_flight = gate.max_in_flight.max(gate.in_flight);
            }
            let mut guard = InFlight(self, false);
            let status = std::future::poll_fn(|_| match self.0.lock().unwrap().open.get(&n) {
                Some(status) => Poll::Ready(*status),
                None => Poll::Pending,
            })
            .await;
            guard.1 = true;
            drop(guard);
            let pages = TOTAL.div_ceil(PAGE_SIZE) as u32;
            let first = u64::from(n - 1) * PAGE_SIZE;
            let ids: Vec<u64> = (first..(first + PAGE_SIZE).min(TOTAL)).collect();
            let body = if status == 200 {
                page(n, pages, &ids)
            } else {
                r#"{"errors": [{"reason": "broken"}]}"#.to_owned()
            };
            Ok(http::Response::builder()
                .status(status)
                .body(Bytes::from(body))
                .unwrap())
        }
    }

    impl Gated {
        fn open(&self, n: u32, status: u16) {
            self.0.lock().unwrap().open.insert(n, status);
        }
        fn asked(&self) -> Vec<u32> {
            self.0.lock().unwrap().asked.clone()
        }
    }

    fn walk(gate: &Arc<Gated>, prefetch: usize) -> Pages<Arc<Gated>, ListSshKeys> {
        let config = config().without_retries();
        let client = Client::new(config, gate.clone()).unwrap();
        let op = ListSshKeys {
            pagination: Pagination::new().page_size(PAGE_SIZE as u32),
            ..Default::default()
        };
        client.pages(op).prefetch(prefetch)
    }

    /// Polls once with a waker that does nothing (the test opens gates itself).
    fn poll<S: Stream + Unpin>(stream: &mut S) -> Poll<Option<S::Item>> {
        let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
        Pin::new(stream).poll_next(&mut Context::from_waker(&waker))
    }

    fn ids(
        polled: Poll<
            Option<
                Result<
                    linode_requests::models::Page<linode_requests::models::profile::SshKey>,
                    Error,
                >,
            >,
        >,
    ) -> Vec<u64> {
        match polled {
            Poll::Ready(Some(Ok(page))) => page.data.iter().map(|k| k.id).collect(),
            other => panic!(
                "expected a page, got {:?}",
                other.map(|o| o.map(|r| r.map(|p| p.page)))
            ),
        }
    }

    use std::pin::Pin;

    #[test]
    fn pages_come_in_order_with_at_most_n_fetched_ahead() {
        let gate = Arc::new(Gated::default());
        let mut pages = walk(&gate, 2);
        // The first page goes alone: it tells how many there are.
        assert!(poll(&mut pages).is_pending());
        assert_eq!(gate.asked(), [1]);
        gate.open(1, 200);
        assert_eq!(ids(poll(&mut pages)), on(1));
        // Yielding page 1 asked for the next two at once.
        assert_eq!(gate.asked(), [1, 2, 3]);
        assert!(poll(&mut pages).is_pending());
        assert_eq!(gate.asked(), [1, 2, 3], "no more than 2 ahead");
        // Page 3 answering first does not overtake page 2.
        gate.open(3, 200);
        assert!(poll(&mut pages).is_pending());
        gate.open(2, 200);
        assert_eq!(ids(poll(&mut pages)), on(2));
        assert_eq!(gate.asked(), [1, 2, 3, 4]);
        for n in 4..=5 {
            gate.open(n, 200);
        }
        assert_eq!(ids(poll(&mut pages)), on(3));
        assert_eq!(ids(poll(&mut pages)), on(4));
        assert_eq!(ids(poll(&mut pages)), on(5));
        assert!(matches!(poll(&mut pages), Poll::Ready(None)));
        let gate = gate.0.lock().unwrap();
        assert_eq!(
            gate.asked,
            [1, 2, 3, 4, 5],
            "each page once, none past the end"
        );
        assert_eq!(gate.max_in_flight, 2);
        assert_eq!(gate.cancelled, 0);
    }

    #[test]
    fn without_prefetch_the_next_page_waits_for_the_caller() {
        let gate = Arc::new(Gated::default());
        let mut pages = walk(&gate, 0);
        gate.open(1, 200);
        gate.open(2, 200);
        assert_eq!(ids(poll(&mut pages)), on(1));
        assert_eq!(gate.asked(), [1], "lazy: page 2 not asked for yet");
        assert_eq!(ids(poll(&mut pages)), on(2));
        assert_eq!(gate.asked(), [1, 2]);
    }

    #[test]
    fn an_error_comes_in_its_place_and_the_pages_after_it_are_dropped() {
        let gate = Arc::new(Gated::default());
        let mut pages = walk(&gate, 3);
        gate.open(1, 200);
        assert_eq!(ids(poll(&mut pages)), on(1));
        assert_eq!(gate.asked(), [1, 2, 3, 4]);
        gate.open(3, 500);
        gate.open(4, 200);
        assert!(poll(&mut pages).is_pending());
        gate.open(2, 200);
        assert_eq!(ids(poll(&mut pages)), on(2));
        assert!(matches!(
            poll(&mut pages),
            Poll::Ready(Some(Err(Error::Api(_))))
        ));
        assert!(matches!(poll(&mut pages), Poll::Ready(None)));
        let gate = gate.0.lock().unwrap();
        // Page 5 was asked for after page 2 came; it was still waiting, and was dropped.
        assert_eq!(gate.asked, [1, 2, 3, 4, 5]);
        assert_eq!(gate.cancelled, 1);
        assert_eq!(gate.in_flight, 0);
    }

    #[test]
    fn dropping_the_walk_cancels_what_is_in_flight() {
        let gate = Arc::new(Gated::default());
        let mut items = {
            let config = config().without_retries();
            let client = Client::new(config, gate.clone()).unwrap();
            let op = ListSshKeys {
                pagination: Pagination::new().page_size(PAGE_SIZE as u32),
                ..Default::default()
            };
            client.items(op).prefetch(3)
        };
        gate.open(1, 200);
        assert!(matches!(poll(&mut items), Poll::Ready(Some(Ok(k))) if k.id == 0));
        assert_eq!(gate.asked(), [1, 2, 3, 4]);
        drop(items);
        let gate = gate.0.lock().unwrap();
        assert_eq!((gate.in_flight, gate.cancelled), (0, 3));
    }

    #[test]
    fn items_with_prefetch_yield_every_item_once_in_order() {
        let gate = Arc::new(Gated::default());
        for n in 1..=5 {
            gate.open(n, 200);
        }
        let config = config().without_retries();
        let client = Client::new(config, gate.clone()).unwrap();
        let op = ListSshKeys {
            pagination: Pagination::new().page_size(PAGE_SIZE as u32),
            ..Default::default()
        };
        let ids = block_on(async {
            let mut items = client.items(op).prefetch(MAX_PREFETCH + 100);
            let mut ids = Vec::new();
            while let Some(key) = items.next().await {
                ids.push(key.unwrap().id);
            }
            ids
        });
        assert_eq!(ids, (0..TOTAL).collect::<Vec<_>>());
        assert_eq!(gate.asked(), [1, 2, 3, 4, 5]);
    }
}
