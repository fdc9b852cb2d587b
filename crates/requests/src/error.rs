//! Errors, with the phases kept apart: building the request, moving it (transport), the API
//! refusing it, and decoding the answer.
//!
//! Every `Display` says what happened and what to do next. None ever contains the token: the
//! token lives in a sensitive header that no error copies, and body excerpts have the values
//! of secret-looking fields (`token`, `secret`, `password`, card data...) replaced.

use core::fmt;
use std::time::Duration;

use http::{HeaderMap, StatusCode};
use linode_models::FieldError;

use crate::meta::Scope;
use crate::redact;
use crate::response::ResponseMeta;

/// Anything that can go wrong sending one operation.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be built: nothing was sent.
    ///
    /// `Display` includes the [`BuildError`]'s message, so the error chain (`source()`) goes
    /// on with what *it* wraps: each thing is said once.
    Build {
        /// The operation, e.g. `profile::GetSshKey`.
        operation: &'static str,
        /// What was wrong with the input.
        source: BuildError,
    },
    /// The request could not be moved to the API or the answer could not be read.
    ///
    /// `Display` includes the [`TransportError`]'s message, so the error chain (`source()`)
    /// goes on with its cause.
    Transport {
        /// The operation.
        operation: &'static str,
        /// What the transport reported.
        source: TransportError,
    },
    /// The API answered with an error status.
    Api(Box<ApiError>),
    /// The API answered with success, but the body did not match the model.
    Decode(Box<DecodeError>),
    /// A page walk (`pages()`/`items()` of a client) stopped before its end: the server's
    /// pages did not add up (a page repeated, an empty page before the last, a list that
    /// kept growing), or the walk reached its page cap or its deadline. Pages yielded before
    /// this error were answered properly.
    ///
    /// `Display` includes the [`WalkError`]'s message; there is no further cause.
    Walk {
        /// The list operation being walked.
        operation: &'static str,
        /// What the server did, or which bound was reached.
        source: WalkError,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Build { operation, source } => {
                write!(f, "could not build the request for {operation}: {source}")
            }
            Error::Transport { operation, source } => {
                write!(f, "{operation} failed in transport: {source}")
            }
            Error::Api(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
            Error::Walk { operation, source } => {
                write!(f, "the page walk of {operation} stopped: {source}")
            }
        }
    }
}

impl std::error::Error for Error {
    /// The cause *below* what `Display` already said: each message appears once in a chain.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Build { source, .. } => source.source(),
            Error::Transport { source, .. } => source.source(),
            Error::Api(_) | Error::Decode(_) | Error::Walk { .. } => None,
        }
    }
}

impl Error {
    /// The API error, if the API refused the request.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The same error with every occurrence of `secret` (the token, or any other value the
    /// caller knows is secret) replaced, in every text it carries: messages, body excerpts,
    /// the API's reasons, response headers, transport causes. The clients do this with the
    /// configured token before returning any error; call it when parsing responses yourself.
    #[must_use]
    pub fn redact_secret(self, secret: &str) -> Self {
        let secret = Some(secret).filter(|s| !s.is_empty());
        match self {
            Error::Build { operation, source } => Error::Build {
                operation,
                source: source.redact(secret),
            },
            Error::Transport {
                operation,
                mut source,
            } => {
                source.redact(secret);
                Error::Transport { operation, source }
            }
            Error::Api(mut e) => {
                e.redact(secret);
                Error::Api(e)
            }
            Error::Decode(mut e) => {
                e.redact(secret);
                Error::Decode(e)
            }
            // Numbers and durations only: nothing to scrub.
            walk @ Error::Walk { .. } => walk,
        }
    }

    /// Why a page walk stopped early, if it did.
    pub fn as_walk(&self) -> Option<&WalkError> {
        match self {
            Error::Walk { source, .. } => Some(source),
            _ => None,
        }
    }

    /// The HTTP status of the response, if one was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }
}

