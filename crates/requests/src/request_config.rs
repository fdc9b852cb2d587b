//! What every request needs besides the operation: where to send it and who sends it.

use core::fmt;

use http::HeaderValue;

use crate::error::BuildError;

/// The API version a request addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ApiVersion {
    /// `v4`, the stable API.
    #[default]
    V4,
    /// `v4beta`, with operations still in beta.
    V4Beta,
}

impl ApiVersion {
    /// The path segment, `v4` or `v4beta`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V4 => "v4",
            ApiVersion::V4Beta => "v4beta",
        }
    }

    /// Parses `v4` or `v4beta` (case-insensitive, as the Go SDK's `LINODE_API_VERSION`).
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "v4" => Some(ApiVersion::V4),
            "v4beta" => Some(ApiVersion::V4Beta),
            _ => None,
        }
    }
}

/// The User-Agent this SDK sends unless a prefix is added.
pub const DEFAULT_USER_AGENT: &str = concat!("linode-rs/", env!("CARGO_PKG_VERSION"));

/// The public Linode API.
pub const DEFAULT_BASE_URL: &str = "https://api.linode.com";

/// Where requests go and how they are signed: base URL, API version, token, User-Agent.
///
/// Building is checked once, here, so that building each request cannot fail on these. The
/// token is kept only as a sensitive `Authorization` header value; `Debug` redacts it.
///
/// ```
/// use linode_requests::{ApiVersion, RequestConfig};
/// let config = RequestConfig::new()
///     .with_token("my-token")?
///     .with_base_url("http://127.0.0.1:8080")?
///     .with_api_version(ApiVersion::V4Beta);
/// assert_eq!(config.base_url(), "http://127.0.0.1:8080");
/// assert!(!format!("{config:?}").contains("my-token"));
/// # Ok::<(), linode_requests::BuildError>(())
/// ```
#[derive(Clone)]
pub struct RequestConfig {
    base_url: String,
    version: ApiVersion,
    authorization: Option<HeaderValue>,
    user_agent: HeaderValue,
}

impl Default for RequestConfig {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for RequestConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestConfig")
            .field("base_url", &self.base_url)
            .field("version", &self.version)
            .field("token", &self.authorization.as_ref().map(|_| "[redacted]"))
            .field("user_agent", &self.user_agent)
            .finish()
    }
}

