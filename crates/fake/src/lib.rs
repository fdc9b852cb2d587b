//! A stateful, in-memory Linode API server on loopback.
//!
//! `linode-fake` answers the Account and Profile operations of the Linode API v4 the way the
//! real API does: bearer tokens and OAuth scopes, pagination, `X-Filter`, rate-limit
//! headers, the API's JSON shapes and error bodies. It routes with
//! [`linode_requests::registry::route`] and speaks the same [`linode_models`] types as the SDK,
//! so a request the SDK builds is understood here and an answer from here parses there.
//! Tests can inject faults (429, 5xx, maintenance, delays, dropped connections, truncated or
//! HTML bodies) per operation or for every request, and read a log of what the server saw.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use linode_fake::{Fault, FaultRule, FakeLinode};
//! use linode_requests::profile::ListSshKeys;
//!
//! let fake = FakeLinode::start().await?;
//! println!("{} with token {}", fake.url(), fake.token());
//! // The next request to list SSH keys fails with 503; the one after it succeeds.
//! fake.inject(FaultRule::for_op::<ListSshKeys>(Fault::unavailable()).times(1));
//! // ... run the client under test against fake.url() ...
//! assert_eq!(fake.count_of::<ListSshKeys>(), 0);
//! fake.stop().await;
//! # Ok(()) }
//! ```
//!
//! Without an async runtime, [`FakeLinode::start_blocking`] runs the server on its own thread.
//! As a program: `cargo run -p linode-fake -- --port 8080 --token T`.

mod acting;
mod faults;
mod handler;
mod handlers;
mod list;
mod log;
mod login;
mod reply;
mod scopes;
mod scripted_events;
mod seed;
mod server;
mod state;

use std::collections::BTreeSet;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::ops::Deref;
use std::sync::{Arc, Mutex};
use std::thread;

use linode_requests::Operation;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use faults::{Fault, FaultId, FaultRule, FaultTarget, OperationType, MAX_DELAY};
pub use handlers::account::promotions::PROMO_CODE;
pub use handlers::profile::phone::PHONE_VERIFICATION_CODE;
pub use log::{LoggedRequest, LOG_CAPACITY, REDACTED_BODY, REDACTED_HEADER};
pub use scopes::{ScopeError, Scopes};
pub use server::{MAX_REQUEST_BODY, SPEC_VERSION};
pub use state::scripted_events::EventScript;

use state::{lock, RateWindow, Shared, Store, TokenGrant};

/// The rate limit reported in `X-RateLimit-Limit` unless configured.
pub const DEFAULT_RATE_LIMIT: u32 = 1600;

/// How to start a fake server: port, token, seed data, rate limit.
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// let fake = linode_fake::FakeLinode::builder()
///     .port(0)
///     .token("a-token-for-tests")
///     .seeded(false)
///     .start()
///     .await?;
/// assert_eq!(fake.token(), "a-token-for-tests");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct FakeBuilder {
    port: u16,
    token: Option<String>,
    seeded: bool,
    rate_limit: u32,
    compression: bool,
    proxy_token_secs: i64,
    oauth_token_secs: i64,
}

impl Default for FakeBuilder {
    fn default() -> Self {
        Self {
            port: 0,
            token: None,
            seeded: true,
            rate_limit: DEFAULT_RATE_LIMIT,
            compression: true,
            proxy_token_secs: acting::PROXY_TOKEN_SECS,
            oauth_token_secs: login::ACCESS_TOKEN_SECS,
        }
    }
}

impl FakeBuilder {
    /// Listens on this port of 127.0.0.1 (0, the default, picks a free one).
    #[must_use]
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Accepts this token with every scope (`*`); without it a random token is made.
    #[must_use]
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Whether to start with the seed data (the default) or empty.
    #[must_use]
    pub fn seeded(mut self, seeded: bool) -> Self {
        self.seeded = seeded;
        self
    }

    /// The requests per minute reported in `X-RateLimit-Limit` (the fake counts, but only
    /// a [`Fault::RateLimited`] answers 429).
    #[must_use]
    pub fn rate_limit(mut self, limit: u32) -> Self {
        self.rate_limit = limit;
        self
    }

    /// Whether to gzip answers of 256 bytes or more for clients that send
    /// `Accept-Encoding: gzip`, as the live API does (the default). Off, the server ignores
    /// `Accept-Encoding`: a benchmark can then measure a client that asks for compression
    /// from a server that does not give it.
    #[must_use]
    pub fn compression(mut self, compression: bool) -> Self {
        self.compression = compression;
        self
    }

    /// How long proxy tokens (`CreateProxyToken`) live: 15 minutes by default, as in the API.
    /// Whole seconds, at least one: a test of renewal can use a few seconds.
    #[must_use]
    pub fn proxy_token_lifetime(mut self, lifetime: std::time::Duration) -> Self {
        self.proxy_token_secs = i64::try_from(lifetime.as_secs()).unwrap_or(i64::MAX).max(1);
        self
    }

