//! The operation abstraction: one type per API operation, metadata as constants, building
//! `http::Request<Bytes>` and parsing `http::Response<Bytes>` without any IO.

use bytes::Bytes;
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::{HeaderMap, HeaderValue, StatusCode};
use linode_models::{ErrorBody, WarningsBody};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{excerpt, hide_quoted, ApiError, BuildError, DecodeError, Error, Idempotency};
use crate::meta::{Metadata, RequestBodyKind, ResponseBodyKind};
use crate::path::{expand, PathParams};
use crate::query::{Pagination, QueryWriter};
use crate::redact;
use crate::request_config::RequestConfig;
use crate::response::ApiResponse;

/// The longest URI `http::Uri` takes (`u16::MAX - 1` bytes). Far beyond what servers accept
/// (usually 8 KiB): a longer one is input that cannot address anything, said as such.
pub(crate) const MAX_URI_BYTES: usize = u16::MAX as usize - 1;

const JSON: HeaderValue = HeaderValue::from_static("application/json");
const PNG: HeaderValue = HeaderValue::from_static("image/png");

/// One operation of the Linode API: a value of an implementing type is one request.
///
/// Implementors declare the [`Metadata`] and the output type, and say how their fields map to
/// the path, the query, the `X-Filter` header and the body. Building and parsing are provided.
///
/// ```
/// use linode_requests::{profile::GetSshKey, Operation, RequestConfig};
/// let config = RequestConfig::new().with_token("t0ken")?;
/// let request = GetSshKey { ssh_key_id: 42 }.to_http_request(&config)?;
/// assert_eq!(request.uri(), "https://api.linode.com/v4/profile/sshkeys/42");
///
/// let response = http::Response::builder()
///     .status(200)
///     .body(bytes::Bytes::from_static(br#"{"id":42,"label":"laptop","ssh_key":"ssh-ed25519 AAAA","created":"2024-05-01T10:00:00"}"#))?;
/// let key = GetSshKey::from_http_response(response)?.value;
/// assert_eq!(key.label, "laptop");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Operation {
    /// What the API table says about this operation.
    const META: Metadata;

    /// The typed value of a successful response.
    type Output: FromResponse;

    /// The path parameters, in the order of the template's placeholders.
    fn path_params(&self) -> PathParams<'_> {
        PathParams::none()
    }

    /// Writes query parameters (pagination), checking them.
    fn write_query(&self, _query: &mut QueryWriter<'_>) -> Result<(), BuildError> {
        Ok(())
    }

    /// The `X-Filter` header, for list operations given a filter; an error when the filter
    /// is beyond what a server reads (see [`Filter::to_header_value`](crate::filter::Filter::to_header_value)).
    fn x_filter(&self) -> Result<Option<HeaderValue>, BuildError> {
        Ok(None)
    }

    /// The request body, serialized (JSON, or PNG bytes as [`Metadata::request_body`] says).
    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        Ok(None)
    }

    /// Builds the HTTP request for this operation. Never panics; fails only on invalid input
    /// (an empty path parameter, a page size out of range, a filter nested too deeply, a body
    /// that cannot serialize).
    fn to_http_request(&self, config: &RequestConfig) -> Result<http::Request<Bytes>, Error> {
        build(self, config, None).map_err(|source| Error::Build {
            operation: Self::META.name,
            source,
        })
    }

    /// [`Operation::to_http_request`] sent with `authorization` (a sensitive
    /// `Bearer ...` value) instead of the configuration's token: for clients whose token
    /// comes from a provider (rotated, refreshed, a child account's proxy token).
    fn to_http_request_as(
        &self,
        config: &RequestConfig,
        authorization: &HeaderValue,
    ) -> Result<http::Request<Bytes>, Error> {
        build(self, config, Some(authorization)).map_err(|source| Error::Build {
            operation: Self::META.name,
            source,
        })
    }

    /// Parses the HTTP response to this operation: the typed output on 2xx (including a 299
    /// with warnings), an [`ApiError`] otherwise, a [`DecodeError`] when a success body does
    /// not fit the model. Never panics, on any input.
    fn from_http_response(
        response: http::Response<Bytes>,
    ) -> Result<ApiResponse<Self::Output>, Error> {
        parse::<Self::Output>(&Self::META, response)
    }
}

