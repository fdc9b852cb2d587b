//! End-to-end benchmarks: the SDK's clients over loopback HTTP, each beside the same workload
//! written with the bare library its transport is built on, measured in the same run. On a
//! shared machine the absolute requests per second say little; the ratio SDK/bare says what
//! the SDK costs.
//!
//! `cargo bench --bench e2e` (a smoke run: `cargo bench --bench e2e -- --test`)
//!
//! - Server: [`common::server::CannedServer`] on a thread of its own, answering fixed bytes
//!   for `GET /v4/profile` and for `GET /v4/account/events` (a page of 100 events), with
//!   keep-alive. After each measurement the bench prints how busy the server thread was: well
//!   under 100% means the server was not what limited the rate.
//! - Async (`hyper_*`): `linode::HyperClient` vs hyper-util's legacy pooled client +
//!   `http_body_util::BodyExt::collect` + `serde_json::from_slice` into the same model type,
//!   on a single-threaded tokio runtime; sequentially (`seq`) and with 16 requests in flight
//!   (`x16`: 16 tasks each sending as soon as its previous answer is decoded).
//! - Blocking (`ureq_*`): `linode_ureq::Client` vs a ureq 3 agent + `read_to_vec` +
//!   `serde_json::from_slice`, sequentially.
//! - Both sides send the same headers (authorization, user-agent, accept) to the same URL.
//! - After each endpoint, interleaved ratios (see [`interleaved`]): SDK/bare, and the SDK
//!   asking for gzip against the SDK with compression off (this server never compresses, so
//!   that ratio is what negotiating compression costs on loopback).
//! - Group `e2e_fake`: the async client and bare hyper against `linode-fake` (a stateful
//!   server doing real work per request), for scale; not the transport comparison.
//!
//! Criterion's throughput is one element per request, so `thrpt` reads as requests/s.

// A benchmark whose server cannot be reached must stop rather than time errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::future::Future;
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use common::server::{server_cpu_time, CannedServer};
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use linode::models::account::Event;
use linode::models::profile::Profile;
use linode::models::Page;
use linode::requests::account::ListEvents;
use linode::requests::profile::GetProfile;
use linode::{ClientConfig, Operation, Pagination};
use serde::de::DeserializeOwned;

const TOKEN: &str = "bench-token-0123456789abcdef";
const IN_FLIGHT: u64 = 16;
const PROFILE_PATH: &str = "/v4/profile";
const EVENTS_PATH: &str = "/v4/account/events";
const EVENTS_QUERY: &str = "?page=1&page_size=100";

/// The canned server: the same bytes for every request of a path.
fn canned_server() -> CannedServer {
    let profile = Bytes::from(common::profile());
    let events = Bytes::from(common::event_page(100));
    CannedServer::start(move |uri| match uri.path() {
        PROFILE_PATH => Some(profile.clone()),
        EVENTS_PATH => Some(events.clone()),
        _ => None,
    })
    .expect("start the canned server")
}

fn events_op() -> ListEvents {
    ListEvents {
        pagination: Pagination::new().page(1).page_size(100),
        filter: None,
    }
}

/// The headers the SDK sends, for the bare clients to send too.
struct Headers {
    authorization: http::HeaderValue,
    user_agent: http::HeaderValue,
}

impl Headers {
    fn of(config: &ClientConfig) -> Self {
        let request = config.request_config();
        Self {
            authorization: request.authorization().expect("a token").clone(),
            user_agent: request.user_agent().clone(),
        }
    }
}

/// One request of a workload, decoded; async.
trait Fetch: Send + Sync + 'static {
    fn fetch(&self) -> impl Future<Output = ()> + Send;
}

/// The SDK's async client sending `op`.
struct SdkHyper<O> {
    client: linode::HyperClient,
    op: O,
}

