//! Walks N events with the SDK's lazy pagination against a server that makes each page when
//! it is asked for, checks it saw every event once and in order, and prints the count. The
//! walk holds one page at a time, so peak memory should not grow with N.
//!
//!     cargo run --release --example memory_walk -- [N] [async|blocking]
//!
//! N defaults to 100,000 (1,000 pages of 100). `async` (the default) walks the stream of
//! `linode::HyperClient::items`, `blocking` the iterator of `linode_ureq::Client::items`.
//! Measure peak memory with `/usr/bin/time -v` ("Maximum resident set size"); the program also
//! prints its own peak (`VmHWM`), which includes the in-process server. `bash
//! benches/memory_walk.sh` runs N = 10,000, 100,000 and 1,000,000 both ways.

#[path = "../benches/common/mod.rs"]
mod common;

use std::error::Error;
use std::time::Instant;

use bytes::Bytes;
use common::server::CannedServer;
use linode::models::account::Event;
use linode::requests::account::ListEvents;
use linode::ClientConfig;

const PAGE_SIZE: u32 = 100;
/// `common::event(i)` has id `FIRST_ID + i`.
const FIRST_ID: u64 = 8_000_000;

#[derive(Clone, Copy, Debug)]
enum Mode {
    Async,
    Blocking,
}

/// Counts the events and checks each is the next one of the list.
#[derive(Default)]
struct Walk {
    seen: u64,
}

impl Walk {
    fn see(&mut self, event: &Event) -> Result<(), String> {
        let expected = FIRST_ID + self.seen;
        if event.id != expected {
            return Err(format!(
                "event #{} has id {}, expected {expected}",
                self.seen, event.id
            ));
        }
        self.seen += 1;
        Ok(())
    }
}

fn query_value(uri: &http::Uri, name: &str) -> Option<u64> {
    uri.query()?.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        if key == name {
            value.parse().ok()
        } else {
            None
        }
    })
}

/// The peak resident set size of this process so far, in kB (Linux).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut total: u64 = 100_000;
    let mut mode = Mode::Async;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "async" => mode = Mode::Async,
            "blocking" => mode = Mode::Blocking,
            n => {
                total = n.replace(['_', ','], "").parse().map_err(|_| {
                    format!("usage: memory_walk [N] [async|blocking] (not a number: {n:?})")
                })?
            }
        }
    }

    // Page `page` of `total` events, made on the spot for each request.
    let server = CannedServer::start(move |uri| {
        if uri.path() != "/v4/account/events" {
            return None;
        }
        let page = query_value(uri, "page").unwrap_or(1);
        let page_size = query_value(uri, "page_size").unwrap_or(25);
        Some(Bytes::from(common::event_page_at(page, page_size, total)))
    })?;
    let config = ClientConfig::new()
        .with_token("memory-walk-token")?
        .with_base_url(&server.url())?;
    let list = ListEvents::new().page_size(PAGE_SIZE);

    let started = Instant::now();
    let mut walk = Walk::default();
    match mode {
        Mode::Async => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let client = linode::HyperClient::from_config(config)?;
                let mut events = client.items(list);
                while let Some(event) = events.next().await {
                    walk.see(&event?)?;
                }
                Ok::<_, Box<dyn Error>>(())
            })?;
        }
        Mode::Blocking => {
            let client = linode_ureq::Client::from_config(config)?;
            for event in client.items(list) {
                walk.see(&event?)?;
            }
        }
    }
    let elapsed = started.elapsed();
    if walk.seen != total {
        return Err(format!("walked {} events, expected {total}", walk.seen).into());
    }
    println!(
        "walked {} events ({} pages of {PAGE_SIZE}, {mode:?}) in {elapsed:.2?}; peak RSS {} kB",
        walk.seen,
        total.div_ceil(u64::from(PAGE_SIZE)),
        peak_rss_kb().map_or_else(|| "?".to_owned(), |kb| kb.to_string()),
    );
    Ok(())
}