/// A list operation: its output is a [`linode_models::Page`], and it can be asked for any page.
pub trait ListOperation: Operation + Clone {
    /// The pagination the operation will send.
    fn pagination(&self) -> Pagination;

    /// Changes the page to fetch (the pagination streams walk pages with it).
    fn set_page(&mut self, page: u32);
}

/// Serializes `value` as a JSON request body.
pub fn json_body<T: Serialize + ?Sized>(value: &T) -> Result<Option<Bytes>, BuildError> {
    serde_json::to_vec(value)
        .map(|v| Some(Bytes::from(v)))
        .map_err(BuildError::Body)
}

fn build<O: Operation + ?Sized>(
    op: &O,
    config: &RequestConfig,
    authorization: Option<&HeaderValue>,
) -> Result<http::Request<Bytes>, BuildError> {
    let meta = &O::META;
    let base = config.base_url();
    let version = config.api_version().as_str();
    let mut url = String::with_capacity(base.len() + version.len() + meta.path.len() + 40);
    url.push_str(base);
    url.push('/');
    url.push_str(version);
    expand(&mut url, meta.path, op.path_params())?;
    op.write_query(&mut QueryWriter::new(&mut url))?;

    if url.len() > MAX_URI_BYTES {
        return Err(BuildError::UriTooLong {
            length: url.len(),
            max: MAX_URI_BYTES,
        });
    }
    let uri = http::Uri::try_from(url).map_err(|_| BuildError::Template {
        template: meta.path,
    })?;
    let body = op.body()?;

    let mut headers = HeaderMap::with_capacity(6);
    if meta.authenticated {
        let auth = authorization
            .or(config.authorization())
            .ok_or(BuildError::MissingToken)?;
        headers.insert(AUTHORIZATION, auth.clone());
    }
    headers.insert(USER_AGENT, config.user_agent().clone());
    headers.insert(
        ACCEPT,
        match meta.response_body {
            ResponseBodyKind::Png => PNG,
            _ => JSON,
        },
    );
    if body.is_some() {
        match meta.request_body {
            RequestBodyKind::Png => headers.insert(CONTENT_TYPE, PNG),
            _ => headers.insert(CONTENT_TYPE, JSON),
        };
    }
    if let Some(filter) = op.x_filter()? {
        headers.insert("x-filter", filter);
    }

    let mut request = http::Request::new(body.unwrap_or_default());
    *request.method_mut() = meta.method.to_http();
    *request.uri_mut() = uri;
    *request.headers_mut() = headers;
    Ok(request)
}

/// Parses a response for an operation with metadata `meta`. Public so that code routing
/// responses by [`Metadata`] (the registry, custom clients) shares the exact same rules.
pub fn parse<T: FromResponse>(
    meta: &Metadata,
    response: http::Response<Bytes>,
) -> Result<ApiResponse<T>, Error> {
    let (parts, body) = response.into_parts();
    let status = parts.status;
    if !status.is_success() {
        return Err(Error::Api(Box::new(api_error(
            meta,
            status,
            parts.headers,
            &body,
        ))));
    }
    // On 202 and 299 the API puts a `warnings` array beside the value's members: it belongs
    // to the envelope (`ApiResponse::warnings`), not to the value (whose `extra` would keep
    // it), so the value is read from the body without it. Only those statuses pay for this.
    let stripped;
    let value_body = match matches!(status.as_u16(), 202 | 299)
        .then(|| serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&body))
    {
        Some(Ok(mut members)) if members.contains_key("warnings") => {
            members.remove("warnings");
            stripped = serde_json::to_vec(&members)
                .map(Bytes::from)
                .unwrap_or_default();
            &stripped
        }
        _ => &body,
    };
    let value = T::from_response(status, &parts.headers, value_body).map_err(|failure| {
        // serde may quote the offending value: not when the member holds a secret.
        let message = if redact::is_secret_name(&failure.path) {
            hide_quoted(&failure.message)
        } else {
            redact::scrub(&failure.message, None)
        };
        Error::Decode(Box::new(DecodeError {
            operation: meta.name,
            status,
            path: failure.path,
            message,
            body_excerpt: excerpt(&body),
        }))
    })?;
    // 299 (deprecated operations) and 202 (payments accepted for processing) may carry a
    // `warnings` array beside the value. Only those statuses pay for the second look; a body
    // without a readable array still succeeds, with no warnings.
    let warnings = if matches!(status.as_u16(), 202 | 299) {
        serde_json::from_slice::<WarningsBody>(&body)
            .map(|w| w.warnings)
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    Ok(ApiResponse {
        value,
        status,
        headers: parts.headers,
        warnings,
    })
}

