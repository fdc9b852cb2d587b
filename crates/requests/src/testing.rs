//! Helpers for the unit tests of operations: build with a fixed config, parse canned bodies.

use bytes::Bytes;

use crate::{ApiError, Error, Operation, RequestConfig};

/// The token every test config carries.
pub(crate) const TOKEN: &str = "test-token-0123";

/// A config for the public API with [`TOKEN`].
pub(crate) fn config() -> RequestConfig {
    RequestConfig::new().with_token(TOKEN).expect("valid token")
}

/// Builds `op` with [`config`], panicking on a build error. Also checks what every request
/// must carry: the token exactly when the operation is authenticated, and a matching Accept.
pub(crate) fn build<O: Operation>(op: &O) -> http::Request<Bytes> {
    let req = op
        .to_http_request(&config())
        .unwrap_or_else(|e| panic!("building {}: {e}", O::META.name));
    let expected_auth = format!("Bearer {TOKEN}");
    let auth = O::META.authenticated.then_some(expected_auth.as_str());
    assert_eq!(header(&req, "authorization"), auth, "{}", O::META.name);
    let accept = match O::META.response_body {
        crate::ResponseBodyKind::Png => "image/png",
        _ => "application/json",
    };
    assert_eq!(header(&req, "accept"), Some(accept), "{}", O::META.name);
    req
}

/// A header of `req` as text.
pub(crate) fn header<'a>(req: &'a http::Request<Bytes>, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Checks method, path and query (on api.linode.com), the standard headers, and the body
/// (compared as JSON; `None` means no body).
pub(crate) fn assert_request(
    req: &http::Request<Bytes>,
    method: &str,
    path_and_query: &str,
    body: Option<&str>,
) {
    assert_eq!(req.method().as_str(), method);
    assert_eq!(
        req.uri().to_string(),
        format!("https://api.linode.com{path_and_query}")
    );
    assert_eq!(header(req, "user-agent"), Some(crate::DEFAULT_USER_AGENT));
    match body {
        None => {
            assert!(
                req.body().is_empty(),
                "expected no body, got {:?}",
                req.body()
            );
            assert_eq!(header(req, "content-type"), None);
        }
        Some(expected) => {
            assert_eq!(header(req, "content-type"), Some("application/json"));
            let got: serde_json::Value = serde_json::from_slice(req.body()).expect("body is JSON");
            let want: serde_json::Value = serde_json::from_str(expected).expect("expected is JSON");
            assert_eq!(got, want);
        }
    }
}

/// A response with `status` and a JSON `body`.
pub(crate) fn response(status: u16, body: &str) -> http::Response<Bytes> {
    http::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Bytes::copy_from_slice(body.as_bytes()))
        .expect("valid response")
}

/// Parses a successful response, panicking on an error.
pub(crate) fn parse_ok<O: Operation>(status: u16, body: &str) -> O::Output {
    O::from_http_response(response(status, body))
        .unwrap_or_else(|e| panic!("parsing {}: {e}", O::META.name))
        .value
}

/// Parses an error response, panicking unless it is an API error.
pub(crate) fn parse_err<O: Operation>(status: u16, body: &str) -> ApiError
where
    O::Output: std::fmt::Debug,
{
    match O::from_http_response(response(status, body)) {
        Err(Error::Api(e)) => *e,
        other => panic!("expected an API error from {}, got {other:?}", O::META.name),
    }
}
