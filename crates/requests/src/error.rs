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

use crate::meta::{Metadata, Scope};
use crate::redact;
use crate::response::ResponseMeta;

/// Anything that can go wrong sending one operation.
///
/// A program matches on [`Error::kind`] (or the `is_*` shortcuts) rather than on the
/// variants, and asks [`Error::may_have_been_applied`] before repeating a change:
///
/// ```
/// use linode_requests::{Applied, Error, ErrorKind};
/// fn what_next(error: &Error) -> &'static str {
///     match error.kind() {
///         ErrorKind::NotFound => "create it",
///         ErrorKind::RateLimited => "wait error.retry_after(), then send it again",
///         _ if error.may_have_been_applied() != Applied::No => "check before repeating it",
///         _ if error.is_retryable() => "send it again later",
///         _ => "show the error: its message says what to do",
///     }
/// }
/// ```
///
/// `Debug` is short (the operation, the kind, the status, the API's reasons: no header dump),
/// which is what `main() -> Result<(), Box<dyn std::error::Error>>` prints; `Display` adds
/// what to do next. Neither ever contains the token or another secret.
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
        /// Whether the operation is safe to repeat, for the advice (a payment whose
        /// connection dropped may have gone through).
        idempotency: Idempotency,
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
            Error::Transport {
                operation,
                source,
                idempotency,
            } => {
                write!(f, "{operation} failed in transport: {source}")?;
                if source.may_have_reached_server() && !idempotency.idempotent {
                    write!(
                        f,
                        ". {operation} is not idempotent: {}",
                        idempotency.if_unsure()
                    )?;
                }
                Ok(())
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
                idempotency,
            } => {
                source.redact(secret);
                Error::Transport {
                    operation,
                    source,
                    idempotency,
                }
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

    /// The operation that failed, e.g. `account::CreatePayment`.
    pub fn operation(&self) -> &'static str {
        match self {
            Error::Build { operation, .. } | Error::Transport { operation, .. } => operation,
            Error::Api(e) => e.operation,
            Error::Decode(e) => e.operation,
            Error::Walk { operation, .. } => operation,
        }
    }

    /// What kind of failure this is: the value to match on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Build { source, .. } => match source {
                BuildError::InvalidBaseUrl { .. }
                | BuildError::InvalidHeaderValue { .. }
                | BuildError::NotVisibleAscii { .. }
                | BuildError::MissingToken => ErrorKind::Config,
                _ => ErrorKind::Build,
            },
            Error::Transport { source, .. } => match source.kind() {
                TransportErrorKind::Timeout => ErrorKind::Timeout,
                TransportErrorKind::Connect
                | TransportErrorKind::Io
                | TransportErrorKind::Other => ErrorKind::Network,
                TransportErrorKind::Protocol | TransportErrorKind::Redirect => ErrorKind::Protocol,
                TransportErrorKind::BodyTooLarge => ErrorKind::ResponseTooLarge,
            },
            Error::Api(e) => e.kind(),
            Error::Decode(_) => ErrorKind::Decode,
            Error::Walk { .. } => ErrorKind::Walk,
        }
    }

    /// Whether the request may have been applied by the API: what decides whether a change
    /// can be sent again without checking first.
    ///
    /// - [`Applied::No`]: nothing was sent (a build error, a failed connection), or the API
    ///   refused it (`4xx`).
    /// - [`Applied::Maybe`]: the request may have reached the API and no answer says how it
    ///   ended: a `5xx`, a timeout, a connection that broke after the request was written, an
    ///   answer that was not readable HTTP.
    /// - [`Applied::Yes`]: the API answered with success (a [`Error::Decode`]: only the body
    ///   did not fit the model).
    pub fn may_have_been_applied(&self) -> Applied {
        match self {
            // A walk only reads; the walk error itself comes after answers, not a request.
            Error::Build { .. } | Error::Walk { .. } => Applied::No,
            Error::Transport { source, .. } => {
                if source.may_have_reached_server() {
                    Applied::Maybe
                } else {
                    Applied::No
                }
            }
            Error::Api(e) => e.may_have_been_applied(),
            Error::Decode(_) => Applied::Yes,
        }
    }

    /// Whether the operation is safe to repeat (its metadata says so). `None` for a build
    /// or decode error, which do not carry it.
    pub fn is_idempotent(&self) -> Option<bool> {
        match self {
            Error::Transport { idempotency, .. } => Some(idempotency.idempotent),
            Error::Api(e) => Some(e.idempotency.idempotent),
            Error::Build { .. } | Error::Decode(_) => None,
            // Lists are read-only.
            Error::Walk { .. } => Some(true),
        }
    }

    /// Whether sending the same request again, later, may succeed **and** is safe without
    /// checking first: a transient failure (`429`, maintenance, a `5xx` other than `501` and
    /// `505`, "Linode busy.", a network failure, a timeout) of an idempotent operation, or of
    /// any operation that was certainly not applied (a `429`, a failed connection).
    ///
    /// The clients already retried what their policy allows before returning the error; this
    /// is for a program's own, slower retry (a job queue, the next run).
    pub fn is_retryable(&self) -> bool {
        let transient = match self {
            // A walk error says the server's paging is wrong or a bound was reached: the
            // same walk would end the same way.
            Error::Build { .. } | Error::Decode(_) | Error::Walk { .. } => false,
            Error::Transport { source, .. } => matches!(
                source.kind(),
                TransportErrorKind::Connect
                    | TransportErrorKind::Io
                    | TransportErrorKind::Timeout
                    | TransportErrorKind::Other
            ),
            Error::Api(e) => match e.status.as_u16() {
                429 => true,
                501 | 505 => false,
                500..=599 => true,
                400 => e.is_linode_busy(),
                _ => false,
            },
        };
        transient
            && (self.may_have_been_applied() == Applied::No || self.is_idempotent() == Some(true))
    }

    /// How long the API asked to wait before trying again (`Retry-After`), if it answered.
    pub fn retry_after(&self) -> Option<Duration> {
        self.as_api().and_then(ApiError::retry_after)
    }

    /// The API's `{field, reason}` list (empty unless the API refused the request with one).
    pub fn field_errors(&self) -> &[FieldError] {
        self.as_api().map_or(&[], |e| e.errors.as_slice())
    }

    /// The API's reason for `field` (a dotted path as the API gives it, e.g. `"label"`), if
    /// it named that field.
    pub fn field_error(&self, field: &str) -> Option<&str> {
        self.field_errors()
            .iter()
            .find(|e| e.field.as_deref() == Some(field))
            .map(|e| e.reason.as_str())
    }

    /// `401`: the token is missing, wrong, expired or revoked.
    pub fn is_unauthorized(&self) -> bool {
        self.kind() == ErrorKind::Unauthorized
    }

    /// `403`: the token's scopes or the user's grants do not allow this.
    pub fn is_forbidden(&self) -> bool {
        self.kind() == ErrorKind::Forbidden
    }

    /// `404`: nothing exists at this address for this user.
    pub fn is_not_found(&self) -> bool {
        self.kind() == ErrorKind::NotFound
    }

    /// `400`/`422` naming what is wrong with the input ([`Error::field_errors`]).
    pub fn is_validation(&self) -> bool {
        self.kind() == ErrorKind::Validation
    }

    /// `429`: too many requests; see [`Error::retry_after`].
    pub fn is_rate_limited(&self) -> bool {
        self.kind() == ErrorKind::RateLimited
    }

    /// `503` with `X-Maintenance-Mode`: the API is down for maintenance.
    pub fn is_maintenance(&self) -> bool {
        self.kind() == ErrorKind::Maintenance
    }

    /// No answer in time (the request may have been applied).
    pub fn is_timeout(&self) -> bool {
        self.kind() == ErrorKind::Timeout
    }
}

