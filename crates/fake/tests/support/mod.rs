//! A plain HTTP client for the tests: raw requests, and SDK operations built and parsed by
//! linode-requests.

// Test helpers: a failure here is a failed test, so panicking is the point.
#![allow(
    dead_code,
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use bytes::Bytes;
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use linode_requests::{ApiResponse, Error, Operation, RequestConfig};

/// A client without connection reuse, so a dropped connection never leaks into the next
/// request, and without automatic retries, so the server's log counts every send.
pub fn client() -> Client<HttpConnector, Full<Bytes>> {
    Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(0)
        .retry_canceled_requests(false)
        .build_http()
}

/// What came back.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The first error's reason.
    pub fn reason(&self) -> String {
        self.json()["errors"][0]["reason"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Every error's field, in order.
    pub fn fields(&self) -> Vec<String> {
        self.json()["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The first error's field.
    pub fn field(&self) -> Option<String> {
        self.json()["errors"][0]["field"]
            .as_str()
            .map(str::to_owned)
    }
}

/// Sends a request; `Err` is a transport failure (a dropped connection, a cut body).
pub async fn try_send(request: Request<Bytes>) -> Result<Answer, String> {
    let (parts, body) = request.into_parts();
    let request = Request::from_parts(parts, Full::new(body));
    let response = client()
        .request(request)
        .await
        .map_err(|e| format!("request failed: {e:?}"))?;
    let (parts, body) = response.into_parts();
    let body = body
        .collect()
        .await
        .map_err(|e| format!("body failed: {e:?}"))?
        .to_bytes();
    Ok(Answer {
        status: parts.status,
        headers: parts.headers,
        body,
    })
}

/// Sends a request that must get an answer.
pub async fn send(request: Request<Bytes>) -> Answer {
    try_send(request).await.unwrap_or_else(|e| panic!("{e}"))
}

/// A raw request to `url` + `path`, with an optional bearer token and JSON body.
pub fn raw(
    url: &str,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> Request<Bytes> {
    let mut builder = Request::builder()
        .method(method)
        .uri(format!("{url}{path}"));
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    if body.is_some() {
        builder = builder.header("content-type", "application/json");
    }
    builder
        .body(Bytes::from(body.unwrap_or("").to_owned()))
        .expect("a valid request")
}

/// A GET with the token.
pub async fn get(url: &str, path: &str, token: &str) -> Answer {
    send(raw(url, Method::GET, path, Some(token), None)).await
}

/// The SDK's config for the fake.
pub fn config(url: &str, token: &str) -> RequestConfig {
    RequestConfig::new()
        .with_token(token)
        .expect("token")
        .with_base_url(url)
        .expect("base url")
}

/// Builds `op` with linode-requests, sends it, parses the answer with linode-requests.
pub async fn call<O: Operation>(
    url: &str,
    token: &str,
    op: &O,
) -> Result<ApiResponse<O::Output>, Error> {
    let request = op.to_http_request(&config(url, token))?;
    let answer = send(request).await;
    let mut response = http::Response::new(answer.body);
    *response.status_mut() = answer.status;
    *response.headers_mut() = answer.headers;
    O::from_http_response(response)
}

/// `call`, expecting success.
pub async fn ok<O: Operation>(url: &str, token: &str, op: &O) -> O::Output {
    match call(url, token, op).await {
        Ok(response) => response.value,
        Err(e) => panic!("{} failed: {e}", O::META.id),
    }
}

/// The message of the build error `op` gets: the SDK refuses it before sending (its body
/// breaks a rule of the spec). To test the fake's own check of the same rule, send the body
/// raw ([`post_json`]).
pub fn refused_before_sending<O: Operation>(url: &str, token: &str, op: &O) -> String {
    match op.to_http_request(&config(url, token)) {
        Ok(_) => panic!("{} was not refused before sending", O::META.id),
        Err(e) => e.to_string(),
    }
}

/// Sends `body` raw with `method` to `path`, as a client without the SDK's checks would.
pub async fn send_json(url: &str, token: &str, method: Method, path: &str, body: &str) -> Answer {
    send(raw(url, method, path, Some(token), Some(body))).await
}

/// [`send_json`] with POST.
pub async fn post_json(url: &str, token: &str, path: &str, body: &str) -> Answer {
    send_json(url, token, Method::POST, path, body).await
}

/// `call`, expecting an API error; returns it.
pub async fn api_err<O: Operation>(url: &str, token: &str, op: &O) -> linode_requests::ApiError {
    match call(url, token, op).await {
        Ok(_) => panic!("{} unexpectedly succeeded", O::META.id),
        Err(Error::Api(e)) => *e,
        Err(e) => panic!("{} failed outside the API: {e}", O::META.id),
    }
}
