//! Shared by the end-to-end tests (`tests/e2e_*.rs`): the SDK's two shipped transports
//! behind one small trait, so every scenario is written once and runs through both against
//! a fresh `linode-fake` server.
//!
//! - [`Api`]: what a scenario may do with a client (send an operation, walk a list, send a
//!   raw request), implemented by [`Hyper`] (`linode-hyper`, async) and [`Ureq`]
//!   (`linode-ureq`, blocking). [`Api::run`] starts a seeded fake the way the transport
//!   needs it, runs one scenario against it and returns the fake's request log.
//! - [`Env`]: what a scenario gets: the client, the fake's controls, and shortcuts
//!   ([`Env::ok`], [`Env::api_err`]) whose panics say which operation and transport failed.
//! - [`Runs`]: runs scenarios one after another, each on its own fake, and keeps each log,
//!   so a test can check which operations the fake answered with success.
//! - [`profile`], [`account`]: one scenario per request module, at the same relative path
//!   as the module (`account/payments.rs` exercises `linode_requests::account::payments`),
//!   listed with [`scenarios!`]. Each scenario must make every operation of its module
//!   succeed ([`Runs::assert_modules_covered`]); `e2e_coverage.rs` checks, without running
//!   anything, that every module of the registry has its scenario.

// Test support: a panic here is a failed test. Each test binary uses a part of it.
#![allow(
    dead_code,
    unreachable_pub,
    async_fn_in_trait,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

/// Declares a group's scenario modules: each `module` is a file with
/// `pub async fn scenario<A: Api>(env: Env<A>)`, named after the request module it
/// exercises. Makes `MODULES` (the request modules covered, `"group::module"`) and `all`.
macro_rules! scenarios {
    ($group:ident: $($module:ident),+ $(,)?) => {
        $(pub mod $module;)+

        /// The request modules this group has a scenario for.
        pub const MODULES: &[&str] = &[$(concat!(stringify!($group), "::", stringify!($module))),+];

        /// Runs every scenario of the group, each on a fresh fake.
        pub fn all<A: $crate::e2e_support::Api>(runs: &mut $crate::e2e_support::Runs<A>) {
            $(runs.run(
                concat!(stringify!($group), "::", stringify!($module)),
                $module::scenario::<A>,
            );)+
        }
    };
}
pub(crate) use scenarios;

pub mod account;
pub mod profile;

use std::collections::BTreeSet;
use std::future::Future;
use std::marker::PhantomData;
use std::time::Duration;

use bytes::Bytes;
use linode::client::{BlockingItems, BlockingPages, Items, Pages};
use linode::models::Page;
use linode::requests::registry;
use linode::requests::{
    ApiError, ApiResponse, ClientConfig, Error, ListOperation, Metadata, Operation, RetryConfig,
    TransportErrorKind,
};
use linode_fake::FakeLinode;
pub use linode_fake::{Control, LoggedRequest};

/// The User-Agent prefix every e2e client sends.
pub const UA_PREFIX: &str = "linode-e2e/1.0";

/// A client configuration for a fake at `url`: quick retries (10 ms backoff, Retry-After up
/// to 2 s honoured), short timeouts, and `token` if given.
pub fn config(url: &str, token: Option<&str>) -> ClientConfig {
    let mut config = ClientConfig::new()
        .with_base_url(url)
        .unwrap()
        .with_user_agent_prefix(UA_PREFIX)
        .unwrap()
        .with_connect_timeout(Duration::from_secs(2))
        .with_request_timeout(Duration::from_secs(5))
        .with_retry(
            RetryConfig::default()
                .with_initial_backoff(Duration::from_millis(10))
                .with_max_delay(Duration::from_secs(2))
                .with_deadline(Some(Duration::from_secs(10))),
        );
    if let Some(token) = token {
        config = config.with_token(token).unwrap();
    }
    config
}

/// A current-thread tokio runtime (timers and IO on).
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Something that hands out items one at a time: the async streams and the blocking
/// iterators of the clients, seen the same way.
pub trait Cursor<T> {
    /// The next item, `None` at the end.
    async fn next_item(&mut self) -> Option<T>;
}