/// Why a page walk stopped before its end ([`Error::Walk`]).
///
/// A walk follows the `page` and `pages` the server sends, so it checks them: each answer
/// must be the page asked for, no page but the last may be empty, the number of pages may
/// shrink (the walk then ends sooner) but not grow, and a walk fetches at most a set number
/// of pages within an optional deadline. Whatever the server sends, a walk issues a bounded
/// number of requests.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WalkError {
    /// The server answered another page than the one asked for (a proxy or cache ignoring
    /// the query, or a server that does not page): following it would repeat or skip items.
    #[error("page {requested} was asked for but the server answered page {answered}, so items would be repeated or skipped; check that nothing between you and the API (a proxy, a cache, a base URL override) drops the query string")]
    PageMismatch {
        /// The page asked for.
        requested: u32,
        /// The page the server said it answered.
        answered: u32,
    },
    /// A page held items but the same answer said there are fewer pages than its number.
    #[error("page {page} holds items, but the same answer says there are only {pages} pages; the server's paging is inconsistent, so the walk cannot tell where the list ends: retry the walk later")]
    BeyondLast {
        /// The page.
        page: u32,
        /// The number of pages the answer announced.
        pages: u32,
    },
    /// An answer announced more pages than the walk's first answer did: the list grew
    /// while being walked, or the server keeps inventing pages.
    #[error("page {page} announces {pages} pages, but the walk began with {announced}: the list grew while being walked (or the server keeps adding pages); walk it again, or narrow it with a filter on a field that does not change")]
    PagesGrew {
        /// The page whose answer grew the list.
        page: u32,
        /// The number of pages the first answer announced.
        announced: u32,
        /// The number of pages this answer announced.
        pages: u32,
    },
    /// A page before the last was empty: the server announces pages it does not have.
    #[error("page {page} of {pages} is empty although later pages are announced; the server announces pages it does not have, so the walk stopped instead of asking for them: retry later, or report it if it persists")]
    EmptyPage {
        /// The empty page.
        page: u32,
        /// The number of pages announced.
        pages: u32,
    },
    /// The walk fetched its cap of pages and more are announced.
    #[error("the walk fetched its limit of {limit} pages and the server announces {pages}; if the list really is this long, raise the limit (`max_pages` on the walk, or `ClientConfig::with_max_walk_pages`), or narrow the list with a filter or a larger page_size")]
    TooManyPages {
        /// The cap.
        limit: u32,
        /// The number of pages announced.
        pages: u32,
    },
    /// The walk's deadline passed before its last page.
    #[error("the walk did not finish within its deadline of {deadline:?} ({fetched} pages fetched); raise it (`within` on the walk, or `ClientConfig::with_walk_deadline`), or ask for fewer pages (a filter, a larger page_size)")]
    DeadlineExceeded {
        /// The deadline for the whole walk.
        deadline: Duration,
        /// How many pages had been fetched.
        fetched: u32,
    },
}

/// Why a request could not be built. Nothing was sent.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A path parameter was empty: it would have addressed another endpoint.
    #[error("the path parameter `{name}` is empty; give the id or name of the object to address")]
    EmptyPathParam {
        /// The parameter's name in the path template.
        name: &'static str,
    },
    /// `page` was 0.
    #[error("page 0 does not exist; pages are numbered from 1")]
    InvalidPage,
    /// `page_size` was outside 25..=500.
    #[error("page_size {page_size} is out of range; the API accepts 25 to 500")]
    InvalidPageSize {
        /// The value given.
        page_size: u32,
    },
    /// The request body could not be serialized. (serde's message is part of `Display`, so
    /// it is not also the error's `source()`.)
    #[error("the request body could not be serialized to JSON: {0}; check the values you set")]
    Body(serde_json::Error),
    /// The base URL is not usable.
    #[error("the base URL {url:?} is not usable: {reason}")]
    InvalidBaseUrl {
        /// The URL given (never contains the token).
        url: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A header value (the token, a User-Agent prefix) has characters HTTP forbids.
    #[error("the {header} value has characters HTTP headers cannot carry (control characters or line breaks); check it for a trailing newline")]
    InvalidHeaderValue {
        /// Which header.
        header: &'static str,
    },
    /// A token or User-Agent prefix has a character that is not visible ASCII (a letter
    /// with an accent, a space inside a token, a control character). Refused when
    /// configuring, not when sending.
    #[error("the {header} must be visible ASCII (letters, digits, punctuation{}), but character {position} is not; check what was copied into it", if *header == "User-Agent prefix" { ", spaces" } else { "" })]
    NotVisibleAscii {
        /// Which value.
        header: &'static str,
        /// The 1-based position of the first offending character (the character itself is
        /// not shown: it may be part of a secret).
        position: usize,
    },
    /// The operation needs a token and the configuration has none.
    #[error("this operation needs an API token; set LINODE_TOKEN or configure one")]
    MissingToken,
    /// The URI would be longer than HTTP allows here: a path parameter (or the base URL) is
    /// far too long to address anything.
    #[error("the request URI would be {length} bytes long, more than the {max} allowed; a path parameter this long (after percent-encoding) cannot name anything: check the values you passed")]
    UriTooLong {
        /// The length the URI would have had, in bytes.
        length: usize,
        /// The longest URI that can be sent.
        max: usize,
    },
    /// The path template and the parameters disagree: a bug in this SDK.
    #[error("the path template {template:?} does not match its parameters; please report this bug in linode-requests")]
    Template {
        /// The template.
        template: &'static str,
    },
}

