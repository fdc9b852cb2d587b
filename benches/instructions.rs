//! Instruction counts per operation, for `valgrind --tool=callgrind`: noise-free figures beside
//! criterion's times (a shared machine's load changes times, not instruction counts).
//!
//! `bash benches/instructions.sh` builds this, runs each workload twice under callgrind (N and
//! 3N operations) and prints the instructions of one operation (the difference over 2N, so
//! start-up cancels out) with the SDK/bare ratios. By hand:
//!
//!     target/release/deps/instructions-HASH WORKLOAD N
//!
//! Workloads: `hyper_sdk`, `hyper_bare`, `hyper_sdk_x16`, `hyper_bare_x16`, `ureq_sdk`,
//! `ureq_bare` (GET /v4/profile against the canned loopback server, sequentially or 16 in
//! flight; the count includes the in-process server's work,
//! which is the same for both); the same six with `_events` after them (a page of 100 events,
//! `GET /v4/account/events?page=1&page_size=100`); `parse_profile_sdk`, `parse_profile_bare`,
//! `parse_events_sdk`, `parse_events_bare` (a 100-event page), `build_profile`,
//! `build_ssh_key`, `build_events_filter`. Any SDK exchange with `_plain` at the end runs with
//! compression off (the canned server never compresses, so the difference is what asking for
//! gzip costs). Run by `cargo bench` (no workload), it does nothing.

// A workload that cannot run must stop rather than count errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::hint::black_box;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use linode::models::account::Event;
use linode::models::profile::Profile;
use linode::models::Page;
use linode::requests::account::ListEvents;
use linode::requests::profile::{CreateSshKey, GetProfile};
use linode::requests::{Operation, RequestConfig};
use linode::{ClientConfig, Pagination};

const TOKEN: &str = "bench-token-0123456789abcdef";

fn response(body: &Bytes) -> http::Response<Bytes> {
    let mut r = http::Response::new(body.clone());
    r.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    r
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(workload), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse().ok())) else {
        println!("instructions: no workload given (see benches/instructions.sh); nothing to do");
        return;
    };
    run(workload, n);
}

fn run(workload: &str, n: u64) {
    let profile = Bytes::from(common::profile());
    let events = Bytes::from(common::event_page(100));
    let request_config = RequestConfig::new().with_token(TOKEN).unwrap();
    if let Some(exchange_workload) = Exchange::parse(workload) {
        return exchange(exchange_workload, n, profile, events);
    }
    match workload {
        "parse_profile_sdk" => (0..n).for_each(|_| {
            black_box(GetProfile::from_http_response(response(black_box(&profile))).unwrap());
        }),
        "parse_profile_bare" => (0..n).for_each(|_| {
            black_box(serde_json::from_slice::<Profile>(black_box(&profile)).unwrap());
        }),
        "parse_events_sdk" => (0..n).for_each(|_| {
            black_box(ListEvents::from_http_response(response(black_box(&events))).unwrap());
        }),
        "parse_events_bare" => (0..n).for_each(|_| {
            black_box(serde_json::from_slice::<Page<Event>>(black_box(&events)).unwrap());
        }),
        "build_profile" => (0..n).for_each(|_| {
            black_box(
                black_box(&GetProfile)
                    .to_http_request(&request_config)
                    .unwrap(),
            );
        }),
        "build_ssh_key" => {
            let op = CreateSshKey::new(
                "bench laptop",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBenchKey bench@laptop",
            );
            (0..n).for_each(|_| {
                black_box(black_box(&op).to_http_request(&request_config).unwrap());
            })
        }
        "build_events_filter" => {
            let op = common::filtered_events();
            (0..n).for_each(|_| {
                black_box(black_box(&op).to_http_request(&request_config).unwrap());
            })
        }
        other => panic!("unknown workload {other:?}"),
    }
}

/// `n` runs of `one()` shared by `tasks` tasks, each starting its next when the last is done.
async fn in_tasks<F, Fut>(tasks: u64, n: u64, one: F)
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let handles: Vec<_> = (0..tasks)
        .map(|t| {
            let one = one.clone();
            let count = n / tasks + u64::from(t < n % tasks);
            tokio::spawn(async move {
                for _ in 0..count {
                    one().await;
                }
            })
        })
        .collect();
    for handle in handles {
        handle.await.unwrap();
    }
}

/// An exchange workload, from its name: `{hyper|ureq}_{sdk|bare}[_x16][_events][_plain]`.
struct Exchange {
    /// `hyper_sdk`, `hyper_bare`, `ureq_sdk` or `ureq_bare`.
    client: &'static str,
    /// 16 requests in flight (hyper only) instead of one after the other.
    x16: bool,
    /// A page of 100 events instead of the profile.
    events: bool,
    /// Whether the SDK asks for gzip (`_plain`: it does not).
    compression: bool,
}

