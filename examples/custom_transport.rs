//! A custom transport: any `BlockingTransport` (or async `Transport`) plugs into the client.
//!
//! This one wraps another transport and records what it sends (method, path, status, time;
//! never the token), the kind of thing a test double or an audit log needs.
//!
//! The async twin, `custom_async_transport.rs`, adds a header and times each request.
//!
//!     cargo run --example custom_transport

mod support;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use linode::bytes::Bytes;
use linode::http;
use linode::profile::ListSshKeys;
use linode::BlockingTransport;
use linode::TransportError;

/// Sends through `inner` and keeps a line per exchange.
struct Recording<T> {
    inner: T,
    log: Mutex<Vec<String>>,
}

impl<T: BlockingTransport> BlockingTransport for Recording<T> {
    fn send(&self, request: http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> {
        let line = format!(
            "{} {}",
            request.method(),
            request.uri().path_and_query().map_or("/", |p| p.as_str())
        );
        let started = Instant::now();
        let result = self.inner.send(request);
        let outcome = match &result {
            Ok(response) => response.status().to_string(),
            Err(e) => format!("failed: {e}"),
        };
        let entry = format!("{line} -> {outcome} in {:?}", started.elapsed());
        self.log
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(entry);
        result
    }

    fn sleep(&self, duration: Duration) {
        self.inner.sleep(duration);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = support::target()?;
    let recording = Recording {
        inner: linode_ureq::UreqTransport::new(&target.config)?,
        log: Mutex::new(Vec::new()),
    };
    let client = linode::BlockingClient::new(target.config.clone(), recording)?;

    let list = ListSshKeys::new().page_size(25);
    let pages = client.pages(list).count();
    println!("fetched {pages} page(s); the transport saw:");
    for line in client
        .transport()
        .log
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .iter()
    {
        println!("  {line}");
    }
    Ok(())
}