impl fmt::Debug for Error {
    /// Short and readable (this is what `main` prints for an error it returns): the
    /// operation, the kind, whether it may have been applied, and the facts of the variant,
    /// without the response headers. `Display` has the advice.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Build { operation, source } => f
                .debug_struct("Build")
                .field("operation", operation)
                .field("kind", &self.kind())
                .field("source", source)
                .finish(),
            Error::Transport {
                operation,
                source,
                idempotency,
            } => {
                let mut d = f.debug_struct("Transport");
                d.field("operation", operation)
                    .field("kind", &source.kind())
                    .field("message", &source.message);
                if let Some(cause) = &source.source {
                    d.field("cause", &format_args!("{cause}"));
                }
                d.field("idempotent", &idempotency.idempotent)
                    .field("applied", &self.may_have_been_applied())
                    .finish()
            }
            Error::Api(e) => fmt::Debug::fmt(e, f),
            Error::Decode(e) => fmt::Debug::fmt(e, f),
            Error::Walk { operation, source } => f
                .debug_struct("Walk")
                .field("operation", operation)
                .field("kind", &self.kind())
                .field("source", source)
                .finish(),
        }
    }
}

/// What kind of failure an [`Error`] is, from [`Error::kind`]: what a program matches on.
///
/// Non-exhaustive: a later version may tell more kinds apart, so match with a `_` arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The configuration is not usable: no token for an authenticated operation, a token or
    /// User-Agent with characters HTTP forbids, a base URL that is not usable. Nothing was
    /// sent.
    Config,
    /// The request could not be built from the input given (an empty path parameter, a page
    /// size out of range, a body that does not serialize). Nothing was sent.
    Build,
    /// The connection could not be made, or broke (see [`Error::may_have_been_applied`]).
    Network,
    /// No answer in time.
    Timeout,
    /// The answer was not usable HTTP, or a redirect (never followed).
    Protocol,
    /// The answer was larger than the configured maximum.
    ResponseTooLarge,
    /// `400` or `422`: the API refused the input; [`Error::field_errors`] says why.
    Validation,
    /// `401`: the token is missing, wrong, expired or revoked.
    Unauthorized,
    /// `403`: the token's scopes or the user's grants do not allow this.
    Forbidden,
    /// `404`: nothing exists at this address for this user.
    NotFound,
    /// `409`: the object is not in a state that allows this.
    Conflict,
    /// `429`: too many requests; see [`Error::retry_after`].
    RateLimited,
    /// `503` with `X-Maintenance-Mode`: the API is down for maintenance.
    Maintenance,
    /// Another `5xx`: the API had a problem answering.
    Server,
    /// Another `4xx` status the API refused the request with.
    OtherStatus,
    /// The API answered with success, but the body did not fit the model (an SDK bug or
    /// an API change). The request was applied.
    Decode,
    /// A page walk stopped before its end ([`Error::Walk`]): the server's paging did not
    /// add up, or the walk reached its page cap or deadline. Nothing was changed.
    Walk,
}

