//! What each fuzz target checks, as plain functions of the input bytes.
//!
//! Shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`) and the main workspace's
//! regression test (`tests/fuzz_regressions.rs`, which replays `fuzz/regressions/<target>/*`
//! on stable). A panic is a finding: besides "never panics", each check asserts a property
//! (round trips, one path segment, the SDK understands the fake's answers).
#![allow(
    clippy::expect_used,
    clippy::panic,
    clippy::unwrap_used,
    missing_docs,
    unreachable_pub,
    dead_code
)]

use std::str::FromStr;
use std::sync::OnceLock;

use bytes::Bytes;
use linode_models::{ClockDuration, Money, MoneyString, Timestamp};
use linode_requests::account::GetUser;
use linode_requests::filter::{Filter, FilterField, FilterValue, Order};
use linode_requests::registry::{self, OperationInfo};
use linode_requests::{BuildError, Error, Operation, RequestConfig};

/// A fuzz target's check.
pub type Check = fn(&[u8]);

/// Every target, by name (the directory names under `fuzz/regressions/`).
pub const TARGETS: [(&str, Check); 7] = [
    ("parse_response", parse_response),
    ("timestamp", timestamp),
    ("duration", duration),
    ("money", money),
    ("x_filter", x_filter),
    ("path_param", path_param),
    ("fake_server", fake_server),
];

fn operations() -> &'static [&'static OperationInfo] {
    static OPS: OnceLock<Vec<&'static OperationInfo>> = OnceLock::new();
    // Sorted by operation id, so an input picks the same operation whatever the registry's
    // order (the seed corpus is made by id).
    OPS.get_or_init(|| {
        let mut ops: Vec<_> = registry::operations().collect();
        ops.sort_by_key(|info| info.meta.id);
        ops
    })
}

const STATUSES: [u16; 14] = [
    200, 200, 200, 201, 202, 204, 299, 400, 401, 403, 404, 429, 500, 302,
];

/// Response parsing of every operation (picked by the first byte), through the registry:
/// never panics; a success parses to JSON that parses again to the same JSON.
pub fn parse_response(data: &[u8]) {
    let [pick, status, flags, body @ ..] = data else {
        return;
    };
    let ops = operations();
    let info = ops[usize::from(*pick) % ops.len()];
    let status = STATUSES[usize::from(*status) % STATUSES.len()];
    let response = |body: Bytes| {
        let mut builder = http::Response::builder().status(status);
        if flags & 1 == 1 {
            builder = builder.header("content-type", "image/png");
        }
        if flags & 2 == 2 {
            builder = builder.header("retry-after", "7");
        }
        builder.body(body).unwrap_or_default()
    };
    match info.parse_to_json(response(Bytes::copy_from_slice(body))) {
        Ok(Some(json)) => {
            // What the SDK writes back, it reads again, to the same value.
            let text = serde_json::to_vec(&json).expect("a Value serializes");
            match info.parse_to_json(response(Bytes::from(text))) {
                Ok(Some(again)) => assert_eq!(json, again, "{}", info.meta.id),
                other => panic!("{}: re-parsing its own output: {other:?}", info.meta.id),
            }
        }
        Ok(None) => {}
        Err(error) => {
            let _ = format!("{error} {error:?}");
        }
    }
}

/// The timestamp parser: never panics; what parses prints back to text that parses to the
/// same instant, as a JSON string too.
pub fn timestamp(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(t) = Timestamp::from_str(text) {
        let printed = t.to_string();
        assert_eq!(Timestamp::from_str(&printed).ok(), Some(t), "{text:?}");
        let json = serde_json::to_string(&t).expect("a timestamp serializes");
        assert_eq!(serde_json::from_str::<Timestamp>(&json).ok(), Some(t));
    }
    let _ = serde_json::from_slice::<Timestamp>(data);
}

/// The `ClockDuration` parsers (`FromStr`, and serde from any JSON): never panic; what
/// parses writes back exactly the text it came as, and that text (as a string, as JSON, and
/// the `H:MM:SS` of the same number of seconds made in code) reads to the same seconds.
pub fn duration(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(d) = ClockDuration::from_str(text) {
            assert_eq!(d.to_string(), text, "written back as it came");
            assert_eq!(d.clock_text(), Some(text));
            let again = ClockDuration::from_str(&d.to_string()).expect("its own text parses");
            assert_eq!(again.seconds(), d.seconds(), "{text:?}");
            let json = serde_json::to_string(&d).expect("a duration serializes");
            let back: ClockDuration = serde_json::from_str(&json).expect("its own JSON parses");
            assert_eq!(back.seconds(), d.seconds(), "{json}");
            clock_round_trip(d.seconds());
        }
    }
    if let Ok(d) = serde_json::from_slice::<ClockDuration>(data) {
        let json = serde_json::to_string(&d).expect("a duration serializes");
        let back: ClockDuration = serde_json::from_str(&json).expect("its own JSON parses");
        assert_eq!(back.seconds(), d.seconds(), "{json}");
        assert_eq!(back.clock_text(), d.clock_text());
        clock_round_trip(d.seconds());
    }
    // Eight bytes as a number of seconds made in code.
    if let Ok(raw) = <[u8; 8]>::try_from(data) {
        clock_round_trip(u64::from_le_bytes(raw));
    }
}