impl<O> Fetch for SdkHyper<O>
where
    O: Operation + Send + Sync + 'static,
    O::Output: Send,
{
    async fn fetch(&self) {
        black_box(self.client.send(&self.op).await.expect("SDK request"));
    }
}

/// hyper-util's legacy pooled client, body collected, decoded with serde_json into `M`.
struct BareHyper<M> {
    client: hyper_util::client::legacy::Client<HttpConnector, Empty<Bytes>>,
    url: String,
    headers: Arc<Headers>,
    model: std::marker::PhantomData<fn() -> M>,
}

impl<M: DeserializeOwned + Send + 'static> Fetch for BareHyper<M> {
    async fn fetch(&self) {
        let request = http::Request::get(self.url.as_str())
            .header(http::header::AUTHORIZATION, &self.headers.authorization)
            .header(http::header::USER_AGENT, &self.headers.user_agent)
            .header(http::header::ACCEPT, "application/json")
            .body(Empty::new())
            .expect("bare request");
        let response = self.client.request(request).await.expect("bare send");
        assert!(response.status().is_success(), "{}", response.status());
        let body = response
            .into_body()
            .collect()
            .await
            .expect("bare body")
            .to_bytes();
        black_box(serde_json::from_slice::<M>(&body).expect("bare decode"));
    }
}

fn bare_hyper<M>(url: String, headers: &Arc<Headers>) -> BareHyper<M> {
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    BareHyper {
        client: hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build(connector),
        url,
        headers: Arc::clone(headers),
        model: std::marker::PhantomData,
    }
}

/// One request of a workload, decoded; blocking.
trait BlockingFetch {
    fn fetch(&self);
}

struct SdkUreq<O> {
    client: linode_ureq::Client,
    op: O,
}

impl<O: Operation> BlockingFetch for SdkUreq<O> {
    fn fetch(&self) {
        black_box(self.client.send(&self.op).expect("SDK request"));
    }
}

/// A ureq 3 agent, body read to a `Vec`, decoded with serde_json into `M`.
struct BareUreq<M> {
    agent: ureq::Agent,
    url: String,
    headers: Arc<Headers>,
    model: std::marker::PhantomData<fn() -> M>,
}

impl<M: DeserializeOwned> BlockingFetch for BareUreq<M> {
    fn fetch(&self) {
        let mut response = self
            .agent
            .get(&self.url)
            .header(http::header::AUTHORIZATION, &self.headers.authorization)
            .header(http::header::USER_AGENT, &self.headers.user_agent)
            .header(http::header::ACCEPT, "application/json")
            .call()
            .expect("bare send");
        let body = response.body_mut().read_to_vec().expect("bare body");
        black_box(serde_json::from_slice::<M>(&body).expect("bare decode"));
    }
}

fn bare_ureq<M>(url: String, headers: &Arc<Headers>) -> BareUreq<M> {
    BareUreq {
        agent: ureq::Agent::new_with_defaults(),
        url,
        headers: Arc::clone(headers),
        model: std::marker::PhantomData,
    }
}

/// Server CPU time and wall time summed over a benchmark's runs.
#[derive(Default)]
struct Busy(Mutex<(Duration, Duration)>);

impl Busy {
    fn time(&self, run: impl FnOnce() -> Duration) -> Duration {
        let before = server_cpu_time();
        let wall = run();
        if let (Some(before), Some(after)) = (before, server_cpu_time()) {
            let mut sum = self.0.lock().unwrap();
            sum.0 += after.saturating_sub(before);
            sum.1 += wall;
        }
        wall
    }

    fn report(&self, group: &str, name: &str) {
        let (cpu, wall) = *self.0.lock().unwrap();
        if !wall.is_zero() {
            eprintln!(
                "{group}/{name}: server thread busy {:.0}% of the measured time",
                100.0 * cpu.as_secs_f64() / wall.as_secs_f64()
            );
        }
    }
}

