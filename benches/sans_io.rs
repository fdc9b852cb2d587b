//! Sans-IO micro-benchmarks: building requests and parsing responses, each parse beside bare
//! `serde_json` decoding of the same bytes into the same model type, so our layer's overhead
//! reads as a ratio.
//!
//! `cargo bench --bench sans_io`

mod common;

use std::hint::black_box;

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use linode::models::account::{Event, UserGrants};
use linode::models::profile::Profile;
use linode::models::Page;
use linode::requests::account::{GetUserGrants, ListEvents};
use linode::requests::profile::{CreateSshKey, GetProfile};
use linode::requests::{Operation, RequestConfig};

fn response(body: &Bytes) -> http::Response<Bytes> {
    let mut r = http::Response::new(body.clone());
    r.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    r
}

fn build(c: &mut Criterion) {
    let config = RequestConfig::new()
        .with_token("bench-token-0123456789abcdef")
        .unwrap_or_default();
    let mut group = c.benchmark_group("build");
    group.bench_function("get_profile", |b| {
        b.iter(|| black_box(GetProfile).to_http_request(black_box(&config)))
    });
    let events = common::filtered_events();
    group.bench_function("list_events_page_filter", |b| {
        b.iter(|| black_box(&events).to_http_request(black_box(&config)))
    });
    let create = CreateSshKey::new(
        "bench laptop",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBenchKey bench@laptop",
    );
    group.bench_function("create_ssh_key", |b| {
        b.iter(|| black_box(&create).to_http_request(black_box(&config)))
    });
    group.finish();
}

macro_rules! parse_pair {
    ($c:expr, $name:literal, $body:expr, $op:ty, $model:ty) => {{
        let body = Bytes::from($body);
        let mut group = $c.benchmark_group(concat!("parse/", $name));
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("linode", |b| {
            b.iter(|| <$op>::from_http_response(response(black_box(&body))))
        });
        group.bench_function("bare_serde", |b| {
            b.iter(|| serde_json::from_slice::<$model>(black_box(&body)))
        });
        group.finish();
    }};
}

fn parse(c: &mut Criterion) {
    parse_pair!(c, "get_profile", common::profile(), GetProfile, Profile);
    parse_pair!(
        c,
        "events_100",
        common::event_page(100),
        ListEvents,
        Page<Event>
    );
    parse_pair!(
        c,
        "events_500",
        common::event_page(500),
        ListEvents,
        Page<Event>
    );
    parse_pair!(
        c,
        "user_grants",
        common::grants(),
        GetUserGrants,
        UserGrants
    );
}

/// The same pairs with the `http::Response` built outside the timed routine (criterion's
/// `iter_batched`), and the outputs of both sides dropped outside it too: `parse` above times
/// the bench's own `HeaderMap` allocation on the SDK side only, which a transport does anyway.
macro_rules! parse_prebuilt_pair {
    ($c:expr, $name:literal, $body:expr, $op:ty, $model:ty) => {{
        let body = Bytes::from($body);
        let mut group = $c.benchmark_group(concat!("parse_prebuilt/", $name));
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function("linode", |b| {
            b.iter_batched(
                || response(&body),
                |r| <$op>::from_http_response(black_box(r)),
                BatchSize::SmallInput,
            )
        });
        group.bench_function("bare_serde", |b| {
            b.iter_batched(
                || body.clone(),
                |r| serde_json::from_slice::<$model>(black_box(&r)),
                BatchSize::SmallInput,
            )
        });
        group.finish();
    }};
}

fn parse_prebuilt(c: &mut Criterion) {
    parse_prebuilt_pair!(c, "get_profile", common::profile(), GetProfile, Profile);
    parse_prebuilt_pair!(
        c,
        "events_100",
        common::event_page(100),
        ListEvents,
        Page<Event>
    );
    parse_prebuilt_pair!(
        c,
        "user_grants",
        common::grants(),
        GetUserGrants,
        UserGrants
    );
}

criterion_group!(benches, build, parse, parse_prebuilt);
criterion_main!(benches);