    /// How long access tokens from the login service (`/oauth/token`) live: 2 hours by
    /// default. Whole seconds, at least one.
    #[must_use]
    pub fn oauth_token_lifetime(mut self, lifetime: std::time::Duration) -> Self {
        self.oauth_token_secs = i64::try_from(lifetime.as_secs()).unwrap_or(i64::MAX).max(1);
        self
    }

    fn shared(&self) -> Arc<Shared> {
        let admin_token = self.token.clone().unwrap_or_else(|| {
            let mut scratch = Store::new("");
            format!("fake-{}", scratch.new_secret(40))
        });
        let mut store = Store::new(&admin_token);
        store.acting.proxy_lifetime_secs = self.proxy_token_secs;
        store.login.access_lifetime_secs = self.oauth_token_secs;
        if self.seeded {
            seed::seed(&mut store, state::now());
        }
        Arc::new(Shared {
            store: Mutex::new(store),
            faults: Mutex::default(),
            log: Mutex::default(),
            rate: Mutex::new(RateWindow::new(self.rate_limit)),
            disabled: Mutex::new(BTreeSet::new()),
            admin_token,
            compression: self.compression,
        })
    }

    /// The server without a socket: [`InProcessFake::handle`] answers one request at a time
    /// through the same pipeline (routing, auth, scopes, handlers, headers), without faults,
    /// delays or a log. For fuzzing and for tests that need no network.
    pub fn in_process(self) -> InProcessFake {
        InProcessFake {
            control: Control {
                shared: self.shared(),
            },
        }
    }