/// Whether a failed request may have been applied by the API: [`Error::may_have_been_applied`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Applied {
    /// Certainly not: nothing was sent, or the API refused it.
    No,
    /// Perhaps: the request may have reached the API and no answer says how it ended. Check
    /// the effect (e.g. list payments) before repeating a change.
    Maybe,
    /// Yes: the API said it succeeded.
    Yes,
}

/// What an error knows of its operation's idempotency: whether sending it twice is safe, and
/// what to check first when it is not. Taken from the operation's [`Metadata`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Idempotency {
    /// Whether sending the operation twice has the same effect as sending it once.
    pub idempotent: bool,
    /// What to check before sending it again when it may have been applied
    /// ([`Metadata::check_before_retry`]).
    pub check_before_retry: Option<&'static str>,
}

impl Idempotency {
    /// The advice for an operation that is not idempotent and may have been applied, when its
    /// metadata gives none of its own.
    pub const GENERIC_ADVICE: &'static str = "it may have been applied: check before retrying";

    /// What `meta` says.
    pub const fn of(meta: &Metadata) -> Self {
        Self {
            idempotent: meta.idempotent,
            check_before_retry: meta.check_before_retry,
        }
    }

    /// What to check before sending the operation again, when it may have been applied.
    pub fn if_unsure(&self) -> &'static str {
        self.check_before_retry.unwrap_or(Self::GENERIC_ADVICE)
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
    /// A value in the request body breaks a rule the API documents (a length, a format, an
    /// amount): refused before sending, so nothing was sent. The message names the member,
    /// says what is wrong and what the API accepts (never showing a secret's value).
    #[error("`{field}` {problem}")]
    InvalidValue {
        /// The body member, as the API names it (`label`, `usd`, `redirect_uri`...).
        field: &'static str,
        /// What is wrong and what to do, for people.
        problem: String,
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
    /// The `X-Filter` nests `+and`/`+or` deeper than
    /// [`MAX_FILTER_DEPTH`](crate::filter::MAX_FILTER_DEPTH) levels, which a server would
    /// not read.
    #[error("the X-Filter nests +and/+or more than {max} levels deep, more than a server reads; write it flatter (an `and` chain or a one-part +and/+or adds no level)")]
    FilterTooDeep {
        /// The deepest nesting that can be sent.
        max: usize,
    },
    /// The `X-Filter` has more than [`MAX_FILTER_NODES`](crate::filter::MAX_FILTER_NODES)
    /// conditions, which a server would not read.
    #[error("the X-Filter has more than {max} conditions, more than a server reads; split the query into several")]
    FilterTooLarge {
        /// The most conditions (`+and`/`+or` included) that can be sent.
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
#[derive(Clone)]
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
    /// Whether the operation is safe to repeat, for the advice after a `5xx`.
    pub idempotency: Idempotency,
}

impl fmt::Debug for ApiError {
    /// The facts without the header dump: the operation, status, reasons, and what the
    /// headers say that matters (`Retry-After`, maintenance).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Api");
        d.field("operation", &self.operation)
            .field("kind", &self.kind())
            .field("status", &self.status.as_u16())
            .field("errors", &self.errors);
        if let Some(excerpt) = &self.body_excerpt {
            d.field("body_excerpt", excerpt);
        }
        if let Some(wait) = self.retry_after() {
            d.field("retry_after", &wait);
        }
        if self.status.is_server_error() {
            d.field("idempotent", &self.idempotency.idempotent);
        }
        d.field("applied", &self.may_have_been_applied()).finish()
    }
}

impl ApiError {
    /// What kind of refusal this is (see [`Error::kind`]).
    pub fn kind(&self) -> ErrorKind {
        match self.status.as_u16() {
            400 | 422 => ErrorKind::Validation,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            429 => ErrorKind::RateLimited,
            503 if self.is_maintenance() => ErrorKind::Maintenance,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::OtherStatus,
        }
    }