fn api_error(
    meta: &Metadata,
    status: StatusCode,
    mut headers: HeaderMap,
    body: &Bytes,
) -> ApiError {
    let mut parsed = serde_json::from_slice::<ErrorBody>(body)
        .ok()
        .filter(|b| !b.errors.is_empty());
    // Reasons and headers can echo the request (a proxy's page, a `Location` with a token).
    if let Some(b) = &mut parsed {
        for e in &mut b.errors {
            redact::scrub_in_place(&mut e.reason, None);
        }
    }
    redact::scrub_headers(&mut headers, None);
    let (errors, body_excerpt) = match parsed {
        Some(b) => (b.errors, None),
        None if body.is_empty() => (Vec::new(), None),
        None => (Vec::new(), Some(excerpt(body))),
    };
    ApiError {
        operation: meta.name,
        required_scopes: meta.scopes,
        status,
        errors,
        body_excerpt,
        headers,
        idempotency: Idempotency::of(meta),
    }
}

/// Why a success body did not decode: where, and what serde said.
#[derive(Debug, Clone)]
pub struct DecodeFailure {
    /// The serde path of the mismatch (`.` for the top level).
    pub path: String,
    /// serde's message.
    pub message: String,
}

/// A type a successful response body decodes into.
///
/// Every `serde` type decodes from JSON (an empty body reads as `null`, so `Option<T>` and
/// [`linode_models::Empty`] accept a `204`); [`PngImage`] takes the raw bytes.
pub trait FromResponse: Sized {
    /// Decodes the body of a successful response.
    fn from_response(
        status: StatusCode,
        headers: &HeaderMap,
        body: &Bytes,
    ) -> Result<Self, DecodeFailure>;
}

impl<T: DeserializeOwned> FromResponse for T {
    fn from_response(
        _status: StatusCode,
        _headers: &HeaderMap,
        body: &Bytes,
    ) -> Result<Self, DecodeFailure> {
        let json: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            body
        };
        // The fast path is plain serde_json; only a failure pays for the path tracking.
        // UTF-8 is checked once for the whole body, so serde_json reads it as `str` and skips
        // its check of every string and key (a sixth of a 100-event page's decode); a body
        // that is not UTF-8 goes to `from_slice`, which says where.
        let fast = match core::str::from_utf8(json) {
            Ok(text) => serde_json::from_str(text),
            Err(_) => serde_json::from_slice(json),
        };
        fast.map_err(|_| {
            let mut de = serde_json::Deserializer::from_slice(json);
            match serde_path_to_error::deserialize::<_, T>(&mut de) {
                Err(e) => DecodeFailure {
                    path: e.path().to_string(),
                    message: e.into_inner().to_string(),
                },
                // Unreachable in practice (the same input failed above); stay total.
                Ok(_) => DecodeFailure {
                    path: ".".to_owned(),
                    message: "the body did not decode".to_owned(),
                },
            }
        })
    }
}

/// A PNG image (an OAuth client's thumbnail).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PngImage {
    /// The image file's bytes.
    pub bytes: Bytes,
}

impl PngImage {
    /// The eight bytes every PNG file starts with.
    pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

    /// Whether the bytes start with the PNG signature.
    pub fn has_png_signature(&self) -> bool {
        self.bytes.starts_with(&Self::SIGNATURE)
    }
}

impl FromResponse for PngImage {
    fn from_response(
        _status: StatusCode,
        headers: &HeaderMap,
        body: &Bytes,
    ) -> Result<Self, DecodeFailure> {
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let image = PngImage {
            bytes: body.clone(),
        };
        if content_type.starts_with("image/png") || image.has_png_signature() {
            Ok(image)
        } else {
            Err(DecodeFailure {
                path: ".".to_owned(),
                message: format!(
                    "expected a PNG image, got Content-Type {content_type:?} and no PNG signature"
                ),
            })
        }
    }
}