    /// Starts the server on the current tokio runtime.
    pub async fn start(self) -> io::Result<FakeLinode> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port)).await?;
        let addr = listener.local_addr()?;
        let shared = self.shared();
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(server::accept_loop(listener, Arc::clone(&shared), stopped));
        Ok(FakeLinode {
            control: Control { shared },
            addr,
            url: format!("http://{addr}"),
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// Starts the server on a thread of its own with its own runtime, for blocking code.
    pub fn start_blocking(self) -> io::Result<BlockingFakeLinode> {
        let std_listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, self.port))?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let shared = self.shared();
        let (stop, stopped) = oneshot::channel();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let loop_shared = Arc::clone(&shared);
        let thread = thread::Builder::new()
            .name(format!("linode-fake-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    // Registering the socket with this runtime's reactor happens here,
                    // inside the runtime; failing that, the server just does not run.
                    if let Ok(listener) = TcpListener::from_std(std_listener) {
                        server::accept_loop(listener, loop_shared, stopped).await;
                    }
                });
            })?;
        Ok(BlockingFakeLinode {
            control: Control { shared },
            addr,
            url: format!("http://{addr}"),
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

/// A running fake server on the current tokio runtime.
///
/// Dereferences to its [`Control`]: inject faults, read the request log, add tokens.
/// Dropping it stops the server too (without waiting); [`FakeLinode::stop`] waits.
#[derive(Debug)]
pub struct FakeLinode {
    control: Control,
    addr: SocketAddr,
    url: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl FakeLinode {
    /// Starts a seeded server on a free port of 127.0.0.1 with a random token.
    pub async fn start() -> io::Result<Self> {
        FakeBuilder::default().start().await
    }

    /// Starts a seeded server on its own thread (see [`FakeBuilder::start_blocking`]).
    pub fn start_blocking() -> io::Result<BlockingFakeLinode> {
        FakeBuilder::default().start_blocking()
    }

    /// A builder to choose port, token, seed data and rate limit.
    pub fn builder() -> FakeBuilder {
        FakeBuilder::default()
    }

    /// The base URL to configure a client with, e.g. `http://127.0.0.1:41234` (the API
    /// version, `/v4` or `/v4beta`, follows it).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The server's own token, which has every scope.
    pub fn token(&self) -> &str {
        &self.control.shared.admin_token
    }

    /// The controls (a cheap clone, usable from other tasks and threads).
    pub fn control(&self) -> Control {
        self.control.clone()
    }

    /// Stops accepting, closes every connection, and waits for the server to end.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Deref for FakeLinode {
    type Target = Control;
    fn deref(&self) -> &Control {
        &self.control
    }
}

impl Drop for FakeLinode {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A running fake server on a thread of its own, for blocking tests and tools.
///
/// Dereferences to its [`Control`]. Dropping it stops the server and joins the thread.
#[derive(Debug)]
pub struct BlockingFakeLinode {
    control: Control,
    addr: SocketAddr,
    url: String,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl BlockingFakeLinode {
    /// The base URL to configure a client with (see [`FakeLinode::url`]).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The server's own token, which has every scope.
    pub fn token(&self) -> &str {
        &self.control.shared.admin_token
    }

    /// The controls (a cheap clone).
    pub fn control(&self) -> Control {
        self.control.clone()
    }

    /// Stops the server and waits for its thread to end.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Deref for BlockingFakeLinode {
    type Target = Control;
    fn deref(&self) -> &Control {
        &self.control
    }
}

impl Drop for BlockingFakeLinode {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The fake server without a socket; made by [`FakeBuilder::in_process`].
///
/// ```
/// let fake = linode_fake::FakeLinode::builder().token("t").in_process();
/// let request = http::Request::get("http://fake/v4/profile")
///     .header("authorization", "Bearer t")
///     .body(bytes::Bytes::new())?;
/// assert_eq!(fake.handle(request).status(), 200);
/// # Ok::<(), http::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct InProcessFake {
    control: Control,
}

impl InProcessFake {
    /// Answers `request` as the server would.
    pub fn handle(&self, request: http::Request<bytes::Bytes>) -> http::Response<bytes::Bytes> {
        server::handle_in_process(&self.control.shared, request)
    }

    /// The server's own token, which has every scope.
    pub fn token(&self) -> &str {
        &self.control.shared.admin_token
    }
}

impl Deref for InProcessFake {
    type Target = Control;
    fn deref(&self) -> &Control {
        &self.control
    }
}

/// What a test can do to a running server: faults, the request log, tokens.
#[derive(Debug, Clone)]
pub struct Control {
    shared: Arc<Shared>,
}

impl Control {
    /// Adds a fault rule; it applies from the next request on.
    pub fn inject(&self, rule: FaultRule) -> FaultId {
        lock(&self.shared.faults).add(rule)
    }

    /// Removes a fault rule; `false` if it was already spent or removed.
    pub fn remove_fault(&self, id: FaultId) -> bool {
        lock(&self.shared.faults).remove(id)
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// The fault rules still active, with their remaining counts.
    pub fn faults(&self) -> Vec<FaultRule> {
        lock(&self.shared.faults).active()
    }

    /// Every logged request, oldest first (at most [`LOG_CAPACITY`]).
    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.shared.log).snapshot()
    }

    /// How many logged requests routed to the operation `O`.
    pub fn count_of<O: Operation>(&self) -> usize {
        lock(&self.shared.log).count(O::META.id)
    }

    /// Empties the request log.
    pub fn clear_log(&self) {
        lock(&self.shared.log).clear();
    }

    /// Accepts another token with these scopes (`"*"`, or e.g. `"account:read_only"`).
    pub fn add_token(&self, token: impl Into<String>, scopes: &str) -> Result<(), ScopeError> {
        let scopes = scopes::parse_known(scopes)?;
        lock(&self.shared.store).auth.insert(
            token.into(),
            TokenGrant {
                scopes,
                token_id: None,
                expiry: None,
            },
        );
        Ok(())
    }

    /// Stops accepting a token; `false` if it was not accepted.
    pub fn revoke_token(&self, token: &str) -> bool {
        lock(&self.shared.store).auth.remove(token).is_some()
    }

    /// Starts a scripted event (see [`EventScript`]): returns its id, or `None` when the
    /// script waits for an operation ([`EventScript::after_operation`]).
    pub fn script_event(&self, script: EventScript) -> Option<u64> {
        scripted_events::start(&mut lock(&self.shared.store), script)
    }

    /// Adds `count` unrelated, finished notification events with `action` at once (a storm
    /// for a waiter to ignore); returns their ids, oldest first.
    pub fn inject_events(&self, action: &str, count: usize) -> Vec<u64> {
        scripted_events::burst(&mut lock(&self.shared.store), action, count)
    }

    /// Makes the server's clock disagree with the client's: scripted and injected events are
    /// dated `seconds` away from now (negative: in the past).
    pub fn set_clock_skew(&self, seconds: i64) {
        scripted_events::set_skew(&mut lock(&self.shared.store), seconds);
    }

    /// When the scripted event `event_id` reached `finished` or `failed`, on the monotonic
    /// clock (`None` while it runs): to measure how soon a waiter noticed.
    pub fn scripted_event_ended_at(&self, event_id: u64) -> Option<std::time::Instant> {
        scripted_events::ended_at(&lock(&self.shared.store), event_id)
    }

    /// Whether the fake has a handler for the operation `O`, switched on.
    pub fn handles<O: Operation>(&self) -> bool {
        handlers::find(O::META.id).is_some() && !lock(&self.shared.disabled).contains(O::META.id)
    }

    /// Switches the handler of `O` off: its requests answer `501 Not Implemented`, as an
    /// operation without a handler does (to test what a client does with an operation the
    /// server lacks). Returns whether it was on.
    pub fn disable_handler<O: Operation>(&self) -> bool {
        handlers::find(O::META.id).is_some() && lock(&self.shared.disabled).insert(O::META.id)
    }

    /// Switches the handler of `O` back on; returns whether it was off.
    pub fn enable_handler<O: Operation>(&self) -> bool {
        lock(&self.shared.disabled).remove(O::META.id)
    }

    /// The metadata of every operation this fake has a handler for (others answer 501).
    pub fn implemented_operations(&self) -> Vec<&'static linode_requests::Metadata> {
        handlers::all().map(|entry| entry.meta).collect()
    }
}