/// A duration made in code prints as `H:MM:SS`, which reads back to the same seconds, and
/// serializes as the integer.
fn clock_round_trip(seconds: u64) {
    let made = ClockDuration::from_seconds(seconds);
    let printed = made.to_string();
    let parsed = ClockDuration::from_str(&printed).expect("H:MM:SS of any u64 parses");
    assert_eq!(parsed.seconds(), seconds, "{printed}");
    assert_eq!(
        serde_json::to_string(&made).expect("serializes"),
        seconds.to_string()
    );
}

/// The money parsers (a JSON number, a decimal string): never panic; amounts round-trip
/// (numbers: up to the 15 significant digits a double carries exactly).
pub fn money(data: &[u8]) {
    if let Ok(m) = serde_json::from_slice::<Money>(data) {
        if let Ok(json) = serde_json::to_string(&m) {
            let digits = m
                .amount()
                .normalize()
                .mantissa()
                .unsigned_abs()
                .to_string()
                .len();
            if digits <= 15 {
                assert_eq!(serde_json::from_str::<Money>(&json).ok(), Some(m), "{json}");
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(m) = MoneyString::from_str(text) {
            let json = serde_json::to_string(&m).expect("a decimal string serializes");
            assert_eq!(
                serde_json::from_str::<MoneyString>(&json).ok(),
                Some(m),
                "{json}"
            );
        }
    }
    let _ = serde_json::from_slice::<MoneyString>(data);
}

#[derive(Clone, Copy)]
enum Field {
    Label,
    Created,
    Nested,
}

impl FilterField for Field {
    const ALL: &'static [Self] = &[Field::Label, Field::Created, Field::Nested];

    fn name(self) -> &'static str {
        match self {
            Field::Label => "label",
            Field::Created => "created",
            Field::Nested => "entity.id",
        }
    }
}

/// Builds a filter from bytes: a little stack machine of conditions, `+and`, `+or`, order.
fn build_filter(data: &[u8]) -> Option<Filter<Field>> {
    let mut stack: Vec<Filter<Field>> = Vec::new();
    let mut rest = data;
    while let [op, tail @ ..] = rest {
        rest = tail;
        let field = [Field::Label, Field::Created, Field::Nested][usize::from(op >> 6) % 3];
        match op & 0x0f {
            0..=6 => {
                // A value: a length byte, then that many bytes as (lossy) text, or a number.
                let (len, tail) = rest.split_first().map_or((0, rest), |(l, t)| (*l, t));
                let take = usize::from(len & 0x3f).min(tail.len());
                let (raw, tail) = tail.split_at(take);
                rest = tail;
                let text = String::from_utf8_lossy(raw).into_owned();
                let make = match op & 0x0f {
                    0 => Filter::eq,
                    1 => Filter::neq,
                    2 => Filter::gt,
                    3 => Filter::gte,
                    4 => Filter::lt,
                    5 => Filter::lte,
                    _ => Filter::contains,
                };
                let value: FilterValue = match len >> 6 {
                    0 | 1 => text.into(),
                    2 => i64::from_le_bytes(pad8(raw)).into(),
                    _ => f64::from_le_bytes(pad8(raw)).into(),
                };
                stack.push(make(field, value));
            }
            7 | 8 => {
                let n = usize::from(op >> 4).min(stack.len());
                let parts = stack.split_off(stack.len() - n);
                stack.push(if op & 0x0f == 7 {
                    Filter::all(parts)
                } else {
                    Filter::or(parts)
                });
            }
            9 => {
                if let (Some(b), Some(a)) = (stack.pop(), stack.pop()) {
                    stack.push(a.and(b));
                }
            }
            _ => {
                if let Some(top) = stack.pop() {
                    let order = if op & 0x10 == 0 {
                        Order::Asc
                    } else {
                        Order::Desc
                    };
                    stack.push(top.order_by(field, order));
                }
            }
        }
        if stack.len() > 64 {
            return None;
        }
    }
    stack.pop()
}

fn pad8(raw: &[u8]) -> [u8; 8] {
    let mut out = [0u8; 8];
    for (o, b) in out.iter_mut().zip(raw) {
        *o = *b;
    }
    out
}

/// The X-Filter serializer: whatever is built is either sent (the header is exactly its
/// JSON, visible ASCII, and reads back with `Filter::from_json`, as a server reads it, to
/// the same filter) or refused at build time for a limit that `from_json` holds too.
pub fn x_filter(data: &[u8]) {
    let Some(filter) = build_filter(data) else {
        return;
    };
    let json = filter.to_json();
    assert!(json.bytes().all(|b| (0x20..0x7f).contains(&b)), "{json}");
    let read = Filter::<Field>::from_json(json.as_bytes());
    match filter.to_header_value() {
        Ok(header) => {
            assert_eq!(header.as_bytes(), json.as_bytes());
            assert!(
                serde_json::from_str::<serde_json::Value>(&json).is_ok(),
                "not JSON: {json}"
            );
            assert_eq!(read, Ok(filter), "{json}");
        }
        Err(BuildError::FilterTooDeep { .. } | BuildError::FilterTooLarge { .. }) => {
            // What the SDK refuses to send, a server would refuse to read (or cannot parse).
            assert!(read.is_err(), "refused but readable: {json}");
        }
        Err(other) => panic!("{json}: {other}"),
    }
}

/// Path encoding: any text as a path parameter is exactly one segment, routes back to the
/// same operation with the same value, or is refused with a build error about the input.
pub fn path_param(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    static CONFIG: OnceLock<RequestConfig> = OnceLock::new();
    let config = CONFIG.get_or_init(|| RequestConfig::new().with_token("fuzz").expect("a token"));
    match GetUser::new(text).to_http_request(config) {
        Ok(request) => {
            let path = request.uri().path();
            let segment = path
                .strip_prefix("/v4/account/users/")
                .unwrap_or_else(|| panic!("left its place: {path}"));
            assert!(!segment.contains(['/', '?', '#']), "{segment}");
            assert!(request.uri().query().is_none());
            let route = registry::route(&http::Method::GET, path).expect("routes back");
            assert_eq!(route.info.meta.id, GetUser::META.id);
            assert_eq!(route.params, [text.to_owned()]);
        }
        Err(Error::Build {
            source: BuildError::EmptyPathParam { .. } | BuildError::UriTooLong { .. },
            ..
        }) => {}
        Err(other) => panic!("{text:?}: {other}"),
    }
}

const FAKE_TOKEN: &str = "fuzz-token-0123456789";

/// The fake server's request handling, in process: any request (an operation's path with a
/// fuzzed parameter, query, `X-Filter` and body) gets an answer; a success answer to an
/// operation parses with the SDK's own model for it.
pub fn fake_server(data: &[u8]) {
    let mut fields = data.split(|b| *b == 0xff);
    let control = fields.next().unwrap_or_default();
    let param = String::from_utf8_lossy(fields.next().unwrap_or_default()).into_owned();
    let query = fields.next().unwrap_or_default();
    let filter = fields.next();
    let body = fields.next().unwrap_or_default();
    let [pick, method, flags, ..] = control else {
        return;
    };
    let ops = operations();
    let info = ops[usize::from(*pick) % ops.len()];
    let mut path = String::from("/v4");
    let mut rest = info.meta.path;
    while let Some(open) = rest.find('{') {
        path.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
        if flags & 4 == 4 {
            path.push_str(&param);
        } else {
            path.push_str(&param.len().to_string());
        }
        rest = &rest[close.min(rest.len())..];
    }
    path.push_str(rest);
    if !query.is_empty() {
        path.push('?');
        path.push_str(&String::from_utf8_lossy(query));
    }
    let method = match method % 5 {
        0 => http::Method::GET,
        1 => http::Method::POST,
        2 => http::Method::PUT,
        3 => http::Method::DELETE,
        _ => info.meta.method.to_http(),
    };
    let mut request = http::Request::builder()
        .method(method.clone())
        .uri(format!("http://fake{path}"));
    if flags & 1 == 1 {
        request = request.header("authorization", format!("Bearer {FAKE_TOKEN}"));
    }
    if flags & 2 == 2 {
        request = request.header("content-type", "application/json");
    }
    if let Some(filter) = filter {
        request = request.header("x-filter", filter);
    }
    let Ok(request) = request.body(Bytes::copy_from_slice(body)) else {
        return;
    };
    let uri_path = request.uri().path().to_owned();
    let fake = linode_fake::FakeLinode::builder()
        .token(FAKE_TOKEN)
        .seeded(flags & 8 == 8)
        .in_process();
    let response = fake.handle(request);
    let status = response.status();
    if !status.is_success() {
        return;
    }
    // A success to a request the SDK would route to an operation parses with its model.
    let Some(route) = registry::route(&method, &uri_path) else {
        return;
    };
    if let Err(error) = route.info.parse_to_json(response) {
        panic!(
            "{} answered {status} that the SDK cannot parse: {error}",
            route.info.meta.id
        );
    }
}