fn tokio_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// `iters` fetches one after the other.
async fn sequential<F: Fetch>(fetch: &F, iters: u64) -> Duration {
    let start = Instant::now();
    for _ in 0..iters {
        fetch.fetch().await;
    }
    start.elapsed()
}

/// `iters` fetches by `IN_FLIGHT` tasks, each starting its next fetch when the last is done.
async fn in_flight<F: Fetch>(fetch: &Arc<F>, iters: u64) -> Duration {
    let next = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let tasks: Vec<_> = (0..IN_FLIGHT)
        .map(|_| {
            let fetch = Arc::clone(fetch);
            let next = Arc::clone(&next);
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < iters {
                    fetch.fetch().await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("worker task");
    }
    start.elapsed()
}

fn bench_async<F: Fetch>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    group_name: &str,
    name: &str,
    runtime: &tokio::runtime::Runtime,
    fetch: &Arc<F>,
) {
    let busy = Busy::default();
    group.bench_function(format!("{name}_seq"), |b| {
        b.iter_custom(|iters| busy.time(|| runtime.block_on(sequential(&**fetch, iters))))
    });
    busy.report(group_name, &format!("{name}_seq"));
    let busy = Busy::default();
    group.bench_function(format!("{name}_x{IN_FLIGHT}"), |b| {
        b.iter_custom(|iters| busy.time(|| runtime.block_on(in_flight(fetch, iters))))
    });
    busy.report(group_name, &format!("{name}_x{IN_FLIGHT}"));
}

/// `iters` blocking fetches one after the other.
fn blocking_sequential<F: BlockingFetch>(fetch: &F, iters: u64) -> Duration {
    let start = Instant::now();
    for _ in 0..iters {
        fetch.fetch();
    }
    start.elapsed()
}

fn bench_blocking<F: BlockingFetch>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    group_name: &str,
    name: &str,
    fetch: &F,
) {
    let busy = Busy::default();
    group.bench_function(format!("{name}_seq"), |b| {
        b.iter_custom(|iters| busy.time(|| blocking_sequential(fetch, iters)))
    });
    busy.report(group_name, &format!("{name}_seq"));
}

/// How the interleaved comparison runs: `rounds` rounds, each side about `side` long.
struct Interleave {
    rounds: usize,
    side: Duration,
}

/// Off with `E2E_INTERLEAVED=0` (and for `--list`); one tiny round in `--test` mode.
fn interleave_settings() -> Option<Interleave> {
    let args: Vec<String> = std::env::args().collect();
    if std::env::var("E2E_INTERLEAVED").is_ok_and(|v| v == "0")
        || args.iter().any(|a| a == "--list")
    {
        return None;
    }
    if args.iter().any(|a| a == "--test") {
        return Some(Interleave {
            rounds: 1,
            side: Duration::ZERO,
        });
    }
    Some(Interleave {
        rounds: 41,
        side: Duration::from_millis(15),
    })
}

/// The SDK/bare rate ratio measured in interleaved rounds (SDK, bare, bare, SDK, each `n`
/// requests), so that a change in the machine's load hits both sides alike; prints the median
/// and quartiles of the rounds' ratios. Criterion's separate runs are the primary figures;
/// this is the cross-check that does not depend on the load staying put between them.
fn interleaved(label: &str, sdk: impl FnMut(u64) -> Duration, bare: impl FnMut(u64) -> Duration) {
    interleaved_ratio(label, "SDK/bare", sdk, bare);
}