impl RequestConfig {
    /// The public API (`https://api.linode.com`, `v4`), no token, the default User-Agent.
    pub fn new() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            version: ApiVersion::V4,
            authorization: None,
            user_agent: HeaderValue::from_static(DEFAULT_USER_AGENT),
        }
    }

    /// Sets the token sent as `Authorization: Bearer <token>`.
    pub fn with_token(mut self, token: &str) -> Result<Self, BuildError> {
        let token = token.trim();
        if token.is_empty() {
            return Err(BuildError::MissingToken);
        }
        // Checked here, at configuration time: hyper would send raw UTF-8 and ureq fail at
        // send time. A token is one word of visible ASCII; the error names the position,
        // never the character (it is part of a secret).
        if let Some(at) = token.chars().position(|c| !c.is_ascii_graphic()) {
            return Err(BuildError::NotVisibleAscii {
                header: "token (Authorization)",
                position: at + 1,
            });
        }
        let mut value = HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
            BuildError::InvalidHeaderValue {
                header: "token (Authorization)",
            }
        })?;
        // Sensitive values are hidden from Debug and left out of HPACK tables.
        value.set_sensitive(true);
        self.authorization = Some(value);
        Ok(self)
    }

    /// Sets the base URL: scheme and host (and port), optionally a path prefix. A trailing
    /// `/v4` or `/v4beta` is understood as the API version.
    pub fn with_base_url(mut self, url: &str) -> Result<Self, BuildError> {
        let invalid = |reason| BuildError::InvalidBaseUrl {
            url: url.to_owned(),
            reason,
        };
        if !url.contains("://") {
            // `api.linode.com` or `127.0.0.1:8080`: guessing a scheme would turn a plain-http
            // server into a failed TLS handshake, reported far from here.
            return Err(invalid(
                "it has no scheme; write it in full, like https://api.linode.com (or \
                 http://127.0.0.1:8080 for a local server)",
            ));
        }
        let uri: http::Uri = url.trim().parse().map_err(|_| invalid("not a URL"))?;
        match uri.scheme_str() {
            Some("http" | "https") => {}
            _ => return Err(invalid("the scheme must be http or https")),
        }
        let authority = uri.authority().ok_or_else(|| invalid("no host"))?;
        if authority.as_str().contains('@') {
            return Err(invalid(
                "credentials in the URL are not supported; use the token",
            ));
        }
        if uri.query().is_some() {
            return Err(invalid("a base URL cannot have a query string"));
        }
        let mut path = uri.path().trim_end_matches('/');
        for version in [ApiVersion::V4, ApiVersion::V4Beta] {
            if let Some(prefix) = path.strip_suffix(version.as_str()) {
                if prefix.ends_with('/') {
                    self.version = version;
                    path = prefix.trim_end_matches('/');
                }
            }
        }
        let scheme = uri.scheme_str().unwrap_or("https");
        self.base_url = format!("{scheme}://{authority}{path}");
        Ok(self)
    }

    /// Sets the API version.
    #[must_use]
    pub fn with_api_version(mut self, version: ApiVersion) -> Self {
        self.version = version;
        self
    }

    /// Puts `prefix` before this SDK's own User-Agent (`myapp/1.2 linode-rs/0.1.0`).
    pub fn with_user_agent_prefix(mut self, prefix: &str) -> Result<Self, BuildError> {
        // Visible ASCII and spaces (`myapp/1.2 (+https://example.org)`), nothing else.
        if let Some(at) = prefix
            .chars()
            .position(|c| !(c.is_ascii_graphic() || c == ' '))
        {
            return Err(BuildError::NotVisibleAscii {
                header: "User-Agent prefix",
                position: at + 1,
            });
        }
        self.user_agent = HeaderValue::from_str(&format!("{prefix} {DEFAULT_USER_AGENT}"))
            .map_err(|_| BuildError::InvalidHeaderValue {
                header: "User-Agent prefix",
            })?;
        Ok(self)
    }

    /// The base URL, without a trailing slash or version.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The API version.
    pub fn api_version(&self) -> ApiVersion {
        self.version
    }

    /// Whether a token is configured.
    pub fn has_token(&self) -> bool {
        self.authorization.is_some()
    }

    /// The `Authorization` header value (sensitive), if a token is configured.
    pub fn authorization(&self) -> Option<&HeaderValue> {
        self.authorization.as_ref()
    }

    /// `error` with the configured token replaced wherever its text carries it (see
    /// [`Error::redact_secret`](crate::Error::redact_secret)). The clients pass every error
    /// through this before returning it.
    pub fn redact_error(&self, error: crate::Error) -> crate::Error {
        let token = self
            .authorization
            .as_ref()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        match token {
            Some(token) => error.redact_secret(token),
            None => error,
        }
    }

    /// The `User-Agent` header value.
    pub fn user_agent(&self) -> &HeaderValue {
        &self.user_agent
    }

    /// Whether the base URL uses plain `http`.
    pub fn is_plain_http(&self) -> bool {
        self.base_url.starts_with("http://")
    }

    /// Whether the base URL's host is a loopback address (`localhost`, `127.0.0.0/8`,
    /// `[::1]`), where plain http cannot be intercepted on the network.
    pub fn is_loopback(&self) -> bool {
        let rest = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, r)| r);
        let authority = rest.split('/').next().unwrap_or(rest);
        let host = if let Some(v6) = authority.strip_prefix('[') {
            v6.split(']').next().unwrap_or(v6)
        } else {
            authority.rsplit_once(':').map_or(authority, |(h, _)| h)
        };
        host.eq_ignore_ascii_case("localhost")
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_normalized_and_checked() {
        let c = RequestConfig::new()
            .with_base_url("https://api.linode.com/v4beta/")
            .map_err(|e| e.to_string());
        let c = c
            .as_ref()
            .map(|c| (c.base_url().to_owned(), c.api_version()));
        assert_eq!(
            c,
            Ok(("https://api.linode.com".to_owned(), ApiVersion::V4Beta))
        );
        assert!(RequestConfig::new().with_base_url("ftp://x").is_err());
        assert!(RequestConfig::new().with_base_url("https://u:p@x").is_err());
        assert!(RequestConfig::new().with_base_url("not a url").is_err());
        let proxy = RequestConfig::new().with_base_url("http://localhost:9/proxy");
        assert!(proxy
            .as_ref()
            .is_ok_and(|c| c.base_url() == "http://localhost:9/proxy"
                && c.is_loopback()
                && c.is_plain_http()));
        assert!(RequestConfig::new()
            .with_base_url("http://[::1]:80")
            .is_ok_and(|c| c.is_loopback()));
        assert!(RequestConfig::new()
            .with_base_url("http://10.0.0.1")
            .is_ok_and(|c| !c.is_loopback()));
    }

    #[test]
    fn a_base_url_without_a_scheme_is_refused_with_how_to_write_it() {
        for bare in ["api.linode.com", "127.0.0.1:8080", "localhost:8080/v4"] {
            let err = RequestConfig::new()
                .with_base_url(bare)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(
                err.contains("no scheme") && err.contains("https://api.linode.com"),
                "{bare}: {err}"
            );
        }
        assert!(RequestConfig::new()
            .with_base_url("https://api.linode.com")
            .is_ok_and(|c| c.base_url() == "https://api.linode.com"));
    }

    #[test]
    fn tokens_and_user_agents_must_be_visible_ascii() {
        for bad in ["tökén", "tok en", "tok\u{7f}en", "tok\ten"] {
            let err = RequestConfig::new().with_token(bad).err();
            assert!(
                matches!(err, Some(BuildError::NotVisibleAscii { .. })),
                "{bad:?}: {err:?}"
            );
        }
        let text = RequestConfig::new()
            .with_token("abcdé")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            text.contains("character 5") && !text.contains('é'),
            "{text}"
        );
        assert!(RequestConfig::new().with_token("a-B_c.9~/+=").is_ok());
        assert!(RequestConfig::new()
            .with_user_agent_prefix("myapp/1.2 (+https://example.org)")
            .is_ok());
        for bad in ["appé/1", "app\n/1", "app\u{0}"] {
            let err = RequestConfig::new().with_user_agent_prefix(bad).err();
            assert!(
                matches!(err, Some(BuildError::NotVisibleAscii { .. })),
                "{bad:?}: {err:?}"
            );
        }
    }

    #[test]
    fn tokens_are_checked_and_never_shown() {
        assert!(RequestConfig::new().with_token("bad\ntoken").is_err());
        assert!(RequestConfig::new().with_token("  ").is_err());
        let c = RequestConfig::new().with_token("sekrit-123");
        assert!(c.is_ok_and(|c| !format!("{c:?}").contains("sekrit")));
    }
}
