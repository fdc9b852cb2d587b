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
