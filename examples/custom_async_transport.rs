//! A custom async transport: a wrapper around the default one that adds a header to every
//! request and times each exchange. The async twin of `custom_transport.rs`.
//!
//! The transport needs nothing beyond the `linode` facade: `linode::http` for the request and
//! response types, `linode::bytes::Bytes` for bodies and `#[linode::async_trait]` for the
//! trait. (`support` and the runtime only run the example.)
//!
//!     cargo run --example custom_async_transport

mod support;

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use linode::bytes::Bytes;
use linode::http::{self, HeaderName, HeaderValue};
use linode::profile::{GetProfile, ListSshKeys};
use linode::{Transport, TransportError};

/// Sends through `inner`, adding `header` to each request and timing each exchange.
struct Timed<T> {
    inner: T,
    header: (HeaderName, HeaderValue),
    exchanges: AtomicU64,
    total_micros: AtomicU64,
}

#[linode::async_trait]
impl<T: Transport> Transport for Timed<T> {
    async fn send(
        &self,
        mut request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let (name, value) = &self.header;
        request.headers_mut().insert(name.clone(), value.clone());
        // The path only: the query may carry values a log should not keep.
        let line = format!("{} {}", request.method(), request.uri().path());
        let started = Instant::now();
        let result = self.inner.send(request).await;
        let took = started.elapsed();
        self.exchanges.fetch_add(1, Ordering::Relaxed);
        self.total_micros.fetch_add(
            u64::try_from(took.as_micros()).unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
        match &result {
            Ok(response) => println!("  {line} -> {} in {took:?}", response.status()),
            Err(e) => println!("  {line} -> failed in {took:?}: {e}"),
        }
        result
    }

    // Retries wait on the inner transport's timer (tokio's, for hyper).
    async fn sleep(&self, duration: Duration) {
        self.inner.sleep(duration).await;
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = support::target()?;
    let timed = Timed {
        inner: linode::HyperTransport::new(&target.config)?,
        header: (
            HeaderName::from_static("x-request-source"),
            HeaderValue::from_static("custom-async-transport-example"),
        ),
        exchanges: AtomicU64::new(0),
        total_micros: AtomicU64::new(0),
    };
    let client = linode::Client::new(target.config.clone(), timed)?;

    println!("the transport sees:");
    let me = client.send(&GetProfile).await?;
    let keys = client.send(&ListSshKeys::new().page_size(25)).await?;
    println!("{} has {} SSH key(s)", me.username, keys.results);

    let transport = client.transport();
    let exchanges = transport.exchanges.load(Ordering::Relaxed);
    let total = Duration::from_micros(transport.total_micros.load(Ordering::Relaxed));
    println!(
        "{exchanges} exchange(s), {total:?} in all, each with the header {}",
        transport.header.0
    );
    if let Some(server) = &target.server {
        // The fake logs every request header except secrets: the header arrived.
        let seen = server
            .control()
            .requests()
            .iter()
            .filter(|r| r.header("x-request-source").is_some())
            .count();
        println!("the fake server saw the header on {seen} request(s)");
    }
    Ok(())
}
