//! The retry loop both clients run: one send's attempts, each decided by the pure
//! [`retry`](crate::retry) policy, with request copies, redirect refusal, the jitter source
//! and the tracing span.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::header::{AUTHORIZATION, LOCATION};

use linode_requests::{Error, Metadata, RequestConfig, TransportError, TransportErrorKind};

use crate::retry::{decide, Attempt, Outcome, RetryConfig, RetryDecision};

/// The result of one attempt, as a transport gives it.
pub(crate) type Exchange = Result<http::Response<Bytes>, TransportError>;

/// A copy of `request` for another attempt (`http::Request` is not `Clone`; the body is
/// `Bytes`, so this copies only the head).
pub(crate) fn copy_request(request: &http::Request<Bytes>) -> http::Request<Bytes> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}

/// `error` with the configured token and the bearer token `request` carried scrubbed from
/// every text: a token provider's (renewed or not, or a parent's for a token exchange) is
/// scrubbed by value as the configured one is, whatever the server echoed.
pub(crate) fn scrub(config: &RequestConfig, request: &http::Request<Bytes>, error: Error) -> Error {
    let error = config.redact_error(error);
    let sent = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match sent {
        Some(token) => error.redact_secret(token),
        None => error,
    }
}

/// Turns a `3xx` into a [`TransportErrorKind::Redirect`] error: redirects are never followed,
/// whatever the transport does, so the token never goes to another place.
pub(crate) fn refuse_redirects(exchange: Exchange) -> Exchange {
    match exchange {
        Ok(response) if response.status().is_redirection() => {
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("nowhere");
            Err(TransportError::new(
                TransportErrorKind::Redirect,
                format!(
                    "the server answered {} redirecting to {location:?}, which is not followed",
                    response.status()
                ),
            ))
        }
        other => other,
    }
}

/// One send's retry state: when it started, how many attempts, the jitter source.
pub(crate) struct RetryLoop<'a> {
    config: &'a RetryConfig,
    meta: &'a Metadata,
    started: Instant,
    attempt: u32,
    rng: XorShift,
}

impl<'a> RetryLoop<'a> {
    pub(crate) fn new(config: &'a RetryConfig, meta: &'a Metadata) -> Self {
        Self {
            config,
            meta,
            started: Instant::now(),
            attempt: 0,
            rng: XorShift::seeded(),
        }
    }

    /// Starts the next attempt; returns its number (from 1) and its tracing span.
    pub(crate) fn begin(&mut self) -> (u32, tracing::Span) {
        self.attempt = self.attempt.saturating_add(1);
        let span = tracing::debug_span!(
            "linode.request",
            operation = self.meta.name,
            method = self.meta.method.as_str(),
            path = self.meta.path,
            attempt = self.attempt,
            status = tracing::field::Empty,
        );
        (self.attempt, span)
    }

    /// Decides what follows the attempt that produced `exchange`, recording it on `span`.
    pub(crate) fn after(&mut self, exchange: &Exchange, span: &tracing::Span) -> RetryDecision {
        let outcome = match exchange {
            Ok(response) => {
                span.record("status", response.status().as_u16());
                Outcome::Response {
                    status: response.status(),
                    headers: response.headers(),
                    body: response.body(),
                }
            }
            Err(error) => Outcome::Transport(error),
        };
        let attempt = Attempt {
            meta: self.meta,
            number: self.attempt,
            elapsed: self.started.elapsed(),
            outcome,
        };
        let decision = decide(self.config, &attempt, self.rng.next());
        let _entered = span.enter();
        match (&decision, exchange) {
            (RetryDecision::Retry { delay, reason }, _) => tracing::info!(
                delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                ?reason,
                "retrying"
            ),
            (RetryDecision::Stop { reason }, Err(error)) => {
                tracing::debug!(?reason, kind = ?error.kind(), "transport failure is final");
            }
            (RetryDecision::Stop { reason }, Ok(_)) => tracing::debug!(?reason, "done"),
        }
        decision
    }
}

/// A xorshift64* generator: enough to spread backoff, not for anything secret.
pub(crate) struct XorShift(u64);

impl XorShift {
    /// Seeds from the clock and a process-wide counter, so concurrent sends differ.
    pub(crate) fn seeded() -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0x9E37_79B9_7F4A_7C15);
        let count = COUNTER.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO)
            .as_nanos();
        // Truncation is fine: only the low, fast-changing bits matter for a seed.
        let seed = (nanos as u64) ^ count.rotate_left(17);
        Self(if seed == 0 {
            0x2545_F491_4F6C_DD1D
        } else {
            seed
        })
    }

    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_become_errors_and_other_statuses_pass() {
        let redirect = http::Response::builder()
            .status(302)
            .header("location", "https://elsewhere.example/")
            .body(Bytes::new())
            .unwrap();
        let err = refuse_redirects(Ok(redirect)).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Redirect);
        assert!(err.to_string().contains("elsewhere.example"));
        let ok = http::Response::builder()
            .status(404)
            .body(Bytes::new())
            .unwrap();
        assert!(refuse_redirects(Ok(ok)).is_ok());
    }

    #[test]
    fn copies_keep_everything_the_server_sees() {
        let original = http::Request::builder()
            .method("POST")
            .uri("https://api.linode.com/v4/profile/sshkeys")
            .header("authorization", "Bearer x")
            .body(Bytes::from_static(b"{}"))
            .unwrap();
        let copy = copy_request(&original);
        assert_eq!(copy.method(), original.method());
        assert_eq!(copy.uri(), original.uri());
        assert_eq!(copy.headers(), original.headers());
        assert_eq!(copy.body(), original.body());
    }

    #[test]
    fn the_jitter_source_varies() {
        let mut a = XorShift::seeded();
        let mut b = XorShift::seeded();
        let xs: Vec<u64> = (0..8).map(|_| a.next()).collect();
        assert!(xs.windows(2).all(|w| w[0] != w[1]));
        assert_ne!(a.next(), b.next());
    }
}
