//! The HTTP side: accepting connections, and the pipeline every request goes through
//! (route, faults, body, auth, scopes, handler, headers, log).

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::header::{
    HeaderName, HeaderValue, ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE,
    RETRY_AFTER, VARY,
};
use http::{HeaderMap, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Limited};
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use linode_models::{Warning, WarningsBody};
use linode_requests::registry::{self, Route};
use linode_requests::{Metadata, RequestParts};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinSet;

use crate::faults::Fault;
use crate::handler::{Caller, Ctx};
use crate::handlers;
use crate::log::{is_secret_header, redact_card_data, LoggedRequest, REDACTED_HEADER};
use crate::reply::{AnswerBody, Failure};
use crate::state::{lock, now, Shared};

/// The spec version the fake answers in `X-Spec-Version`.
pub const SPEC_VERSION: &str = "4.189.0";
/// The largest request body the fake reads.
pub const MAX_REQUEST_BODY: usize = 1024 * 1024;
/// How many connections are served at once; more are closed on accept.
const MAX_CONNECTIONS: usize = 512;

/// Accepts connections until `stop` fires, then closes every open connection.
pub(crate) async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stop: oneshot::Receiver<()>,
) {
    let mut connections = JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else {
                    // Out of file descriptors or similar: back off a little.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                };
                if !peer.ip().is_loopback() || connections.len() >= MAX_CONNECTIONS {
                    continue;
                }
                let _ = stream.set_nodelay(true);
                let shared = Arc::clone(&shared);
                connections.spawn(async move {
                    let service = service_fn(move |request| handle(Arc::clone(&shared), request));
                    let mut builder = http1::Builder::new();
                    builder
                        .timer(TokioTimer::new())
                        .header_read_timeout(Duration::from_secs(30));
                    // A dropped connection (a fault, or the client going away) ends here.
                    let _ = builder.serve_connection(TokioIo::new(stream), service).await;
                });
            }
        }
    }
    connections.shutdown().await;
}

/// The error a service returns to make hyper close the connection without answering.
#[derive(Debug)]
pub(crate) struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped on purpose (fault injection)")
    }
}

impl std::error::Error for Dropped {}

/// A response body: the whole thing, or (for [`Fault::TruncatedBody`]) a part followed by a
/// failure that makes hyper cut the connection.
#[derive(Debug)]
pub(crate) struct FakeBody {
    data: Option<Bytes>,
    cut: bool,
}

impl FakeBody {
    fn full(data: Bytes) -> Self {
        Self {
            data: (!data.is_empty()).then_some(data),
            cut: false,
        }
    }
}

impl Body for FakeBody {
    type Data = Bytes;
    type Error = Dropped;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Dropped>>> {
        if let Some(data) = self.data.take() {
            return Poll::Ready(Some(Ok(Frame::data(data))));
        }
        if self.cut {
            self.cut = false;
            return Poll::Ready(Some(Err(Dropped)));
        }
        Poll::Ready(None)
    }

    fn is_end_stream(&self) -> bool {
        self.data.is_none() && !self.cut
    }

    fn size_hint(&self) -> SizeHint {
        match (&self.data, self.cut) {
            (_, true) => SizeHint::default(),
            (Some(data), false) => SizeHint::with_exact(data.len() as u64),
            (None, false) => SizeHint::with_exact(0),
        }
    }
}

/// Where a request went.
enum Routing {
    Operation(Route),
    MethodNotAllowed,
    NotFound,
}

fn route(method: &Method, path: &str) -> Routing {
    let versioned = ["/v4", "/v4beta"].iter().any(|v| {
        path.strip_prefix(v)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    });
    if !versioned {
        return Routing::NotFound;
    }
    if let Some(found) = registry::route(method, path) {
        return Routing::Operation(found);
    }
    let other_method = [Method::GET, Method::POST, Method::PUT, Method::DELETE]
        .iter()
        .any(|m| registry::route(m, path).is_some());
    if other_method {
        Routing::MethodNotAllowed
    } else {
        Routing::NotFound
    }
}

/// What the pipeline answers, before the common headers are added.
struct Outcome {
    status: StatusCode,
    content_type: Option<&'static str>,
    body: Bytes,
    headers: Vec<(HeaderName, HeaderValue)>,
    /// The caller's scopes, for `X-OAuth-Scopes` (empty when no valid token).
    scopes: String,
}

impl Outcome {
    fn failure(failure: &Failure) -> Self {
        Self {
            status: failure.status,
            content_type: Some("application/json"),
            body: failure.to_bytes(),
            headers: Vec::new(),
            scopes: String::new(),
        }
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty())
}

