//! The retry policy: a pure function from (operation, attempt, outcome) to a decision.
//!
//! The clients call [`decide`] after every attempt. It does no IO and reads no clock: the
//! elapsed time and a random number for the jitter are inputs, so every rule is unit-tested
//! here, on its own.
//!
//! # How a decision is made
//!
//! 1. A successful response ends the loop.
//! 2. Every [`Classifier`] of the [`RetryConfig`] looks at the attempt. Any of them can
//!    **forbid** a retry (and then nothing retries); otherwise, if any of them asks for a
//!    retry, the first such reason is kept; if none does, the outcome is final.
//! 3. **The safety rule**, which no configuration or classifier can switch off: an operation
//!    that is not idempotent ([`Metadata::idempotent`] is `false`: a payment, a create) is never
//!    sent again once its bytes may have reached the server. Only one outcome proves they did
//!    not: a connection that failed before anything was sent
//!    ([`TransportError::may_have_reached_server`] is `false`). Even a `429` is not re-sent for
//!    such an operation: the rate limiter says it did not act, but a payment is too costly to
//!    stake on that, so the error (with its `Retry-After`) goes back to the caller, who may
//!    send again knowingly.
//! 4. The budgets: [`RetryConfig::max_attempts`], then the delay (the response's
//!    `Retry-After` when it has one, which is honoured or, if longer than
//!    [`RetryConfig::max_delay`], not retried at all; else exponential backoff with jitter,
//!    capped at `max_delay`), then the overall [`RetryConfig::deadline`].
//!
//! The default classifiers ([`DEFAULT_CLASSIFIERS`]): a `503` with `X-Maintenance-Mode` is
//! never retried; connection failures are retried; `429` (after its `Retry-After`), `5xx`
//! (but 501 and 505), `408`,
//! timeouts, broken connections and the API's `400 "Linode busy."` are retried, which step 3
//! limits to idempotent operations.
//!
//! ```
//! use std::time::Duration;
//! use linode_client::retry::{decide, Attempt, Outcome, RetryConfig, RetryDecision};
//! use linode_requests::profile::{CreateSshKey, ListSshKeys};
//! use linode_requests::Operation;
//!
//! let config = RetryConfig::default();
//! let headers = http::HeaderMap::new();
//! let outcome = Outcome::Response { status: http::StatusCode::BAD_GATEWAY, headers: &headers, body: b"" };
//!
//! // A read is retried after a 502...
//! let read = Attempt { meta: &ListSshKeys::META, number: 1, elapsed: Duration::ZERO, outcome };
//! assert!(matches!(decide(&config, &read, 42), RetryDecision::Retry { .. }));
//! // ...a create is not: the server may have created the key.
//! let write = Attempt { meta: &CreateSshKey::META, ..read };
//! assert!(matches!(decide(&config, &write, 42), RetryDecision::Stop { .. }));
//! ```

use core::fmt;
use std::time::Duration;

use http::{HeaderMap, StatusCode};

use linode_requests::{Metadata, ResponseMeta, TransportError, TransportErrorKind};

/// How the client retries. Every field can be changed; the safety rule for non-idempotent
/// operations (see the [module documentation](self)) holds whatever they say.
///
/// ```
/// use std::time::Duration;
/// use linode_client::RetryConfig;
///
/// let patient = RetryConfig::default()
///     .with_max_attempts(8)
///     .with_deadline(Some(Duration::from_secs(600)));
/// assert_eq!(patient.max_attempts, 8);
/// assert_eq!(RetryConfig::disabled().max_attempts, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryConfig {
    /// How many times an operation may be sent in all, the first time included. `1` turns
    /// retries off. Default 4.
    pub max_attempts: u32,
    /// The backoff before the first retry; it doubles with every retry. Default 500 ms.
    pub initial_backoff: Duration,
    /// The longest wait between two attempts. Backoff is capped at it; a `Retry-After`
    /// longer than it is not waited for (the error is returned). Default 60 s.
    pub max_delay: Duration,
    /// No retry is started if it would begin later than this after the first attempt began
    /// (`None`: no deadline). Default 120 s.
    pub deadline: Option<Duration>,
    /// The classifiers consulted after every attempt, in order. Default
    /// [`DEFAULT_CLASSIFIERS`].
    pub classifiers: Vec<Classifier>,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(500),
            max_delay: Duration::from_secs(60),
            deadline: Some(Duration::from_secs(120)),
            classifiers: DEFAULT_CLASSIFIERS.to_vec(),
        }
    }
}

