//! What a successful response carries besides its typed value: status, headers, warnings.

use std::time::Duration;

use http::{HeaderMap, StatusCode};
use linode_models::Warning;

/// A successful answer: the typed value, plus everything else the response said.
#[derive(Debug, Clone)]
pub struct ApiResponse<T> {
    /// The typed value.
    pub value: T,
    /// The HTTP status (200, 202, 204 or 299).
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// Warnings the API attached (status 299, sent by deprecated operations).
    pub warnings: Vec<Warning>,
}

impl<T> ApiResponse<T> {
    /// Rate limits, scopes and the spec version the API reported.
    pub fn meta(&self) -> ResponseMeta<'_> {
        ResponseMeta::new(&self.headers)
    }

    /// The typed value, dropping the rest.
    pub fn into_value(self) -> T {
        self.value
    }
}

/// A read-only view of the metadata headers of any response (success or error).
///
/// Values are parsed when asked for, so an unused one costs nothing; a header that is
/// missing or malformed reads as `None`.
#[derive(Debug, Clone, Copy)]
pub struct ResponseMeta<'a> {
    headers: &'a HeaderMap,
}

impl<'a> ResponseMeta<'a> {
    /// A view over `headers`.
    pub fn new(headers: &'a HeaderMap) -> Self {
        Self { headers }
    }

    fn text(&self, name: &str) -> Option<&'a str> {
        self.headers.get(name)?.to_str().ok().map(str::trim)
    }

    fn number(&self, name: &str) -> Option<u64> {
        self.text(name)?.parse().ok()
    }

    /// `X-RateLimit-Limit`: requests allowed in the current window.
    pub fn rate_limit_limit(&self) -> Option<u64> {
        self.number("x-ratelimit-limit")
    }

    /// `X-RateLimit-Remaining`: requests left in the current window.
    pub fn rate_limit_remaining(&self) -> Option<u64> {
        self.number("x-ratelimit-remaining")
    }

    /// `X-RateLimit-Reset`: when the window resets, in seconds since the Unix epoch.
    pub fn rate_limit_reset(&self) -> Option<u64> {
        self.number("x-ratelimit-reset")
    }

    /// `Retry-After`: how long to wait before the next request (delay-seconds form; the
    /// Linode API does not send the HTTP-date form).
    pub fn retry_after(&self) -> Option<Duration> {
        self.number("retry-after").map(Duration::from_secs)
    }

    /// `X-OAuth-Scopes`: the scopes of the token that made the request.
    pub fn oauth_scopes(&self) -> Vec<&'a str> {
        split_scopes(self.text("x-oauth-scopes"))
    }

    /// `X-OAuth-Scopes`, typed: what the token used may do; `None` when the header is absent.
    pub fn token_scopes(&self) -> Option<linode_models::Scopes> {
        self.text("x-oauth-scopes")
            .map(linode_models::Scopes::from_api)
    }

    /// `X-Accepted-OAuth-Scopes`: the scopes this operation accepts.
    pub fn accepted_oauth_scopes(&self) -> Vec<&'a str> {
        split_scopes(self.text("x-accepted-oauth-scopes"))
    }

    /// `X-Spec-Version`: the API specification version that answered.
    pub fn spec_version(&self) -> Option<&'a str> {
        self.text("x-spec-version")
    }

    /// `X-Maintenance-Mode` is present: the API is down for maintenance.
    pub fn maintenance_mode(&self) -> bool {
        self.headers.contains_key("x-maintenance-mode")
    }
}

fn split_scopes(value: Option<&str>) -> Vec<&str> {
    value
        .map(|v| {
            v.split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn metadata_headers_are_read_and_malformed_ones_ignored() {
        let mut h = HeaderMap::new();
        h.insert("X-RateLimit-Limit", HeaderValue::from_static("800"));
        h.insert("X-RateLimit-Remaining", HeaderValue::from_static("799"));
        h.insert("X-RateLimit-Reset", HeaderValue::from_static("1700000000"));
        h.insert("Retry-After", HeaderValue::from_static("12"));
        h.insert(
            "X-OAuth-Scopes",
            HeaderValue::from_static("account:read_only events:read_write"),
        );
        h.insert(
            "X-Accepted-OAuth-Scopes",
            HeaderValue::from_static("account:read_only"),
        );
        h.insert("X-Spec-Version", HeaderValue::from_static("4.189.0"));
        let m = ResponseMeta::new(&h);
        assert_eq!(m.rate_limit_limit(), Some(800));
        assert_eq!(m.rate_limit_remaining(), Some(799));
        assert_eq!(m.rate_limit_reset(), Some(1_700_000_000));
        assert_eq!(m.retry_after(), Some(Duration::from_secs(12)));
        assert_eq!(
            m.oauth_scopes(),
            vec!["account:read_only", "events:read_write"]
        );
        assert_eq!(m.accepted_oauth_scopes(), vec!["account:read_only"]);
        assert_eq!(
            m.token_scopes(),
            Some(
                linode_models::Scopes::none()
                    .read_write("events")
                    .read_only("account")
            )
        );
        assert_eq!(m.spec_version(), Some("4.189.0"));
        assert!(!m.maintenance_mode());

        let mut bad = HeaderMap::new();
        bad.insert("Retry-After", HeaderValue::from_static("soon"));
        assert_eq!(ResponseMeta::new(&bad).retry_after(), None);
        assert!(ResponseMeta::new(&bad).oauth_scopes().is_empty());
    }
}