impl BuildError {
    fn redact(self, secret: Option<&str>) -> Self {
        match self {
            BuildError::InvalidBaseUrl { mut url, reason } => {
                redact::scrub_in_place(&mut url, secret);
                BuildError::InvalidBaseUrl { url, reason }
            }
            other => other,
        }
    }
}

/// What kind of transport failure happened, which decides whether a retry is safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made (DNS, refused, TLS handshake), or the server said
    /// it did not process the request (HTTP/2 `REFUSED_STREAM`, or a `GOAWAY` that left the
    /// request out): retrying is always safe.
    Connect,
    /// No answer in time. The request may have reached the server.
    Timeout,
    /// The connection broke while sending or receiving. The request may have reached the
    /// server.
    Io,
    /// The response body was larger than the configured maximum. The request reached the
    /// server; not retried (the same request gets the same body).
    BodyTooLarge,
    /// The answer was not HTTP the client can read: a malformed response head, or one over
    /// the size limit. The request reached the server; not retried (the same server would
    /// answer the same way).
    Protocol,
    /// The server answered with a redirect, which the SDK does not follow (it would send
    /// the token to another place).
    Redirect,
    /// Anything else the transport reports.
    Other,
}

/// A failure below HTTP: connecting, sending, receiving.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl TransportError {
    /// A transport error of `kind`, with a message for people. Secret-looking values in the
    /// message (`token=...`, `Bearer ...`: a redirect's `Location`) are replaced.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        let mut message = message.into();
        redact::scrub_in_place(&mut message, None);
        Self {
            kind,
            message,
            source: None,
        }
    }

    /// Replaces `secret` in the message and the causes (a cause whose text carried it is
    /// replaced by its scrubbed text).
    fn redact(&mut self, secret: Option<&str>) {
        redact::scrub_in_place(&mut self.message, secret);
        if let Some(source) = &self.source {
            let mut chain = String::new();
            let mut next: Option<&(dyn std::error::Error + 'static)> = Some(source.as_ref());
            while let Some(e) = next {
                if !chain.is_empty() {
                    chain.push_str(": ");
                }
                chain.push_str(&e.to_string());
                next = e.source();
            }
            let debug = format!("{source:?}");
            let scrubbed = redact::scrub(&chain, secret);
            if scrubbed != chain || redact::scrub(&debug, secret) != debug {
                self.source = Some(Box::new(RedactedCause(scrubbed)));
            }
        }
    }

    /// Attaches the underlying error.
    #[must_use]
    pub fn with_source(
        mut self,
        source: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Self {
        self.source = Some(source.into());
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether the request can have reached the server. Only a failure that says "no" may
    /// be retried for an operation that is not idempotent.
    pub fn may_have_reached_server(&self) -> bool {
        !matches!(self.kind, TransportErrorKind::Connect)
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let advice = match self.kind {
            TransportErrorKind::Connect => {
                "the request was not sent; check the network, the base URL and any proxy"
            }
            TransportErrorKind::Timeout => {
                "the request may or may not have been applied; check before repeating a change"
            }
            TransportErrorKind::Io => {
                "the connection broke; the request may or may not have been applied"
            }
            TransportErrorKind::BodyTooLarge => {
                "raise the maximum response size if this response is expected"
            }
            TransportErrorKind::Protocol => {
                "the server's answer was not usable HTTP; check the base URL and any proxy (the request may have been applied)"
            }
            TransportErrorKind::Redirect => {
                "redirects are not followed; check the base URL (it should be https://api.linode.com)"
            }
            TransportErrorKind::Other => "see the underlying error",
        };
        write!(f, "{} ({advice})", self.message)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A transport cause whose text carried a secret, kept as its scrubbed text.
#[derive(Debug)]
struct RedactedCause(String);

impl fmt::Display for RedactedCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RedactedCause {}

/// The API refused the request: status 4xx or 5xx.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The operation, e.g. `account::CreateUser`.
    pub operation: &'static str,
    /// The scopes the operation needs (to explain a 403).
    pub required_scopes: &'static [Scope],
    /// The HTTP status.
    pub status: StatusCode,
    /// The API's `errors` array (empty when the body was not the API's JSON).
    pub errors: Vec<FieldError>,
    /// The start of the body when it was not the API's JSON (an HTML page from a proxy).
    pub body_excerpt: Option<String>,
    /// The response headers (rate limits, `Retry-After`, maintenance mode).
    pub headers: HeaderMap,
}

impl ApiError {
    /// Rate-limit and other metadata of the response.
    pub fn meta(&self) -> ResponseMeta<'_> {
        ResponseMeta::new(&self.headers)
    }

    /// How long the API asked to wait before trying again (`Retry-After`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.meta().retry_after()
    }

    /// Whether the API says it is down for maintenance (`X-Maintenance-Mode`).
    pub fn is_maintenance(&self) -> bool {
        self.headers.contains_key("x-maintenance-mode")
    }

    /// Whether an error names `field` (dotted path, as the API gives it).
    pub fn has_field_error(&self, field: &str) -> bool {
        self.errors
            .iter()
            .any(|e| e.field.as_deref() == Some(field))
    }

    fn redact(&mut self, secret: Option<&str>) {
        for e in &mut self.errors {
            if let Some(field) = &mut e.field {
                redact::scrub_in_place(field, secret);
            }
            redact::scrub_in_place(&mut e.reason, secret);
        }
        if let Some(excerpt) = &mut self.body_excerpt {
            redact::scrub_in_place(excerpt, secret);
        }
        redact::scrub_headers(&mut self.headers, secret);
    }

    fn advice(&self) -> String {
        match self.status.as_u16() {
            400 => "fix the request as the reasons above say, then send it again".to_owned(),
            401 => "the token is missing, wrong, expired or revoked: check LINODE_TOKEN or the token you configured".to_owned(),
            403 => {
                let scopes: Vec<&str> = self.required_scopes.iter().map(|s| s.as_str()).collect();
                let token = self.meta().token_scopes();
                let token_allows = token.as_ref().is_some_and(|t| {
                    scopes.is_empty() || self.required_scopes.iter().any(|s| s.is_allowed_by(t))
                });
                if scopes.is_empty() || token_allows {
                    "the token's scopes allow this, so the user lacks a grant for this object; ask an unrestricted user for access".to_owned()
                } else {
                    let has = match token {
                        Some(t) if t.is_empty() => " (the token has no scopes)".to_owned(),
                        Some(t) => format!(" (the token has `{t}`)"),
                        None => String::new(),
                    };
                    format!(
                        "the token needs the scope {}{has} (and the user the matching grant); create a token with it",
                        scopes.join(" or ")
                    )
                }
            }
            404 => "nothing exists at this address for this user; check the id or name".to_owned(),
            409 => "the object is not in a state that allows this; check its current state first".to_owned(),
            429 => match self.retry_after() {
                Some(wait) => format!(
                    "rate limited: wait {}s before sending again (the clients do this themselves for reads and other operations safe to repeat, never for payments or other changes)",
                    wait.as_secs()
                ),
                None => "rate limited: slow down and retry later".to_owned(),
            },
            503 if self.is_maintenance() => {
                "the API is down for maintenance; retry after it ends (see status.linode.com)".to_owned()
            }
            500..=599 => "Linode had a problem answering; retry later, and check status.linode.com if it persists".to_owned(),
            _ => "see the reasons above".to_owned(),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the Linode API refused {} with {}",
            self.operation, self.status
        )?;
        if !self.errors.is_empty() {
            f.write_str(": ")?;
            for (i, e) in self.errors.iter().enumerate() {
                if i > 0 {
                    f.write_str("; ")?;
                }
                match &e.field {
                    Some(field) => write!(f, "{field}: {}", e.reason)?,
                    None => f.write_str(&e.reason)?,
                }
            }
        } else if let Some(excerpt) = &self.body_excerpt {
            write!(f, " (body: {excerpt:?})")?;
        }
        // Reasons usually end with a full stop; add one only where missing.
        let ended = self
            .errors
            .last()
            .is_some_and(|e| e.reason.trim_end().ends_with(['.', '!', '?']));
        let stop = if ended && self.body_excerpt.is_none() {
            ""
        } else {
            "."
        };
        write!(f, "{stop} What to do: {}", self.advice())
    }
}

impl std::error::Error for ApiError {}

/// The API answered with success, but the body did not fit the model.
///
/// This is a bug in this SDK or an API change: the message says where in the body the
/// mismatch is, so it can be reported.
#[derive(Debug, Clone)]
pub struct DecodeError {
    /// The operation, e.g. `profile::GetProfile`.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// Where in the body the mismatch is, as a serde path (`data[3].created`); `.` for the
    /// top level.
    pub path: String,
    /// What serde reported.
    pub message: String,
    /// The start of the body, with secret-looking values redacted.
    pub body_excerpt: String,
}

impl DecodeError {
    fn redact(&mut self, secret: Option<&str>) {
        redact::scrub_in_place(&mut self.path, secret);
        redact::scrub_in_place(&mut self.message, secret);
        redact::scrub_in_place(&mut self.body_excerpt, secret);
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the response to {} ({}) does not match the SDK's model at `{}`: {}. Body starts: {:?}. \
             This is an SDK bug or an API change; please report it with this message (the request may have succeeded)",
            self.operation, self.status, self.path, self.message, self.body_excerpt
        )
    }
}

