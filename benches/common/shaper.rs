//! A shaping TCP proxy on 127.0.0.1: each direction gets a one-way delay and a bandwidth
//! limit, so a loopback server looks like one across a WAN.
//!
//! Model: a direction is one link shared by every connection (as an access link is). A chunk
//! read from one side starts down the link when the link is free, takes `bytes × 8 /
//! bits_per_second` to send, and arrives `one_way` later; a writer task per connection and
//! direction delivers it then. A new connection's first bytes towards the server wait one
//! extra round trip, the TCP handshake a real connection pays (TLS would add one more; the
//! benchmark speaks plain HTTP). Reads are at most 4 KiB, so store-and-forward adds at most
//! 4 KiB of serialization (1.6 ms at 20 Mbit/s) per chunk.
//!
//! Bounded: every connection ends after `max_time`, the proxy forwards at most `max_bytes`
//! in all (then drops connections), and it only ever talks to the one upstream address on
//! loopback. Dropping the proxy stops it.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

/// The link to emulate.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Link {
    /// Delay each way (half the round-trip time).
    pub(crate) one_way: Duration,
    /// Bandwidth of each direction, in bits per second.
    pub(crate) bits_per_second: u64,
    /// Connections end after this long.
    pub(crate) max_time: Duration,
    /// The proxy forwards at most this many bytes (both directions together).
    pub(crate) max_bytes: u64,
}

impl Link {
    /// How long `bytes` take to go down one direction, without the delay.
    pub(crate) fn serialization(&self, bytes: u64) -> Duration {
        Duration::from_secs_f64(bytes as f64 * 8.0 / self.bits_per_second as f64)
    }

    /// The round-trip time.
    pub(crate) fn rtt(&self) -> Duration {
        self.one_way * 2
    }
}

/// Bytes that crossed the link, and connections made.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    /// Client to server.
    pub(crate) up: AtomicU64,
    /// Server to client.
    pub(crate) down: AtomicU64,
    /// Connections accepted.
    pub(crate) connections: AtomicU64,
}

impl Counters {
    /// (up, down, connections) so far, and resets them.
    pub(crate) fn take(&self) -> (u64, u64, u64) {
        (
            self.up.swap(0, Ordering::SeqCst),
            self.down.swap(0, Ordering::SeqCst),
            self.connections.swap(0, Ordering::SeqCst),
        )
    }
}

/// One direction of the link: when it is next free.
struct Direction {
    free_at: Mutex<Instant>,
}

impl Direction {
    fn new() -> Self {
        Self {
            free_at: Mutex::new(Instant::now()),
        }
    }

    /// Books `bytes` on the link no earlier than `not_before`; returns when they arrive.
    fn book(&self, link: &Link, bytes: usize, not_before: Instant) -> Instant {
        let mut free_at = self.free_at.lock().unwrap_or_else(PoisonError::into_inner);
        let start = (*free_at).max(not_before).max(Instant::now());
        let sent = start + link.serialization(bytes as u64);
        *free_at = sent;
        sent + link.one_way
    }
}

/// A running proxy.
pub(crate) struct ShapingProxy {
    addr: SocketAddr,
    counters: Arc<Counters>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ShapingProxy {
    /// Listens on a free port of 127.0.0.1 and forwards every connection to `upstream`
    /// (which must be on loopback) through `link`.
    pub(crate) fn start(upstream: SocketAddr, link: Link) -> std::io::Result<Self> {
        if !upstream.ip().is_loopback() {
            return Err(std::io::Error::other(
                "the shaping proxy only forwards to loopback",
            ));
        }
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let counters = Arc::new(Counters::default());
        let (stop, mut stopped) = oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let shared = Arc::clone(&counters);
        let thread = std::thread::Builder::new()
            .name("shaping-proxy".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = TcpListener::from_std(listener) else {
                        return;
                    };
                    let up = Arc::new(Direction::new());
                    let down = Arc::new(Direction::new());
                    loop {
                        let client = tokio::select! {
                            _ = &mut stopped => return,
                            accepted = listener.accept() => match accepted {
                                Ok((stream, _)) => stream,
                                Err(_) => continue,
                            },
                        };
                        shared.connections.fetch_add(1, Ordering::SeqCst);
                        let (up, down, counters) = (up.clone(), down.clone(), shared.clone());
                        tokio::spawn(async move {
                            let _ = tokio::time::timeout(
                                link.max_time,
                                relay(client, upstream, link, up, down, counters),
                            )
                            .await;
                        });
                    }
                });
            })?;
        Ok(Self {
            addr,
            counters,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// What crossed the link.
    pub(crate) fn counters(&self) -> &Counters {
        &self.counters
    }
}

impl Drop for ShapingProxy {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn relay(
    client: TcpStream,
    upstream: SocketAddr,
    link: Link,
    up: Arc<Direction>,
    down: Arc<Direction>,
    counters: Arc<Counters>,
) {
    let _ = client.set_nodelay(true);
    let Ok(server) = TcpStream::connect(upstream).await else {
        return;
    };
    let _ = server.set_nodelay(true);
    // The handshake: SYN and SYN-ACK cross the link before the first byte may go.
    let handshake = Instant::now() + link.rtt();
    let (client_read, client_write) = client.into_split();
    let (server_read, server_write) = server.into_split();
    let upward = pump(
        client_read,
        server_write,
        link,
        up,
        handshake,
        counters.clone(),
        true,
    );
    let downward = pump(
        server_read,
        client_write,
        link,
        down,
        handshake,
        counters,
        false,
    );
    tokio::join!(upward, downward);
}

/// Moves bytes one way through the link until either side closes.
async fn pump(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    link: Link,
    direction: Arc<Direction>,
    not_before: Instant,
    counters: Arc<Counters>,
    upward: bool,
) {
    let (tx, mut rx) = mpsc::channel::<(Instant, Bytes)>(256);
    let reader = async move {
        let mut buf = vec![0u8; 4096];
        loop {
            let n = match from.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            let counter = if upward { &counters.up } else { &counters.down };
            counter.fetch_add(n as u64, Ordering::SeqCst);
            let total = counters.up.load(Ordering::SeqCst) + counters.down.load(Ordering::SeqCst);
            if total > link.max_bytes {
                return;
            }
            let arrives = direction.book(&link, n, not_before);
            if tx
                .send((arrives, Bytes::copy_from_slice(&buf[..n])))
                .await
                .is_err()
            {
                return;
            }
        }
    };
    let writer = async move {
        while let Some((arrives, bytes)) = rx.recv().await {
            tokio::time::sleep_until(arrives).await;
            if to.write_all(&bytes).await.is_err() {
                return;
            }
        }
        let _ = to.shutdown().await;
    };
    tokio::join!(reader, writer);
}