/// What a scenario does with a client, whatever the transport.
pub trait Api: Sized {
    /// The transport's name, for messages.
    const TRANSPORT: &'static str;

    /// A client with `config`.
    fn connect(config: ClientConfig) -> Self;

    /// `send_with_meta`: the typed value with status, headers and warnings.
    async fn send_op<O: Operation + Sync>(&self, op: &O) -> Result<ApiResponse<O::Output>, Error>;

    /// `execute`: a built request, with retries, the raw response back.
    async fn execute(
        &self,
        meta: &Metadata,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, Error>;

    /// `items`: a list's items across pages, fetched lazily.
    fn items<O, I>(&self, op: O) -> impl Cursor<Result<I, Error>>
    where
        O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
        I: Send + 'static;

    /// `pages`: a list's pages, fetched lazily.
    fn pages<O, I>(&self, op: O) -> impl Cursor<Result<Page<I>, Error>>
    where
        O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
        I: Send + 'static;

    /// Starts a seeded fake as this transport needs it, runs `scenario` against it with a
    /// client holding the fake's all-scopes token, stops the fake and returns its log.
    fn run<F, Fut>(scenario: F) -> Vec<LoggedRequest>
    where
        F: FnOnce(Env<Self>) -> Fut,
        Fut: Future<Output = ()>;
}

/// `linode-hyper`: the async client; the fake runs on the same current-thread runtime.
pub struct Hyper(linode_hyper::Client);

impl<O, I> Cursor<Result<I, Error>> for Items<linode_hyper::HyperTransport, O, I>
where
    O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
    I: Send + 'static,
{
    async fn next_item(&mut self) -> Option<Result<I, Error>> {
        self.next().await
    }
}

impl<O, I> Cursor<Result<Page<I>, Error>> for Pages<linode_hyper::HyperTransport, O>
where
    O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
    I: Send + 'static,
{
    async fn next_item(&mut self) -> Option<Result<Page<I>, Error>> {
        self.next().await
    }
}

impl Api for Hyper {
    const TRANSPORT: &'static str = "hyper";

    fn connect(config: ClientConfig) -> Self {
        Hyper(linode_hyper::Client::from_config(config).unwrap())
    }

    async fn send_op<O: Operation + Sync>(&self, op: &O) -> Result<ApiResponse<O::Output>, Error> {
        self.0.send_with_meta(op).await
    }

    async fn execute(
        &self,
        meta: &Metadata,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, Error> {
        self.0.execute(meta, request).await
    }

    fn items<O, I>(&self, op: O) -> impl Cursor<Result<I, Error>>
    where
        O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
        I: Send + 'static,
    {
        self.0.items(op)
    }

    fn pages<O, I>(&self, op: O) -> impl Cursor<Result<Page<I>, Error>>
    where
        O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
        I: Send + 'static,
    {
        self.0.pages(op)
    }

    fn run<F, Fut>(scenario: F) -> Vec<LoggedRequest>
    where
        F: FnOnce(Env<Self>) -> Fut,
        Fut: Future<Output = ()>,
    {
        runtime().block_on(async move {
            let fake = FakeLinode::start().await.unwrap();
            let env = Env::new(fake.url(), fake.token(), fake.control());
            scenario(env).await;
            let log = fake.requests();
            fake.stop().await;
            log
        })
    }
}

/// `linode-ureq`: the blocking client; the fake runs on a thread of its own. Its futures
/// never wait: every call blocks until done.
pub struct Ureq(linode_ureq::Client);

impl<O, I> Cursor<Result<I, Error>> for BlockingItems<linode_ureq::UreqTransport, O, I>
where
    O: ListOperation<Output = Page<I>>,
{
    async fn next_item(&mut self) -> Option<Result<I, Error>> {
        self.next()
    }
}

impl<O, I> Cursor<Result<Page<I>, Error>> for BlockingPages<linode_ureq::UreqTransport, O>
where
    O: ListOperation<Output = Page<I>>,
{
    async fn next_item(&mut self) -> Option<Result<Page<I>, Error>> {
        self.next()
    }
}

impl Api for Ureq {
    const TRANSPORT: &'static str = "ureq";