impl RetryConfig {
    /// Never retries: every operation is sent exactly once.
    pub fn disabled() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Whether retries are on at all.
    pub fn is_enabled(&self) -> bool {
        self.max_attempts > 1
    }

    /// Sets [`RetryConfig::max_attempts`].
    #[must_use]
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts;
        self
    }

    /// Sets [`RetryConfig::initial_backoff`].
    #[must_use]
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// Sets [`RetryConfig::max_delay`].
    #[must_use]
    pub fn with_max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = max_delay;
        self
    }

    /// Sets [`RetryConfig::deadline`].
    #[must_use]
    pub fn with_deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = deadline;
        self
    }

    /// Adds a classifier after the others.
    #[must_use]
    pub fn with_classifier(mut self, classifier: Classifier) -> Self {
        self.classifiers.push(classifier);
        self
    }
}

/// What one attempt produced, as the policy sees it.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// The server answered (any status).
    Response {
        /// The status.
        status: StatusCode,
        /// The headers (`Retry-After`, `X-Maintenance-Mode`).
        headers: &'a HeaderMap,
        /// The body (to recognise `"Linode busy."`).
        body: &'a [u8],
    },
    /// No complete answer: the transport failed.
    Transport(&'a TransportError),
}

impl Outcome<'_> {
    /// Whether the request may have reached the server (and so may have been acted on).
    /// `false` only for a connection that failed before anything was sent: any response,
    /// even a `429`, proves the bytes arrived.
    pub fn may_have_been_processed(&self) -> bool {
        match self {
            Outcome::Response { .. } => true,
            Outcome::Transport(error) => error.may_have_reached_server(),
        }
    }

    /// The response's status, if there is a response.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Outcome::Response { status, .. } => Some(*status),
            Outcome::Transport(_) => None,
        }
    }

    /// The transport failure's kind, if the transport failed.
    pub fn transport_kind(&self) -> Option<TransportErrorKind> {
        match self {
            Outcome::Response { .. } => None,
            Outcome::Transport(error) => Some(error.kind()),
        }
    }

    /// The response's `Retry-After`, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Outcome::Response { headers, .. } => ResponseMeta::new(headers).retry_after(),
            Outcome::Transport(_) => None,
        }
    }

    /// Whether the response says the API is down for maintenance.
    pub fn is_maintenance(&self) -> bool {
        match self {
            Outcome::Response { headers, .. } => ResponseMeta::new(headers).maintenance_mode(),
            Outcome::Transport(_) => false,
        }
    }
}

/// One finished attempt: which operation, which try, how long since the first began, and
/// what came back.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    /// The operation's metadata (its idempotency decides what may be retried).
    pub meta: &'a Metadata,
    /// Which attempt this was, starting at 1.
    pub number: u32,
    /// Time since the first attempt started.
    pub elapsed: Duration,
    /// What it produced.
    pub outcome: Outcome<'a>,
}

/// Why the client sends the operation again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryReason {
    /// `429 Too Many Requests`.
    RateLimited,
    /// The connection could not be made; nothing was sent.
    ConnectFailed,
    /// A `5xx` status (the status is kept).
    ServerError(u16),
    /// `408 Request Timeout`.
    RequestTimeout,
    /// The transport gave up waiting.
    TransportTimeout,
    /// The connection broke during the exchange.
    ConnectionBroken,
    /// The API's `400` with `"Linode busy."`.
    LinodeBusy,
    /// A custom classifier's reason.
    Custom(&'static str),
}