impl Exchange {
    fn parse(workload: &str) -> Option<Self> {
        let (rest, compression) = match workload.strip_suffix("_plain") {
            Some(rest) => (rest, false),
            None => (workload, true),
        };
        let (rest, events) = match rest.strip_suffix("_events") {
            Some(rest) => (rest, true),
            None => (rest, false),
        };
        let (rest, x16) = match rest.strip_suffix("_x16") {
            Some(rest) => (rest, true),
            None => (rest, false),
        };
        let client = ["hyper_sdk", "hyper_bare", "ureq_sdk", "ureq_bare"]
            .into_iter()
            .find(|c| *c == rest)?;
        let valid =
            !(x16 && client.starts_with("ureq")) && (compression || client.ends_with("sdk"));
        valid.then_some(Self {
            client,
            x16,
            events,
            compression,
        })
    }
}

/// `n` exchanges with the canned server (the `_x16` ones 16 at a time): GET /v4/profile, or
/// a page of 100 events.
fn exchange(workload: Exchange, n: u64, profile: Bytes, events: Bytes) {
    let server = common::server::CannedServer::start(move |uri| {
        Some(if uri.path() == "/v4/profile" {
            profile.clone()
        } else {
            events.clone()
        })
    })
    .unwrap();
    let config = ClientConfig::new()
        .with_token(TOKEN)
        .and_then(|c| c.with_base_url(&server.url()))
        .unwrap()
        .with_compression(workload.compression);
    let url = if workload.events {
        format!("{}/v4/account/events?page=1&page_size=100", server.url())
    } else {
        format!("{}/v4/profile", server.url())
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // The async workloads: `tasks` tasks each making `n / tasks` requests.
    let tasks = if workload.x16 { 16 } else { 1 };
    if workload.events {
        let op = ListEvents {
            pagination: Pagination::new().page(1).page_size(100),
            filter: None,
        };
        exchange_with::<_, Page<Event>>(workload.client, n, tasks, &runtime, config, op, url);
    } else {
        exchange_with::<_, Profile>(workload.client, n, tasks, &runtime, config, GetProfile, url);
    }
}

/// `n` exchanges of `op` (SDK) or of a GET of `url` decoded into `M` (bare).
fn exchange_with<O, M>(
    client: &str,
    n: u64,
    tasks: u64,
    runtime: &tokio::runtime::Runtime,
    config: ClientConfig,
    op: O,
    url: String,
) where
    O: Operation<Output = M> + Clone + Send + Sync + 'static,
    M: serde::de::DeserializeOwned + Send + 'static,
{
    let request = config.request_config();
    let authorization = request.authorization().unwrap().clone();
    let user_agent = request.user_agent().clone();
    match client {
        "hyper_sdk" => {
            let client = linode::HyperClient::from_config(config).unwrap();
            let op = std::sync::Arc::new(op);
            runtime.block_on(in_tasks(tasks, n, move || {
                let (client, op) = (client.clone(), op.clone());
                async move {
                    black_box(client.send(&*op).await.unwrap());
                }
            }));
        }
        "hyper_bare" => {
            let client =
                hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                    .build(hyper_util::client::legacy::connect::HttpConnector::new());
            let url = std::sync::Arc::new(url);
            runtime.block_on(in_tasks(tasks, n, move || {
                let client = client.clone();
                let (url, authorization, user_agent) =
                    (url.clone(), authorization.clone(), user_agent.clone());
                async move {
                    let request = http::Request::get(url.as_str())
                        .header(http::header::AUTHORIZATION, authorization)
                        .header(http::header::USER_AGENT, user_agent)
                        .header(http::header::ACCEPT, "application/json")
                        .body(Empty::<Bytes>::new())
                        .unwrap();
                    let response = client.request(request).await.unwrap();
                    let body = response.into_body().collect().await.unwrap().to_bytes();
                    black_box(serde_json::from_slice::<M>(&body).unwrap());
                }
            }));
        }
        "ureq_sdk" => {
            let client = linode_ureq::Client::from_config(config).unwrap();
            for _ in 0..n {
                black_box(client.send(&op).unwrap());
            }
        }
        _ => {
            let agent = ureq::Agent::new_with_defaults();
            for _ in 0..n {
                let mut response = agent
                    .get(&url)
                    .header(http::header::AUTHORIZATION, &authorization)
                    .header(http::header::USER_AGENT, &user_agent)
                    .header(http::header::ACCEPT, "application/json")
                    .call()
                    .unwrap();
                let body = response.body_mut().read_to_vec().unwrap();
                black_box(serde_json::from_slice::<M>(&body).unwrap());
            }
        }
    }
}