/// The rate ratio of `sdk` to `bare` (printed as `ratio`) measured in interleaved rounds, as
/// in [`interleaved`]; also used for two SDK configurations (`bare` the reference one).
fn interleaved_ratio(
    label: &str,
    ratio: &str,
    mut sdk: impl FnMut(u64) -> Duration,
    mut bare: impl FnMut(u64) -> Duration,
) {
    let Some(settings) = interleave_settings() else {
        return;
    };
    let one = (sdk(10) + bare(10)) / 20;
    let n = (settings.side.as_nanos() / one.as_nanos().max(1)).clamp(1, 1_000_000) as u64;
    let mut ratios: Vec<f64> = (0..settings.rounds)
        .map(|_| {
            let sdk_time = sdk(n);
            let bare_time = bare(n) + bare(n);
            let sdk_time = sdk_time + sdk(n);
            bare_time.as_secs_f64() / sdk_time.as_secs_f64()
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    let at = |q: f64| ratios[((ratios.len() - 1) as f64 * q).round() as usize];
    println!(
        "interleaved {label}: {ratio} = {:.3} (quartiles {:.3} to {:.3}; {} rounds of 2 x {n} requests a side)",
        at(0.5),
        at(0.25),
        at(0.75),
        ratios.len()
    );
}

/// One endpoint: SDK and bare, async (sequential, 16 in flight) and blocking; with
/// `localhost`, the blocking pair again with the host given as a name instead of an address.
fn endpoint<O, M>(
    c: &mut Criterion,
    server: &CannedServer,
    group_name: &str,
    path: &str,
    op: O,
    localhost: bool,
) where
    O: Operation<Output = M> + Clone + Send + Sync + 'static,
    M: DeserializeOwned + Send + 'static,
{
    let runtime = tokio_runtime();
    let config = ClientConfig::new()
        .with_token(TOKEN)
        .and_then(|c| c.with_base_url(&server.url()))
        .expect("client config");
    let headers = Arc::new(Headers::of(&config));
    let url = format!("{}{path}", server.url());

    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Elements(1));
    // Both async clients are only ever used on `runtime`, where their pools' connection
    // tasks live.
    let sdk_hyper = Arc::new(SdkHyper {
        client: linode::HyperClient::from_config(config.clone()).expect("SDK hyper client"),
        op: op.clone(),
    });
    let bare_async = Arc::new(bare_hyper::<M>(url.clone(), &headers));
    // The SDK with compression off: against this server, which never compresses, the
    // difference is what asking for gzip costs (issue 13: at most 5%).
    let plain_config = config.clone().with_compression(false);
    let sdk_hyper_plain = Arc::new(SdkHyper {
        client: linode::HyperClient::from_config(plain_config.clone()).expect("SDK hyper client"),
        op: op.clone(),
    });
    let sdk_ureq_plain = SdkUreq {
        client: linode_ureq::Client::from_config(plain_config).expect("SDK ureq client"),
        op: op.clone(),
    };
    bench_async(&mut group, group_name, "hyper_sdk", &runtime, &sdk_hyper);
    bench_async(&mut group, group_name, "hyper_bare", &runtime, &bare_async);

    let sdk_ureq = SdkUreq {
        client: linode_ureq::Client::from_config(config.clone()).expect("SDK ureq client"),
        op: op.clone(),
    };
    let bare_blocking = bare_ureq::<M>(url, &headers);
    bench_blocking(&mut group, group_name, "ureq_sdk", &sdk_ureq);
    bench_blocking(&mut group, group_name, "ureq_bare", &bare_blocking);

    let by_name = localhost.then(|| {
        let named = server.url().replace("127.0.0.1", "localhost");
        let config = config.clone().with_base_url(&named).expect("client config");
        let sdk = SdkUreq {
            client: linode_ureq::Client::from_config(config).expect("SDK ureq client"),
            op,
        };
        let bare = bare_ureq::<M>(format!("{named}{path}"), &headers);
        bench_blocking(&mut group, group_name, "ureq_sdk_localhost", &sdk);
        bench_blocking(&mut group, group_name, "ureq_bare_localhost", &bare);
        (sdk, bare)
    });
    group.finish();

    interleaved(
        &format!("{group_name}/hyper_seq"),
        |n| runtime.block_on(sequential(&*sdk_hyper, n)),
        |n| runtime.block_on(sequential(&*bare_async, n)),
    );
    interleaved(
        &format!("{group_name}/hyper_x{IN_FLIGHT}"),
        |n| runtime.block_on(in_flight(&sdk_hyper, n)),
        |n| runtime.block_on(in_flight(&bare_async, n)),
    );
    interleaved(
        &format!("{group_name}/ureq_seq"),
        |n| blocking_sequential(&sdk_ureq, n),
        |n| blocking_sequential(&bare_blocking, n),
    );
    interleaved_ratio(
        &format!("{group_name}/hyper_seq"),
        "gzip asked/off",
        |n| runtime.block_on(sequential(&*sdk_hyper, n)),
        |n| runtime.block_on(sequential(&*sdk_hyper_plain, n)),
    );
    interleaved_ratio(
        &format!("{group_name}/hyper_x{IN_FLIGHT}"),
        "gzip asked/off",
        |n| runtime.block_on(in_flight(&sdk_hyper, n)),
        |n| runtime.block_on(in_flight(&sdk_hyper_plain, n)),
    );
    interleaved_ratio(
        &format!("{group_name}/ureq_seq"),
        "gzip asked/off",
        |n| blocking_sequential(&sdk_ureq, n),
        |n| blocking_sequential(&sdk_ureq_plain, n),
    );
    if let Some((sdk, bare)) = &by_name {
        interleaved(
            &format!("{group_name}/ureq_localhost_seq"),
            |n| blocking_sequential(sdk, n),
            |n| blocking_sequential(bare, n),
        );
    }
}

fn canned(c: &mut Criterion) {
    let server = canned_server();
    endpoint(
        c,
        &server,
        "e2e_get_profile",
        PROFILE_PATH,
        GetProfile,
        true,
    );
    let events_path = format!("{EVENTS_PATH}{EVENTS_QUERY}");
    endpoint::<_, Page<Event>>(
        c,
        &server,
        "e2e_events_100",
        &events_path,
        events_op(),
        false,
    );
}

/// For scale: the same async client against the stateful fake server (sequential only).
fn fake(c: &mut Criterion) {
    let fake = linode_fake::FakeLinode::builder()
        .token(TOKEN)
        .start_blocking()
        .expect("start linode-fake");
    let runtime = tokio_runtime();
    let config = ClientConfig::new()
        .with_token(TOKEN)
        .and_then(|c| c.with_base_url(fake.url()))
        .expect("client config");
    let headers = Arc::new(Headers::of(&config));
    let sdk = linode::HyperClient::from_config(config).expect("SDK hyper client");
    let mut group = c.benchmark_group("e2e_fake");
    group.throughput(Throughput::Elements(1));
    let url = |path: &str| format!("{}{path}", fake.url());
    let profile = (
        SdkHyper {
            client: sdk.clone(),
            op: GetProfile,
        },
        bare_hyper::<Profile>(url(PROFILE_PATH), &headers),
    );
    fake_pair(&mut group, &runtime, "get_profile", &profile);
    let events = (
        SdkHyper {
            client: sdk,
            op: events_op(),
        },
        bare_hyper::<Page<Event>>(url(&format!("{EVENTS_PATH}{EVENTS_QUERY}")), &headers),
    );
    fake_pair(&mut group, &runtime, "events_100", &events);
    group.finish();
}

fn fake_pair<A: Fetch, B: Fetch>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    runtime: &tokio::runtime::Runtime,
    name: &str,
    (sdk, bare): &(A, B),
) {
    group.bench_function(format!("{name}_hyper_sdk_seq"), |b| {
        b.iter_custom(|iters| runtime.block_on(sequential(sdk, iters)))
    });
    group.bench_function(format!("{name}_hyper_bare_seq"), |b| {
        b.iter_custom(|iters| runtime.block_on(sequential(bare, iters)))
    });
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
}

criterion_group! {
    name = e2e;
    config = config();
    targets = canned, fake
}
criterion_main!(e2e);
