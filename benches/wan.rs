//! The async client across an emulated WAN: a shaping proxy ([`common::shaper`]) in front of
//! the canned server, 40 ms round trip and 20 Mbit/s each way by default.
//!
//! `cargo bench --bench wan` (about 15 s); `WAN_SMOKE=1 cargo bench --bench wan` is a
//! smaller run (a few seconds). Nothing here is timed in CI (CI only compiles it).
//!
//! Two workloads, each run in every configuration:
//! - **walk**: every item of a list of 5,000 events, 100 to a page (50 pages), checked to
//!   come once each and in order;
//! - **profile**: 200 `GET /profile`, 16 in flight (HTTP/1.1, so up to 16 connections).
//!
//! Configurations: the behaviour before issue 13 (no compression, pages one after another),
//! with gzip, and with gzip and the walk fetching 4 or 16 pages ahead (HTTP/1.1 here: each
//! request in flight takes a connection of its own). The table also gives the
//! physical limit of the link for the bytes of each run: the busier direction's bytes over
//! the bandwidth, plus the round trips no client can avoid (walk: the TCP handshake, the first
//! page, then all other pages at once = 3; profile: handshake + one round = 2), times the RTT.
//!
//! Wall times depend on the shaped link far more than on the machine, but a loaded machine
//! still adds a little; bytes are exact.

// A benchmark whose server cannot be reached must stop rather than time errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use common::server::CannedServer;
use common::shaper::{Link, ShapingProxy};
use linode::requests::account::ListEvents;
use linode::requests::profile::GetProfile;
use linode::{ClientConfig, Pagination};

const TOKEN: &str = "bench-token-0123456789abcdef";
const PAGE_SIZE: u64 = 100;
const IN_FLIGHT: usize = 16;

struct Workload {
    events: u64,
    profile_reads: usize,
}

/// One configuration of the client.
#[derive(Clone, Copy)]
struct Setup {
    name: &'static str,
    compression: bool,
    prefetch: usize,
}

const SETUPS: [Setup; 4] = [
    Setup {
        name: "before (no gzip, lazy walk)",
        compression: false,
        prefetch: 0,
    },
    Setup {
        name: "gzip",
        compression: true,
        prefetch: 0,
    },
    Setup {
        name: "gzip + prefetch(4)",
        compression: true,
        prefetch: 4,
    },
    Setup {
        name: "gzip + prefetch(16)",
        compression: true,
        prefetch: 16,
    },
];

/// What one run cost.
struct Run {
    wall: Duration,
    up: u64,
    down: u64,
    connections: u64,
}

fn query_number(uri: &http::Uri, key: &str) -> Option<u64> {
    uri.query()?.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == key).then(|| v.parse().ok()).flatten()
    })
}

fn server(total_events: u64) -> CannedServer {
    let profile = Bytes::from(common::profile());
    CannedServer::start_with(
        move |uri| match uri.path() {
            "/v4/profile" => Some(profile.clone()),
            "/v4/account/events" => {
                let page = query_number(uri, "page").unwrap_or(1);
                let size = query_number(uri, "page_size").unwrap_or(25);
                Some(Bytes::from(common::event_page_at(page, size, total_events)))
            }
            _ => None,
        },
        true,
    )
    .expect("start the canned server")
}

fn client(url: &str, setup: Setup) -> linode::HyperClient {
    let config = ClientConfig::new()
        .with_base_url(url)
        .unwrap()
        .with_token(TOKEN)
        .unwrap()
        .with_compression(setup.compression)
        .without_retries();
    linode::HyperClient::from_config(config).unwrap()
}

async fn walk(client: &linode::HyperClient, setup: Setup, total: u64) {
    let op = ListEvents {
        pagination: Pagination::new().page_size(PAGE_SIZE as u32),
        filter: None,
    };
    let mut items = client.items(op).prefetch(setup.prefetch);
    let mut seen = 0u64;
    while let Some(event) = items.next().await {
        let event = event.expect("walk");
        assert_eq!(event.id, 8_000_000 + seen, "in order, once each");
        seen += 1;
    }
    assert_eq!(seen, total);
}

async fn profile_reads(client: &linode::HyperClient, reads: usize) {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let tasks: Vec<_> = (0..IN_FLIGHT)
        .map(|_| {
            let (client, next) = (client.clone(), next.clone());
            tokio::spawn(async move {
                while next.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < reads {
                    client.send(&GetProfile).await.expect("profile");
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
}

fn measure(proxy: &ShapingProxy, run: impl FnOnce()) -> Run {
    proxy.counters().take();
    let start = Instant::now();
    run();
    let wall = start.elapsed();
    let (up, down, connections) = proxy.counters().take();
    Run {
        wall,
        up,
        down,
        connections,
    }
}

fn limit(link: &Link, run: &Run, round_trips: u32) -> Duration {
    link.serialization(run.up.max(run.down)) + link.rtt() * round_trips
}

fn main() {
    // `cargo bench` passes `--bench`; anything else (a filter) is ignored.
    let smoke = std::env::var_os("WAN_SMOKE").is_some();
    let work = if smoke {
        Workload {
            events: 500,
            profile_reads: 32,
        }
    } else {
        Workload {
            events: 5_000,
            profile_reads: 200,
        }
    };
    let link = Link {
        one_way: Duration::from_millis(20),
        bits_per_second: 20_000_000,
        max_time: Duration::from_secs(120),
        max_bytes: 256 * 1024 * 1024,
    };
    let server = server(work.events);
    let upstream = server.url().trim_start_matches("http://").parse().unwrap();
    let proxy = ShapingProxy::start(upstream, link).expect("start the proxy");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();

    println!(
        "WAN: {} ms RTT, {} Mbit/s each way; walk of {} events ({} pages), {} profile reads \
         ({} in flight)\n",
        link.rtt().as_millis(),
        link.bits_per_second / 1_000_000,
        work.events,
        work.events.div_ceil(PAGE_SIZE),
        work.profile_reads,
        IN_FLIGHT
    );
    println!("| workload | client | wall | bytes down | bytes up | connections | link limit for these bytes |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    let row = |what: &str, name: &str, run: &Run, round_trips: u32| {
        println!(
            "| {what} | {name} | {:.0} ms | {} | {} | {} | {:.0} ms |",
            run.wall.as_secs_f64() * 1e3,
            run.down,
            run.up,
            run.connections,
            limit(&link, run, round_trips).as_secs_f64() * 1e3
        );
    };
    for setup in SETUPS {
        // A fresh client per run: every run pays its own connections.
        let c = client(&proxy.url(), setup);
        let run = measure(&proxy, || runtime.block_on(walk(&c, setup, work.events)));
        row("walk", setup.name, &run, 3);
    }
    for setup in &SETUPS[..2] {
        let c = client(&proxy.url(), *setup);
        let run = measure(&proxy, || {
            runtime.block_on(profile_reads(&c, work.profile_reads))
        });
        row("profile", setup.name, &run, 2);
    }
}