/// Why the client stops and returns what it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum StopReason {
    /// A successful response.
    Success,
    /// No classifier considers the outcome worth retrying (a 404, a validation error...).
    NotRetryable,
    /// The API is down for maintenance (`503` with `X-Maintenance-Mode`).
    Maintenance,
    /// The operation is not idempotent and the server may have acted on it: sending it
    /// again could do it twice.
    NotIdempotent,
    /// Retries are turned off ([`RetryConfig::max_attempts`] is 1 or 0).
    Disabled,
    /// [`RetryConfig::max_attempts`] attempts were made.
    AttemptsExhausted,
    /// The response asked to wait longer than [`RetryConfig::max_delay`].
    RetryAfterTooLong,
    /// The next attempt would start after [`RetryConfig::deadline`].
    DeadlineExceeded,
    /// A custom classifier forbade the retry.
    Custom(&'static str),
}

/// What a classifier thinks of one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// No opinion: leave it to the other classifiers.
    Abstain,
    /// Worth retrying, for this reason (still subject to the safety rule and the budgets).
    Retry(RetryReason),
    /// Must not be retried, whatever the others say.
    Forbid(StopReason),
}

/// A named rule that looks at an attempt and gives a [`Verdict`].
///
/// Classifiers are plain functions, so a configuration stays `Clone`, comparable and
/// printable. Add your own with [`RetryConfig::with_classifier`]:
///
/// ```
/// use linode_client::retry::{Classifier, RetryConfig, StopReason, Verdict};
///
/// // A conflict will not resolve itself: forbid retrying it, whatever the others say.
/// const NO_RETRY_ON_409: Classifier = Classifier::new("no_retry_on_409", |attempt| {
///     match attempt.outcome.status() {
///         Some(s) if s.as_u16() == 409 => Verdict::Forbid(StopReason::Custom("conflict")),
///         _ => Verdict::Abstain,
///     }
/// });
/// let config = RetryConfig::default().with_classifier(NO_RETRY_ON_409);
/// assert_eq!(config.classifiers.last().map(|c| c.name()), Some("no_retry_on_409"));
/// ```
#[derive(Clone, Copy)]
pub struct Classifier {
    name: &'static str,
    classify: fn(&Attempt<'_>) -> Verdict,
}

impl Classifier {
    /// A classifier called `name` (for logs and `Debug`) applying `classify`.
    pub const fn new(name: &'static str, classify: fn(&Attempt<'_>) -> Verdict) -> Self {
        Self { name, classify }
    }

    /// The classifier's name.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Applies the classifier.
    pub fn classify(&self, attempt: &Attempt<'_>) -> Verdict {
        (self.classify)(attempt)
    }
}

impl fmt::Debug for Classifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Classifier").field(&self.name).finish()
    }
}

impl PartialEq for Classifier {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Classifier {}

/// `503` with `X-Maintenance-Mode`: forbid (the API is down on purpose; retrying only adds
/// load).
pub const MAINTENANCE_MODE: Classifier = Classifier::new("maintenance_mode", |a| {
    if a.outcome.status() == Some(StatusCode::SERVICE_UNAVAILABLE) && a.outcome.is_maintenance() {
        Verdict::Forbid(StopReason::Maintenance)
    } else {
        Verdict::Abstain
    }
});

/// `429`: retry (after `Retry-After`).
pub const RATE_LIMITED: Classifier = Classifier::new("rate_limited", |a| {
    if a.outcome.status() == Some(StatusCode::TOO_MANY_REQUESTS) {
        Verdict::Retry(RetryReason::RateLimited)
    } else {
        Verdict::Abstain
    }
});

/// A connection that failed before anything was sent: retry.
pub const CONNECT_FAILURE: Classifier = Classifier::new("connect_failure", |a| match a.outcome {
    Outcome::Transport(e) if !e.may_have_reached_server() => {
        Verdict::Retry(RetryReason::ConnectFailed)
    }
    _ => Verdict::Abstain,
});

/// `5xx` except `501 Not Implemented` and `505 HTTP Version Not Supported` (which will not
/// change), and `408`: retry (idempotent operations only, by the safety rule).
pub const TRANSIENT_STATUS: Classifier = Classifier::new("transient_status", |a| {
    match a.outcome.status().map(|s| s.as_u16()) {
        Some(408) => Verdict::Retry(RetryReason::RequestTimeout),
        Some(code @ 500..=599) if code != 501 && code != 505 => {
            Verdict::Retry(RetryReason::ServerError(code))
        }
        _ => Verdict::Abstain,
    }
});

/// Timeouts and broken connections: retry (idempotent operations only, by the safety rule).
pub const TRANSIENT_TRANSPORT: Classifier = Classifier::new("transient_transport", |a| {
    match a.outcome.transport_kind() {
        Some(TransportErrorKind::Timeout) => Verdict::Retry(RetryReason::TransportTimeout),
        Some(TransportErrorKind::Io) => Verdict::Retry(RetryReason::ConnectionBroken),
        _ => Verdict::Abstain,
    }
});

/// The API's `400` whose reason is `"Linode busy."` (another job holds the object): retry
/// (idempotent operations only, by the safety rule).
pub const LINODE_BUSY: Classifier = Classifier::new("linode_busy", |a| match a.outcome {
    Outcome::Response { status, body, .. }
        if status == StatusCode::BAD_REQUEST && contains(body, b"Linode busy.") =>
    {
        Verdict::Retry(RetryReason::LinodeBusy)
    }
    _ => Verdict::Abstain,
});

/// The classifiers a [`RetryConfig`] starts with.
pub const DEFAULT_CLASSIFIERS: [Classifier; 6] = [
    MAINTENANCE_MODE,
    RATE_LIMITED,
    CONNECT_FAILURE,
    TRANSIENT_STATUS,
    TRANSIENT_TRANSPORT,
    LINODE_BUSY,
];

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait `delay`, then send the operation again.
    Retry {
        /// How long to wait first.
        delay: Duration,
        /// Why.
        reason: RetryReason,
    },
    /// Return this outcome to the caller.
    Stop {
        /// Why.
        reason: StopReason,
    },
}