fn logged_headers(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            let text = if is_secret_header(name.as_str()) {
                // Keep the scheme ("Bearer"), never the credential.
                match value.to_str().ok().and_then(|v| v.split_once(' ')) {
                    Some((scheme, _))
                        if name == http::header::AUTHORIZATION
                            || name == http::header::PROXY_AUTHORIZATION =>
                    {
                        format!("{scheme} {REDACTED_HEADER}")
                    }
                    _ => REDACTED_HEADER.to_owned(),
                }
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            (name.as_str().to_owned(), text)
        })
        .collect()
}

/// One request, start to end.
async fn handle(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<Response<FakeBody>, Dropped> {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    let routing = route(&parts.method, &path);
    let operation = match &routing {
        Routing::Operation(found) => Some(found.info.meta.id),
        _ => crate::login::operation_of(&path),
    };
    let routed = match &routing {
        Routing::Operation(found) => Some(&found.info.meta),
        _ => None,
    };
    let plan = lock(&shared.faults).take(routed);
    let mut entry = LoggedRequest {
        method: parts.method.as_str().to_owned(),
        path,
        query: parts.uri.query().map(str::to_owned),
        operation,
        headers: logged_headers(&parts.headers),
        body: Bytes::new(),
        status: None,
        fault: plan.fault.clone(),
        content_encoding: None,
    };
    if !plan.delay.is_zero() {
        tokio::time::sleep(plan.delay).await;
    }
    if plan.fault == Some(Fault::DropBeforeRead) {
        lock(&shared.log).push(entry);
        return Err(Dropped);
    }

    let outcome = match Limited::new(body, MAX_REQUEST_BODY).collect().await {
        Ok(collected) => {
            let body = collected.to_bytes();
            // The log never holds card data: the handler gets the body as sent.
            entry.body = redact_card_data(operation, body.clone());
            match &plan.fault {
                Some(
                    fault @ (Fault::RateLimited { .. }
                    | Fault::Status(_)
                    | Fault::Maintenance
                    | Fault::Html(_)),
                ) => fault_outcome(fault),
                _ if crate::login::is_login_path(&entry.path) => {
                    login_outcome(&shared, &parts, &body)
                }
                _ => process(&shared, &parts, routing, &body),
            }
        }
        Err(error) if error.is::<http_body_util::LengthLimitError>() => {
            Outcome::failure(&Failure::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("The request body is larger than {MAX_REQUEST_BODY} bytes"),
            ))
        }
        Err(_) => {
            // The client went away while sending the body.
            lock(&shared.log).push(entry);
            return Err(Dropped);
        }
    };

    if plan.fault == Some(Fault::DropAfterRead) {
        lock(&shared.log).push(entry);
        return Err(Dropped);
    }
    entry.status = Some(outcome.status.as_u16());
    let rate_key = bearer(&parts.headers).unwrap_or("anonymous");
    let gzip = shared.compression && accepts_gzip(&parts.headers);
    let response = respond(&shared, outcome, rate_key, plan.fault.as_ref(), gzip);
    entry.content_encoding = response
        .headers()
        .contains_key(CONTENT_ENCODING)
        .then_some("gzip");
    lock(&shared.log).push(entry);
    Ok(response)
}

/// Bodies smaller than this are sent as they are even when gzip is accepted: the gzip
/// header and trailer alone take 18 bytes.
const MIN_COMPRESSED_BODY: usize = 256;

/// Whether `Accept-Encoding` lists gzip (or `*`) without `q=0`.
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            !refused && (coding.eq_ignore_ascii_case("gzip") || coding == "*")
        })
}

/// The body gzip-compressed, or `None` if compressing failed (it is then sent as it is).
fn gzip(body: &[u8]) -> Option<Bytes> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 4),
        flate2::Compression::default(),
    );
    encoder.write_all(body).ok()?;
    encoder.finish().ok().map(Bytes::from)
}

/// One request handled without a socket: routing, auth, scopes, the handler and the common
/// headers, as over the network (no faults, no delays, no log entry).
pub(crate) fn handle_in_process(shared: &Shared, request: Request<Bytes>) -> Response<Bytes> {
    let (parts, body) = request.into_parts();
    let routing = route(&parts.method, parts.uri.path());
    let outcome = if body.len() > MAX_REQUEST_BODY {
        Outcome::failure(&Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("The request body is larger than {MAX_REQUEST_BODY} bytes"),
        ))
    } else {
        process(shared, &parts, routing, &body)
    };
    let rate_key = bearer(&parts.headers).unwrap_or("anonymous").to_owned();
    let gzip = shared.compression && accepts_gzip(&parts.headers);
    let response = respond(shared, outcome, &rate_key, None, gzip);
    response.map(|body| body.data.unwrap_or_default())
}