    /// Whether the request may have been applied: no for a `4xx` (refused), maybe for a `5xx`
    /// (the API may have failed after applying it).
    pub fn may_have_been_applied(&self) -> Applied {
        if self.status.is_server_error() {
            Applied::Maybe
        } else {
            Applied::No
        }
    }

    /// Whether this is the API's `400` "Linode busy." (worth trying again shortly).
    pub fn is_linode_busy(&self) -> bool {
        self.status == StatusCode::BAD_REQUEST
            && self
                .errors
                .iter()
                .any(|e| e.reason.trim().eq_ignore_ascii_case("linode busy."))
    }

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
            429 => {
                let when = match self.retry_after() {
                    Some(wait) => format!("wait {}s before sending again", wait.as_secs()),
                    None => "slow down and send it again later".to_owned(),
                };
                if self.idempotency.idempotent {
                    format!("rate limited: {when} (the clients do this themselves for operations safe to repeat)")
                } else {
                    format!("rate limited, so it was not applied: {when} (the clients never re-send a payment or another change themselves)")
                }
            }
            500..=599 => {
                let what = if self.status == StatusCode::SERVICE_UNAVAILABLE && self.is_maintenance() {
                    "the API is down for maintenance (see status.linode.com)"
                } else {
                    "Linode had a problem answering"
                };
                if self.idempotency.idempotent {
                    format!("{what}; {} is safe to repeat: retry later, and check status.linode.com if it persists", self.operation)
                } else {
                    // Never "retry later": the API may have applied it before failing.
                    format!(
                        "{what}, and {} is not idempotent: {}",
                        self.operation,
                        self.idempotency.if_unsure()
                    )
                }
            }
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
#[derive(Clone)]
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

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decode")
            .field("operation", &self.operation)
            .field("status", &self.status.as_u16())
            .field("path", &self.path)
            .field("message", &self.message)
            .field("body_excerpt", &self.body_excerpt)
            .field("applied", &Applied::Yes)
            .finish()
    }
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
             This is an SDK bug or an API change; please report it with this message. The API reported success, so the request was applied: do not send a change again",
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
            idempotency: Idempotency {
                idempotent: false,
                check_before_retry: None,
            },
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

    fn refusal(status: u16, idempotency: Idempotency) -> Error {
        Error::Api(Box::new(ApiError {
            operation: "account::CreatePayment",
            required_scopes: &[],
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            errors: Vec::new(),
            body_excerpt: None,
            headers: HeaderMap::new(),
            idempotency,
        }))
    }