impl RetryDecision {
    /// Whether the decision is to retry.
    pub fn is_retry(&self) -> bool {
        matches!(self, RetryDecision::Retry { .. })
    }
}

/// Decides whether to retry after `attempt`. Pure: `random` is any random number (it only
/// spreads the backoff), and the same inputs always give the same decision.
pub fn decide(config: &RetryConfig, attempt: &Attempt<'_>, random: u64) -> RetryDecision {
    let stop = |reason| RetryDecision::Stop { reason };
    if attempt.outcome.status().is_some_and(|s| s.is_success()) {
        return stop(StopReason::Success);
    }

    // 2. The classifiers: any forbid wins; else the first retry reason.
    let mut retry_reason = None;
    for classifier in &config.classifiers {
        match classifier.classify(attempt) {
            Verdict::Forbid(reason) => return stop(reason),
            Verdict::Retry(reason) => {
                retry_reason.get_or_insert(reason);
            }
            Verdict::Abstain => {}
        }
    }
    let Some(reason) = retry_reason else {
        return stop(StopReason::NotRetryable);
    };

    // 3. The safety rule, outside anything configurable.
    if !is_safe_to_resend(attempt.meta, &attempt.outcome) {
        return stop(StopReason::NotIdempotent);
    }

    // 4. The budgets.
    if !config.is_enabled() {
        return stop(StopReason::Disabled);
    }
    if attempt.number >= config.max_attempts {
        return stop(StopReason::AttemptsExhausted);
    }
    let delay = match attempt.outcome.retry_after() {
        Some(wait) if wait > config.max_delay => return stop(StopReason::RetryAfterTooLong),
        Some(wait) => wait,
        None => backoff(config, attempt.number, random),
    };
    if let Some(deadline) = config.deadline {
        if attempt.elapsed.saturating_add(delay) > deadline {
            return stop(StopReason::DeadlineExceeded);
        }
    }
    RetryDecision::Retry { delay, reason }
}

/// Whether sending the operation again cannot make it happen twice: it is idempotent, or
/// the server certainly did not act on it.
pub fn is_safe_to_resend(meta: &Metadata, outcome: &Outcome<'_>) -> bool {
    meta.idempotent || !outcome.may_have_been_processed()
}

/// The backoff before retry number `attempt` (1 = after the first attempt):
/// `initial_backoff * 2^(attempt-1)`, capped at `max_delay`, then jittered into its upper
/// half (between 50% and 100% of that) by `random`.
pub fn backoff(config: &RetryConfig, attempt: u32, random: u64) -> Duration {
    let exponent = attempt.saturating_sub(1).min(63);
    let base = config
        .initial_backoff
        .as_nanos()
        .saturating_mul(1u128 << exponent)
        .min(config.max_delay.as_nanos());
    let half = base / 2;
    // `random % 1025` spreads the other half in 1024 steps, from 0 to all of it.
    let jitter = (base - half).saturating_mul(u128::from(random % 1025)) / 1024;
    from_nanos(half + jitter)
}