fn fault_outcome(fault: &Fault) -> Outcome {
    match fault {
        Fault::RateLimited { retry_after_secs } => {
            let mut outcome = Outcome::failure(&Failure::new(
                StatusCode::TOO_MANY_REQUESTS,
                "Too many requests",
            ));
            outcome
                .headers
                .push((RETRY_AFTER, HeaderValue::from(*retry_after_secs)));
            outcome
        }
        Fault::Maintenance => {
            let mut outcome = Outcome::failure(&Failure::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "The API is down for scheduled maintenance",
            ));
            outcome.headers.push((
                HeaderName::from_static("x-maintenance-mode"),
                HeaderValue::from_static("true"),
            ));
            outcome
        }
        Fault::Html(code) => {
            let status = StatusCode::from_u16(*code).unwrap_or(StatusCode::BAD_GATEWAY);
            let page = format!(
                "<!DOCTYPE html>\n<html><head><title>{status}</title></head>\
                 <body><h1>{status}</h1><p>The upstream server did not answer.</p></body></html>\n"
            );
            Outcome {
                status,
                content_type: Some("text/html; charset=utf-8"),
                body: Bytes::from(page),
                headers: Vec::new(),
                scopes: String::new(),
            }
        }
        Fault::Status(code) => {
            let status = StatusCode::from_u16(*code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let reason = status.canonical_reason().unwrap_or("Server error");
            Outcome::failure(&Failure::new(status, reason))
        }
        // Not status faults; the caller never passes these.
        _ => Outcome::failure(&Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal error",
        )),
    }
}

/// The login service's answer (see [`crate::login`]).
fn login_outcome(shared: &Shared, parts: &http::request::Parts, body: &Bytes) -> Outcome {
    let answer = crate::login::answer(
        &mut lock(&shared.store),
        &parts.method,
        parts.uri.path(),
        parts.uri.query().unwrap_or(""),
        &parts.headers,
        body,
    );
    let mut headers = Vec::new();
    if let Some(location) = crate::login::location_header(&answer) {
        headers.push((http::header::LOCATION, location));
    }
    Outcome {
        status: answer.status,
        content_type: Some(answer.content_type),
        body: answer.body,
        headers,
        scopes: String::new(),
    }
}

/// Auth, scopes, the handler, deprecation warnings.
fn process(
    shared: &Shared,
    parts: &http::request::Parts,
    routing: Routing,
    body: &Bytes,
) -> Outcome {
    let found = match routing {
        Routing::Operation(found) => found,
        Routing::MethodNotAllowed => {
            return Outcome::failure(&Failure::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "Method Not Allowed",
            ))
        }
        Routing::NotFound => return Outcome::failure(&Failure::not_found()),
    };
    let meta: &Metadata = &found.info.meta;
    let request_time = now();
    let mut store = lock(&shared.store);

    let token = bearer(&parts.headers);
    let grant = token.and_then(|t| {
        store
            .auth
            .get(t)
            .filter(|g| g.expiry.is_none_or(|e| e > request_time))
            .cloned()
    });
    let scopes_text = grant
        .as_ref()
        .map(|g| g.scopes.to_string())
        .unwrap_or_default();
    let accepted: Vec<&str> = meta.scopes.iter().map(|s| s.as_str()).collect();
    let accepted =
        HeaderValue::from_str(&accepted.join(" ")).unwrap_or(HeaderValue::from_static(""));
    let with_scopes = |mut outcome: Outcome| {
        outcome.scopes.clone_from(&scopes_text);
        outcome.headers.push((
            HeaderName::from_static("x-accepted-oauth-scopes"),
            accepted.clone(),
        ));
        outcome
    };
    if meta.authenticated && grant.is_none() {
        return with_scopes(Outcome::failure(&Failure::new(
            StatusCode::UNAUTHORIZED,
            "Invalid Token",
        )));
    }
    // A proxy token acts in its child account: only what a child account user may do.
    let child = token
        .and_then(|t| store.acting.child_of(t))
        .map(str::to_owned);
    if let Some(failure) = child
        .as_ref()
        .and_then(|_| crate::acting::gate(meta.id).err())
    {
        return with_scopes(Outcome::failure(&failure));
    }
    let caller = Caller {
        scopes: grant.as_ref().map(|g| g.scopes.clone()).unwrap_or_default(),
        token: grant.as_ref().and(token.map(str::to_owned)),
    };
    if meta.authenticated && !crate::scopes::allows(&caller.scopes, meta) {
        return with_scopes(Outcome::failure(&Failure::new(
            StatusCode::FORBIDDEN,
            "Your OAuth token is not authorized to use this endpoint.",
        )));
    }
    let handler = handlers::find(meta.id).filter(|_| !lock(&shared.disabled).contains(meta.id));
    let Some(handler) = handler else {
        return with_scopes(Outcome::failure(&Failure::new(
            StatusCode::NOT_IMPLEMENTED,
            format!(
                "linode-fake does not implement {} ({} {}) yet",
                meta.id, meta.method, meta.path
            ),
        )));
    };
    let ctx = Ctx {
        now: request_time,
        base_url: format!(
            "http://{}",
            parts
                .headers
                .get(http::header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("127.0.0.1")
        ),
        caller: &caller,
    };
    let request = RequestParts {
        params: found.params,
        query: parts.uri.query().unwrap_or(""),
        x_filter: parts.headers.get("x-filter").map(HeaderValue::as_bytes),
        body,
    };
    let mut reply = (handler.call)(&mut store, &ctx, &request);
    if reply.is_ok() {
        crate::scripted_events::after_operation(&mut store, meta);
    }
    if let (Some(euuid), Ok(answer)) = (&child, &mut reply) {
        crate::acting::patch(&store, euuid, meta.id, &mut answer.body);
    }
    drop(store);
    let answer = match reply {
        Ok(answer) => answer,
        Err(failure) => return with_scopes(Outcome::failure(&failure)),
    };
    let (mut status, content_type, body) = match answer.body {
        AnswerBody::Json(mut value) => {
            let mut status = answer.status;
            // The deprecation notice comes first; warnings of the handler's own (a
            // disabled operation saying so) follow it.
            let mut warnings = Vec::new();
            if let Some(advice) = meta.deprecated {
                warnings.push(Warning {
                    title: "This endpoint is deprecated".to_owned(),
                    details: advice.to_owned(),
                });
                status = StatusCode::from_u16(299).unwrap_or(status);
            }
            warnings.extend(answer.warnings);
            if let (false, Some(object)) = (warnings.is_empty(), value.as_object_mut()) {
                if let Ok(serde_json::Value::Object(w)) =
                    serde_json::to_value(WarningsBody { warnings })
                {
                    object.extend(w);
                }
            }
            let bytes = serde_json::to_vec(&value)
                .map(Bytes::from)
                .unwrap_or_default();
            (status, Some("application/json"), bytes)
        }
        AnswerBody::Png(bytes) => (answer.status, Some("image/png"), bytes),
        AnswerBody::Empty => (answer.status, None, Bytes::new()),
    };
    if status == StatusCode::NO_CONTENT && !body.is_empty() {
        status = StatusCode::OK;
    }
    with_scopes(Outcome {
        status,
        content_type,
        body,
        headers: Vec::new(),
        scopes: String::new(),
    })
}