impl std::error::Error for DecodeError {}

/// How much of a body an error keeps.
pub(crate) const EXCERPT_BYTES: usize = 512;

fn redact_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if redact::is_secret_name(key) && !v.is_null() {
                    *v = serde_json::Value::String(redact::REDACTED.to_owned());
                } else {
                    redact_json(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

/// The first [`EXCERPT_BYTES`] of a body, fit for an error message: secrets redacted (by
/// member name when the body is JSON; by pattern whatever its shape), invalid UTF-8
/// replaced, cut on a character boundary. The configured token is replaced later, by the
/// client ([`Error::redact_secret`]).
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(mut value) => {
            redact_json(&mut value);
            value.to_string()
        }
        // Only the start is shown: cut before scrubbing, so a large body costs nothing more.
        // A secret's name just before the cut still has its value (to the cut) replaced.
        Err(_) => String::from_utf8_lossy(&body[..body.len().min(EXCERPT_BYTES * 2)]).into_owned(),
    };
    let text = redact::scrub_patterns(&text);
    if text.len() <= EXCERPT_BYTES {
        return text.into_owned();
    }
    let mut end = EXCERPT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{}", &text[..end], redact::ELLIPSIS)
}

/// serde's message about a member whose name says it holds a secret, without the quoted
/// value it may repeat (`invalid type: string "...", expected u64`).
pub(crate) fn hide_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quote: Option<char> = None;
    for c in message.chars() {
        match quote {
            Some(q) if c == q => {
                out.push_str(redact::REDACTED);
                out.push(c);
                quote = None;
            }
            Some(_) => {}
            None => {
                out.push(c);
                if c == '"' || c == '`' {
                    quote = Some(c);
                }
            }
        }
    }
    if quote.is_some() {
        out.push_str(redact::REDACTED);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_redact_secrets_and_stay_bounded() {
        let body =
            br#"{"id": 1, "token": "abcdef", "nested": [{"client_secret": "s3"}], "label": "x"}"#;
        let e = excerpt(body);
        assert!(!e.contains("abcdef") && !e.contains("s3"), "{e}");
        assert!(e.contains("[redacted]") && e.contains("\"label\":\"x\""));
        let long = vec![b'a'; 10_000];
        assert!(excerpt(&long).len() <= EXCERPT_BYTES + 3);
        let unicode = "é".repeat(1000);
        assert!(excerpt(unicode.as_bytes()).ends_with("..."));
    }

    #[test]
    fn api_error_display_says_what_to_do() {
        let err = ApiError {
            operation: "profile::CreateToken",
            required_scopes: &[Scope::AccountReadWrite],
            status: StatusCode::FORBIDDEN,
            errors: vec![FieldError {
                field: None,
                reason: "Your OAuth token is not authorized to use this endpoint.".into(),
            }],
            body_excerpt: None,
            headers: HeaderMap::new(),
        };
        let text = err.to_string();
        assert!(text.contains("403"), "{text}");
        assert!(text.contains("account:read_write"), "{text}");
        assert!(text.contains("not authorized"), "{text}");
        // With the token's scopes known, the advice says what it has.
        let mut with_scopes = err.clone();
        with_scopes.headers.insert(
            "x-oauth-scopes",
            http::HeaderValue::from_static("events:read_only"),
        );
        let text = with_scopes.to_string();
        assert!(text.contains("the token has `events:read_only`"), "{text}");
        // A token whose scopes allow the operation: the grant is what is missing.
        with_scopes
            .headers
            .insert("x-oauth-scopes", http::HeaderValue::from_static("*"));
        let text = with_scopes.to_string();
        assert!(text.contains("lacks a grant"), "{text}");
    }
}