fn from_nanos(nanos: u128) -> Duration {
    const PER_SEC: u128 = 1_000_000_000;
    let secs = u64::try_from(nanos / PER_SEC).unwrap_or(u64::MAX);
    // The remainder is below 10^9 and fits in a u32.
    let sub = u32::try_from(nanos % PER_SEC).unwrap_or(0);
    Duration::new(secs, sub)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;
    use linode_requests::Method;
    use proptest::prelude::*;

    const GET: Metadata = Metadata {
        name: "test::Get",
        ..Metadata::IDEMPOTENT_GET
    };
    const PAY: Metadata = Metadata {
        name: "test::Pay",
        ..Metadata::NOT_IDEMPOTENT_POST
    };

    fn respond(status: u16, headers: &HeaderMap, body: &'static [u8]) -> Outcome<'static> {
        // Leaking is fine in tests: it gives the 'static borrows the helpers want.
        let headers: &'static HeaderMap = Box::leak(Box::new(headers.clone()));
        Outcome::Response {
            status: StatusCode::from_u16(status).unwrap(),
            headers,
            body,
        }
    }

    fn status(code: u16) -> Outcome<'static> {
        respond(code, &HeaderMap::new(), b"")
    }

    fn transport(kind: TransportErrorKind) -> Outcome<'static> {
        Outcome::Transport(Box::leak(Box::new(TransportError::new(kind, "test"))))
    }

    fn attempt<'a>(meta: &'a Metadata, number: u32, outcome: Outcome<'a>) -> Attempt<'a> {
        Attempt {
            meta,
            number,
            elapsed: Duration::ZERO,
            outcome,
        }
    }

    fn retries(config: &RetryConfig, meta: &Metadata, outcome: Outcome<'_>) -> bool {
        decide(config, &attempt(meta, 1, outcome), 7).is_retry()
    }

    fn stop_reason(config: &RetryConfig, a: &Attempt<'_>) -> Option<StopReason> {
        match decide(config, a, 7) {
            RetryDecision::Stop { reason } => Some(reason),
            RetryDecision::Retry { .. } => None,
        }
    }

    fn with_header(name: &'static str, value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn success_and_client_errors_are_final() {
        let c = RetryConfig::default();
        for code in [200, 204, 299] {
            assert_eq!(
                stop_reason(&c, &attempt(&GET, 1, status(code))),
                Some(StopReason::Success)
            );
        }
        for code in [400, 401, 403, 404, 409, 501, 505] {
            assert_eq!(
                stop_reason(&c, &attempt(&GET, 1, status(code))),
                Some(StopReason::NotRetryable),
                "{code}"
            );
        }
        for kind in [
            TransportErrorKind::BodyTooLarge,
            TransportErrorKind::Redirect,
            TransportErrorKind::Other,
        ] {
            assert!(!retries(&c, &GET, transport(kind)), "{kind:?}");
        }
    }

    #[test]
    fn connect_failures_retry_every_operation_rate_limits_only_idempotent_ones() {
        let c = RetryConfig::default();
        for meta in [&GET, &PAY] {
            assert!(retries(&c, meta, transport(TransportErrorKind::Connect)));
        }
        assert!(retries(&c, &GET, status(429)));
        // A payment that met the rate limiter goes back to the caller, never out again.
        assert!(!retries(&c, &PAY, status(429)));
    }

    #[test]
    fn transient_failures_retry_only_idempotent_operations() {
        let c = RetryConfig::default();
        let busy = respond(
            400,
            &HeaderMap::new(),
            br#"{"errors":[{"reason":"Linode busy."}]}"#,
        );
        let transient = [
            status(500),
            status(502),
            status(503),
            status(504),
            status(408),
            busy,
            transport(TransportErrorKind::Timeout),
            transport(TransportErrorKind::Io),
        ];
        for outcome in transient {
            assert!(retries(&c, &GET, outcome), "{outcome:?}");
            let a = attempt(&PAY, 1, outcome);
            assert_eq!(stop_reason(&c, &a), Some(StopReason::NotIdempotent));
        }
        // A PUT or DELETE is idempotent too.
        let put = Metadata {
            method: Method::Put,
            ..GET
        };
        assert!(retries(&c, &put, status(500)));
    }

    #[test]
    fn maintenance_mode_is_never_retried() {
        let c = RetryConfig::default();
        let outcome = respond(503, &with_header("x-maintenance-mode", "1"), b"");
        for meta in [&GET, &PAY] {
            assert_eq!(
                stop_reason(&c, &attempt(meta, 1, outcome)),
                Some(StopReason::Maintenance)
            );
        }
    }

    #[test]
    fn retry_after_is_honoured_or_refused_when_too_long() {
        let c = RetryConfig::default().with_max_delay(Duration::from_secs(30));
        let wait = respond(429, &with_header("retry-after", "12"), b"");
        assert_eq!(
            decide(&c, &attempt(&GET, 1, wait), 0),
            RetryDecision::Retry {
                delay: Duration::from_secs(12),
                reason: RetryReason::RateLimited
            }
        );
        let long = respond(429, &with_header("retry-after", "31"), b"");
        assert_eq!(
            stop_reason(&c, &attempt(&GET, 1, long)),
            Some(StopReason::RetryAfterTooLong)
        );
        // Honoured on a 503 too.
        let busy = respond(503, &with_header("retry-after", "3"), b"");
        assert!(matches!(
            decide(&c, &attempt(&GET, 1, busy), 0),
            RetryDecision::Retry { delay, .. } if delay == Duration::from_secs(3)
        ));
    }

    #[test]
    fn attempts_deadline_and_switch_are_respected() {
        let c = RetryConfig::default().with_max_attempts(3);
        assert!(decide(&c, &attempt(&GET, 2, status(500)), 1).is_retry());
        assert_eq!(
            stop_reason(&c, &attempt(&GET, 3, status(500))),
            Some(StopReason::AttemptsExhausted)
        );
        let off = RetryConfig::disabled();
        assert_eq!(
            stop_reason(&off, &attempt(&GET, 1, status(429))),
            Some(StopReason::Disabled)
        );
        let zero = RetryConfig::default().with_max_attempts(0);
        assert!(!retries(&zero, &GET, status(500)));

        let c = RetryConfig::default().with_deadline(Some(Duration::from_secs(10)));
        let late = Attempt {
            elapsed: Duration::from_secs(9),
            ..attempt(&GET, 1, respond(429, &with_header("retry-after", "2"), b""))
        };
        assert_eq!(stop_reason(&c, &late), Some(StopReason::DeadlineExceeded));
        let in_time = Attempt {
            elapsed: Duration::from_secs(7),
            ..late
        };
        assert!(decide(&c, &in_time, 0).is_retry());
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let c = RetryConfig::default()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_delay(Duration::from_secs(1));
        assert_eq!(backoff(&c, 1, 0), Duration::from_millis(50));
        assert_eq!(backoff(&c, 1, 1024), Duration::from_millis(100));
        assert_eq!(backoff(&c, 2, 1024), Duration::from_millis(200));
        assert_eq!(backoff(&c, 3, 0), Duration::from_millis(200));
        assert_eq!(backoff(&c, 30, 1024), Duration::from_secs(1));
        assert_eq!(backoff(&c, u32::MAX, u64::MAX), backoff(&c, 64, u64::MAX));
        let huge = RetryConfig::default()
            .with_initial_backoff(Duration::MAX)
            .with_max_delay(Duration::MAX);
        assert!(backoff(&huge, 5, u64::MAX) <= Duration::MAX);
    }

    #[test]
    fn any_classifier_can_forbid() {
        const NEVER: Classifier =
            Classifier::new("never", |_| Verdict::Forbid(StopReason::Custom("never")));
        let c = RetryConfig::default().with_classifier(NEVER);
        assert_eq!(
            stop_reason(&c, &attempt(&GET, 1, status(429))),
            Some(StopReason::Custom("never"))
        );
        assert_eq!(format!("{NEVER:?}"), r#"Classifier("never")"#);
    }

    const ALWAYS: Classifier =
        Classifier::new("always", |_| Verdict::Retry(RetryReason::Custom("always")));

    fn any_kind() -> impl Strategy<Value = TransportErrorKind> {
        prop_oneof![
            Just(TransportErrorKind::Connect),
            Just(TransportErrorKind::Timeout),
            Just(TransportErrorKind::Io),
            Just(TransportErrorKind::BodyTooLarge),
            Just(TransportErrorKind::Redirect),
            Just(TransportErrorKind::Other),
        ]
    }

    #[derive(Debug, Clone)]
    enum AnyOutcome {
        Response {
            status: u16,
            retry_after: Option<u64>,
            maintenance: bool,
            busy: bool,
        },
        Transport(TransportErrorKind),
    }

    fn any_outcome() -> impl Strategy<Value = AnyOutcome> {
        prop_oneof![
            (
                100u16..=999,
                proptest::option::of(0u64..100_000),
                any::<bool>(),
                any::<bool>()
            )
                .prop_map(|(status, retry_after, maintenance, busy)| {
                    AnyOutcome::Response {
                        status,
                        retry_after,
                        maintenance,
                        busy,
                    }
                }),
            any_kind().prop_map(AnyOutcome::Transport),
        ]
    }

    fn any_config() -> impl Strategy<Value = RetryConfig> {
        (
            0u32..20,
            0u64..100_000,
            0u64..10_000_000,
            proptest::option::of(0u64..10_000_000),
            any::<bool>(),
        )
            .prop_map(|(attempts, initial, max, deadline, always)| {
                let mut c = RetryConfig::default()
                    .with_max_attempts(attempts)
                    .with_initial_backoff(Duration::from_millis(initial))
                    .with_max_delay(Duration::from_millis(max))
                    .with_deadline(deadline.map(Duration::from_millis));
                if always {
                    // A classifier that wants to retry everything cannot override the rule.
                    c.classifiers.insert(0, ALWAYS);
                }
                c
            })
    }

    fn with_outcome<R>(outcome: &AnyOutcome, f: impl FnOnce(Outcome<'_>) -> R) -> R {
        match outcome {
            AnyOutcome::Response {
                status,
                retry_after,
                maintenance,
                busy,
            } => {
                let mut headers = HeaderMap::new();
                if let Some(s) = retry_after {
                    headers.insert("retry-after", HeaderValue::from(*s));
                }
                if *maintenance {
                    headers.insert("x-maintenance-mode", HeaderValue::from_static("1"));
                }
                let body: &[u8] = if *busy {
                    br#"{"errors":[{"reason":"Linode busy."}]}"#
                } else {
                    b""
                };
                f(Outcome::Response {
                    status: StatusCode::from_u16(*status).unwrap(),
                    headers: &headers,
                    body,
                })
            }
            AnyOutcome::Transport(kind) => {
                let error = TransportError::new(*kind, "generated");
                f(Outcome::Transport(&error))
            }
        }
    }

    /// The safety rule, checked over every status code, header and body variant and every
    /// transport failure, with a configuration that wants to retry everything.
    #[test]
    fn exhaustively_no_outcome_that_may_have_been_processed_resends_a_write() {
        let greedy = RetryConfig {
            max_attempts: u32::MAX,
            initial_backoff: Duration::ZERO,
            max_delay: Duration::MAX,
            deadline: None,
            classifiers: vec![ALWAYS],
        };
        let mut outcomes = Vec::new();
        for status in 100u16..=999 {
            for retry_after in [None, Some(0), Some(5)] {
                for maintenance in [false, true] {
                    for busy in [false, true] {
                        outcomes.push(AnyOutcome::Response {
                            status,
                            retry_after,
                            maintenance,
                            busy,
                        });
                    }
                }
            }
        }
        for kind in [
            TransportErrorKind::Connect,
            TransportErrorKind::Timeout,
            TransportErrorKind::Io,
            TransportErrorKind::BodyTooLarge,
            TransportErrorKind::Redirect,
            TransportErrorKind::Other,
        ] {
            outcomes.push(AnyOutcome::Transport(kind));
        }
        let mut retried = 0;
        for config in [greedy, RetryConfig::default()] {
            for outcome in &outcomes {
                with_outcome(outcome, |outcome| {
                    for number in [0, 1, 2, 100] {
                        let a = attempt(&PAY, number, outcome);
                        if decide(&config, &a, number.into()).is_retry() {
                            retried += 1;
                            assert!(
                                !outcome.may_have_been_processed(),
                                "{outcome:?} was retried for a non-idempotent operation"
                            );
                        }
                    }
                });
            }
        }
        // The rule is not vacuous: connect failures do retry.
        assert!(retried > 0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// THE rule: a non-idempotent operation is never sent again once the server may have
        /// acted on it, whatever the configuration, classifiers, attempt, time or jitter.
        #[test]
        fn a_non_idempotent_operation_is_never_resent_once_it_may_have_been_processed(
            config in any_config(),
            outcome in any_outcome(),
            number in 0u32..30,
            elapsed in 0u64..1_000_000,
            random in any::<u64>(),
            method in prop_oneof![Just(Method::Post), Just(Method::Put), Just(Method::Delete), Just(Method::Get)],
        ) {
            let meta = Metadata { method, idempotent: false, ..PAY };
            with_outcome(&outcome, |outcome| {
                let a = Attempt { meta: &meta, number, elapsed: Duration::from_millis(elapsed), outcome };
                let decision = decide(&config, &a, random);
                if decision.is_retry() {
                    // Only outcomes proving nothing was done may be retried.
                    prop_assert!(!outcome.may_have_been_processed(), "{outcome:?} -> {decision:?}");
                    let never_sent = matches!(outcome, Outcome::Transport(e) if e.kind() == TransportErrorKind::Connect);
                    prop_assert!(never_sent, "{outcome:?} -> {decision:?}");
                }
                Ok(())
            })?;
        }

        /// Every decision stays within the budgets.
        #[test]
        fn decisions_respect_the_budgets(
            config in any_config(),
            outcome in any_outcome(),
            number in 0u32..30,
            elapsed in 0u64..1_000_000,
            random in any::<u64>(),
            idempotent in any::<bool>(),
        ) {
            let meta = Metadata { idempotent, ..GET };
            with_outcome(&outcome, |outcome| {
                let elapsed = Duration::from_millis(elapsed);
                let a = Attempt { meta: &meta, number, elapsed, outcome };
                if let RetryDecision::Retry { delay, .. } = decide(&config, &a, random) {
                    prop_assert!(config.max_attempts > 1 && number < config.max_attempts);
                    prop_assert!(delay <= config.max_delay);
                    if let Some(deadline) = config.deadline {
                        prop_assert!(elapsed + delay <= deadline);
                    }
                    if let Some(wait) = outcome.retry_after() {
                        prop_assert_eq!(delay, wait);
                    }
                    prop_assert!(!(outcome.is_maintenance() && outcome.status() == Some(StatusCode::SERVICE_UNAVAILABLE)));
                    prop_assert!(!outcome.status().is_some_and(|s| s.is_success()));
                }
                Ok(())
            })?;
        }

        /// With the default classifiers, idempotent operations retry exactly the listed
        /// transient outcomes (budgets permitting).
        #[test]
        fn default_policy_retries_what_it_says(outcome in any_outcome()) {
            let config = RetryConfig::default()
                .with_max_delay(Duration::from_secs(1_000_000))
                .with_deadline(None);
            with_outcome(&outcome, |outcome| {
                let a = attempt(&GET, 1, outcome);
                let expected = match outcome {
                    Outcome::Transport(e) => matches!(
                        e.kind(),
                        TransportErrorKind::Connect | TransportErrorKind::Timeout | TransportErrorKind::Io
                    ),
                    Outcome::Response { status, body, .. } => match status.as_u16() {
                        429 | 408 => true,
                        503 => !outcome.is_maintenance(),
                        500..=599 => !matches!(status.as_u16(), 501 | 505),
                        400 => !body.is_empty(),
                        _ => false,
                    },
                };
                prop_assert_eq!(decide(&config, &a, 3).is_retry(), expected, "{:?}", outcome);
                Ok(())
            })?;
        }
    }
}