    const PAYMENT: Idempotency = Idempotency {
        idempotent: false,
        check_before_retry: Some("the payment may have gone through: list payments"),
    };
    const CREATE: Idempotency = Idempotency {
        idempotent: false,
        check_before_retry: None,
    };
    const READ: Idempotency = Idempotency {
        idempotent: true,
        check_before_retry: None,
    };

    #[test]
    fn a_5xx_advises_by_idempotency_never_retry_later_for_a_change() {
        for status in [500, 502, 503, 504] {
            let text = refusal(status, PAYMENT).to_string();
            assert!(text.contains("list payments"), "{text}");
            assert!(!text.contains("retry later"), "{text}");
            let text = refusal(status, CREATE).to_string();
            assert!(text.contains(Idempotency::GENERIC_ADVICE), "{text}");
            assert!(!text.contains("retry later"), "{text}");
            let text = refusal(status, READ).to_string();
            assert!(text.contains("retry later"), "{text}");
        }
        let mut maintenance = refusal(503, PAYMENT);
        if let Error::Api(e) = &mut maintenance {
            e.headers
                .insert("x-maintenance-mode", http::HeaderValue::from_static("true"));
        }
        assert_eq!(maintenance.kind(), ErrorKind::Maintenance);
        let text = maintenance.to_string();
        assert!(
            text.contains("maintenance") && text.contains("list payments"),
            "{text}"
        );
        assert!(!maintenance.is_retryable());
    }

    #[test]
    fn a_transport_failure_advises_by_idempotency() {
        let broke = |kind, idempotency| Error::Transport {
            operation: "account::CreatePayment",
            source: TransportError::new(kind, "it broke"),
            idempotency,
        };
        let text = broke(TransportErrorKind::Io, PAYMENT).to_string();
        assert!(text.contains("list payments"), "{text}");
        let text = broke(TransportErrorKind::Timeout, CREATE).to_string();
        assert!(text.contains(Idempotency::GENERIC_ADVICE), "{text}");
        // Nothing was sent: no need to check anything.
        let refused = broke(TransportErrorKind::Connect, PAYMENT);
        assert!(!refused.to_string().contains("list payments"), "{refused}");
        assert_eq!(refused.may_have_been_applied(), Applied::No);
        assert!(refused.is_retryable());
        let read = broke(TransportErrorKind::Io, READ);
        assert!(!read.to_string().contains(Idempotency::GENERIC_ADVICE));
        assert!(read.is_retryable());
        assert_eq!(read.kind(), ErrorKind::Network);
    }

    #[test]
    fn kinds_helpers_and_debug_agree() {
        let cases = [
            (400, ErrorKind::Validation),
            (401, ErrorKind::Unauthorized),
            (403, ErrorKind::Forbidden),
            (404, ErrorKind::NotFound),
            (409, ErrorKind::Conflict),
            (418, ErrorKind::OtherStatus),
            (422, ErrorKind::Validation),
            (429, ErrorKind::RateLimited),
            (500, ErrorKind::Server),
            (503, ErrorKind::Server),
        ];
        for (status, kind) in cases {
            let error = refusal(status, READ);
            assert_eq!(error.kind(), kind, "{status}");
            assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
            assert_eq!(error.is_not_found(), status == 404);
            assert_eq!(error.is_unauthorized(), status == 401);
            assert_eq!(error.is_forbidden(), status == 403);
            assert_eq!(error.is_rate_limited(), status == 429);
            assert_eq!(error.is_validation(), matches!(status, 400 | 422));
            let applied = if status >= 500 {
                Applied::Maybe
            } else {
                Applied::No
            };
            assert_eq!(error.may_have_been_applied(), applied, "{status}");
            let debug = format!("{error:?}");
            assert!(debug.contains(&format!("{kind:?}")), "{debug}");
        }
        // A 429 of a payment: refused, so not applied, and safe to send again.
        let limited = refusal(429, PAYMENT);
        assert!(limited.is_retryable());
        assert!(limited.to_string().contains("not applied"), "{limited}");
        // Debug has no header dump.
        let mut error = refusal(500, READ);
        if let Error::Api(e) = &mut error {
            e.headers.insert(
                "x-ratelimit-remaining",
                http::HeaderValue::from_static("799"),
            );
        }
        assert!(!format!("{error:?}").contains("799"));
    }
}