    fn connect(config: ClientConfig) -> Self {
        Ureq(linode_ureq::Client::from_config(config).unwrap())
    }

    async fn send_op<O: Operation + Sync>(&self, op: &O) -> Result<ApiResponse<O::Output>, Error> {
        self.0.send_with_meta(op)
    }

    async fn execute(
        &self,
        meta: &Metadata,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, Error> {
        self.0.execute(meta, request)
    }

    fn items<O, I>(&self, op: O) -> impl Cursor<Result<I, Error>>
    where
        O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
        I: Send + 'static,
    {
        self.0.items(op)
    }

    fn pages<O, I>(&self, op: O) -> impl Cursor<Result<Page<I>, Error>>
    where
        O: ListOperation<Output = Page<I>> + Send + Sync + 'static,
        I: Send + 'static,
    {
        self.0.pages(op)
    }

    fn run<F, Fut>(scenario: F) -> Vec<LoggedRequest>
    where
        F: FnOnce(Env<Self>) -> Fut,
        Fut: Future<Output = ()>,
    {
        let fake = FakeLinode::start_blocking().unwrap();
        let env = Env::new(fake.url(), fake.token(), fake.control());
        // Nothing in a blocking scenario waits on the runtime; it only drives the future.
        runtime().block_on(scenario(env));
        let log = fake.requests();
        fake.stop();
        log
    }
}

/// What a scenario works with: a client with the fake's all-scopes token, the fake's
/// controls, and where it listens.
pub struct Env<A> {
    /// The client under test.
    pub api: A,
    /// Faults, the request log, extra tokens.
    pub fake: Control,
    /// The fake's base URL.
    pub url: String,
    /// The fake's own token (every scope).
    pub token: String,
}

impl<A: Api> Env<A> {
    fn new(url: &str, token: &str, fake: Control) -> Self {
        Self {
            api: A::connect(config(url, Some(token))),
            fake,
            url: url.to_owned(),
            token: token.to_owned(),
        }
    }

    /// The transport's name.
    pub fn transport(&self) -> &'static str {
        A::TRANSPORT
    }

    /// Another client for the same fake, with `token` (or none).
    pub fn client(&self, token: Option<&str>) -> A {
        A::connect(config(&self.url, token))
    }

    /// Sends `op` with the main client.
    pub async fn call<O: Operation + Sync>(&self, op: &O) -> Result<ApiResponse<O::Output>, Error> {
        self.api.send_op(op).await
    }

    /// Sends `op`, which must succeed; returns its value.
    pub async fn ok<O: Operation + Sync>(&self, op: &O) -> O::Output {
        self.ok_meta(op).await.value
    }

    /// Sends `op`, which must succeed; returns the whole answer (status, warnings).
    pub async fn ok_meta<O: Operation + Sync>(&self, op: &O) -> ApiResponse<O::Output> {
        match self.call(op).await {
            Ok(answer) => answer,
            Err(e) => panic!("{} over {}: {e}", O::META.id, A::TRANSPORT),
        }
    }

    /// Sends `op`, which the API must refuse; returns the refusal.
    pub async fn api_err<O: Operation + Sync>(&self, op: &O) -> ApiError {
        api_error::<O>(self.call(op).await, A::TRANSPORT)
    }

    /// The fake's log so far.
    pub fn log(&self) -> Vec<LoggedRequest> {
        self.fake.requests()
    }