/// Adds the headers every answer carries and applies body faults.
fn respond(
    shared: &Shared,
    outcome: Outcome,
    rate_key: &str,
    fault: Option<&Fault>,
    gzip_accepted: bool,
) -> Response<FakeBody> {
    let (limit, remaining, reset) = {
        let mut rate = lock(&shared.rate);
        let (remaining, reset) = rate.hit(rate_key);
        (rate.limit, remaining, reset)
    };
    let remaining = if matches!(fault, Some(Fault::RateLimited { .. })) {
        0
    } else {
        remaining
    };
    let full_len = outcome.body.len();
    let (body, compressed) = match fault {
        // Body faults cut the plain text, so a client sees malformed JSON, not broken gzip.
        Some(Fault::TruncatedBody) => (
            FakeBody {
                data: Some(outcome.body.slice(..full_len / 2)).filter(|b| !b.is_empty()),
                cut: true,
            },
            false,
        ),
        Some(Fault::MalformedJson) => (FakeBody::full(outcome.body.slice(..full_len / 2)), false),
        _ if gzip_accepted && full_len >= MIN_COMPRESSED_BODY => match gzip(&outcome.body) {
            Some(packed) => (FakeBody::full(packed), true),
            None => (FakeBody::full(outcome.body), false),
        },
        _ => (FakeBody::full(outcome.body), false),
    };
    let mut response = Response::new(body);
    *response.status_mut() = outcome.status;
    let headers = response.headers_mut();
    if let Some(content_type) = outcome.content_type {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    if matches!(fault, Some(Fault::TruncatedBody)) {
        headers.insert(CONTENT_LENGTH, HeaderValue::from(full_len));
    }
    // As the live API does: the answer depends on Accept-Encoding.
    headers.insert(VARY, HeaderValue::from_static("Accept-Encoding"));
    if compressed {
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    headers.insert("x-ratelimit-limit", HeaderValue::from(limit));
    headers.insert("x-ratelimit-remaining", HeaderValue::from(remaining));
    headers.insert("x-ratelimit-reset", HeaderValue::from(reset));
    headers.insert(
        "x-oauth-scopes",
        HeaderValue::from_str(&outcome.scopes).unwrap_or(HeaderValue::from_static("")),
    );
    headers.insert("x-spec-version", HeaderValue::from_static(SPEC_VERSION));
    for (name, value) in outcome.headers {
        headers.insert(name, value);
    }
    response
}