    /// How many requests routed to the operation `O` so far.
    pub fn count_of<O: Operation>(&self) -> usize {
        self.fake.count_of::<O>()
    }
}

/// The API error of `result`, panicking on success or on any other error.
pub fn api_error<O: Operation>(
    result: Result<ApiResponse<O::Output>, Error>,
    transport: &str,
) -> ApiError {
    match result {
        Ok(answer) => panic!(
            "{} over {transport} unexpectedly succeeded with {}",
            O::META.id,
            answer.status
        ),
        Err(Error::Api(e)) => *e,
        Err(e) => panic!(
            "{} over {transport} failed outside the API: {e}",
            O::META.id
        ),
    }
}

/// The transport failure's kind, if `error` is one.
pub fn transport_kind(error: &Error) -> Option<TransportErrorKind> {
    match error {
        Error::Transport { source, .. } => Some(source.kind()),
        _ => None,
    }
}

/// Runs scenarios over one transport, each on a fresh fake, and keeps their logs.
pub struct Runs<A> {
    /// Each scenario's request module and log.
    runs: Vec<(&'static str, Vec<LoggedRequest>)>,
    transport: PhantomData<A>,
}

impl<A: Api> Default for Runs<A> {
    fn default() -> Self {
        Self {
            runs: Vec::new(),
            transport: PhantomData,
        }
    }
}

/// The operations a log shows answered with a success (2xx, including 299), counting only
/// requests that carry the e2e clients' User-Agent (sent by the SDK).
pub fn succeeded(log: &[LoggedRequest]) -> BTreeSet<&'static str> {
    log.iter()
        .filter(|r| r.status.is_some_and(|s| (200..300).contains(&s)))
        .filter(|r| {
            r.header("user-agent")
                .is_some_and(|ua| ua.starts_with(UA_PREFIX))
        })
        .filter_map(|r| r.operation)
        .collect()
}

impl<A: Api> Runs<A> {
    /// No runs yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs the scenario of the request module `module` on a fresh fake and keeps its log.
    pub fn run<F, Fut>(&mut self, module: &'static str, scenario: F)
    where
        F: FnOnce(Env<A>) -> Fut,
        Fut: Future<Output = ()>,
    {
        // A scenario runs once per transport: twice would only cost time (issue 14).
        assert!(
            self.runs.iter().all(|(done, _)| *done != module),
            "scenario {module} runs twice over {}",
            A::TRANSPORT
        );
        // Printed (and shown by the harness only on failure) to say which scenario failed.
        println!("scenario {module} over {}", A::TRANSPORT);
        self.runs.push((module, A::run(scenario)));
    }

    /// Asserts that each scenario made every operation of its request module (as the
    /// registry lists them) answer with success, in its own run.
    pub fn assert_modules_covered(&self) {
        let mut missing = Vec::new();
        for (module, log) in &self.runs {
            let ops = registry::modules()
                .find(|(name, _)| name == module)
                .unwrap_or_else(|| panic!("{module} is not a request module of the registry"))
                .1;
            let done = succeeded(log);
            missing.extend(
                ops.iter()
                    .map(|info| info.meta.id)
                    .filter(|id| !done.contains(id))
                    .map(|id| format!("{module}: {id}")),
            );
        }
        assert!(
            missing.is_empty(),
            "over {}: operations their module's scenario never made succeed: {missing:?}",
            A::TRANSPORT
        );
    }
}

/// Makes two tests of each scenario named: `over_hyper::<name>` and `over_ureq::<name>`,
/// each running the scenario on a fresh fake with [`Api::run`].
#[allow(unused_macros)] // only the binaries with per-scenario tests use it
macro_rules! on_both_transports {
    ($($scenario:ident),+ $(,)?) => {
        mod over_hyper {
            $(
                #[test]
                fn $scenario() {
                    use $crate::e2e_support::{Api, Hyper};
                    Hyper::run(super::$scenario::<Hyper>);
                }
            )+
        }
        mod over_ureq {
            $(
                #[test]
                fn $scenario() {
                    use $crate::e2e_support::{Api, Ureq};
                    Ureq::run(super::$scenario::<Ureq>);
                }
            )+
        }
    };
}
#[allow(unused_imports)]
pub(crate) use on_both_transports;

/// Asserts that neither `Display` (with its sources) nor `Debug` of `error` shows `token`.
pub fn assert_hides(error: &(dyn std::error::Error + 'static), token: &str) {
    let mut shown = format!("{error} {error:?}");
    let mut source = error.source();
    while let Some(cause) = source {
        shown.push_str(&format!(" {cause} {cause:?}"));
        source = cause.source();
    }
    assert!(
        !shown.contains(token),
        "the token shows in an error: {shown}"
    );
}
