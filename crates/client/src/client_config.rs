//! The client configuration: the request settings plus timeouts, limits, TLS roots, retries.

use core::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use linode_requests::{ApiVersion, BuildError, RequestConfig};

use crate::auth::TokenProvider;
use crate::config_error::ConfigError;
use crate::retry::RetryConfig;

/// How long a transport waits for a connection (TCP and TLS) by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one attempt (connect, send, whole response) may take by default.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// The largest response body accepted by default: 16 MiB (a page of 500 events is far less).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
/// The most pages one page walk fetches by default: 10,000 (5 million items at the largest
/// page size), far beyond any real list, but a bound on what a confused server can cause.
pub const DEFAULT_MAX_WALK_PAGES: u32 = 10_000;

/// Everything a client needs: where and as whom to send ([`RequestConfig`]), how long to wait,
/// how much to read, which extra root certificate to trust, and how to retry.
///
/// `Debug` never shows the token. A plain `http://` base URL is refused when the client is
/// built unless its host is loopback or [`ClientConfig::allow_insecure_http`] was called.
///
/// ```
/// use std::time::Duration;
/// use linode_client::{ClientConfig, RetryConfig};
///
/// let config = ClientConfig::new()
///     .with_token("my-token")?
///     .with_user_agent_prefix("backup-tool/2.1")?
///     .with_request_timeout(Duration::from_secs(20))
///     .with_retry(RetryConfig::default().with_max_attempts(6));
/// assert!(!format!("{config:?}").contains("my-token"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct ClientConfig {
    request: RequestConfig,
    connect_timeout: Duration,
    request_timeout: Duration,
    max_response_bytes: usize,
    root_certificate_pem: Option<Arc<[u8]>>,
    allow_insecure_http: bool,
    compression: bool,
    retry: RetryConfig,
    token_provider: Option<Arc<dyn TokenProvider>>,
    max_walk_pages: u32,
    walk_deadline: Option<Duration>,
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("request", &self.request)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field(
                "root_certificate_pem",
                &self.root_certificate_pem.as_ref().map(|p| p.len()),
            )
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("compression", &self.compression)
            .field("retry", &self.retry)
            .field("token_provider", &self.token_provider)
            .field("max_walk_pages", &self.max_walk_pages)
            .field("walk_deadline", &self.walk_deadline)
            .finish()
    }
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self::new()
    }
}

impl ClientConfig {
    /// The public API, no token, default timeouts, limits and retries.
    pub fn new() -> Self {
        Self {
            request: RequestConfig::new(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            root_certificate_pem: None,
            allow_insecure_http: false,
            compression: true,
            retry: RetryConfig::default(),
            token_provider: None,
            max_walk_pages: DEFAULT_MAX_WALK_PAGES,
            walk_deadline: None,
        }
    }

    /// Reads the environment as the official Go SDK does:
    /// - `LINODE_TOKEN` (required): the API token;
    /// - `LINODE_URL`: the base URL with its scheme (`https://api.linode.com`,
    ///   `http://127.0.0.1:8080` for a local fake); a bare host is refused rather than guessed
    ///   (guessing https for a plain-http server fails later as a misleading transport error);
    /// - `LINODE_API_VERSION`: `v4` or `v4beta`;
    /// - `LINODE_CA`: the path of a PEM file with an extra root certificate to trust.
    ///
    /// Empty variables count as unset.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// [`ClientConfig::from_env`] with variables read through `lookup` (a config file, a
    /// test's map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let token = get("LINODE_TOKEN").ok_or(ConfigError::MissingEnv {
            name: "LINODE_TOKEN",
        })?;
        let mut config = Self::new()
            .with_token(&token)
            .map_err(|e| ConfigError::InvalidEnv {
                name: "LINODE_TOKEN",
                // Says which character (by position, never the token), and what to check.
                reason: e.to_string(),
            })?;
        if let Some(url) = get("LINODE_URL") {
            config = config
                .with_base_url(url.trim())
                .map_err(|e| ConfigError::InvalidEnv {
                    name: "LINODE_URL",
                    reason: e.to_string(),
                })?;
        }
        if let Some(version) = get("LINODE_API_VERSION") {
            let version = ApiVersion::parse(&version).ok_or_else(|| ConfigError::InvalidEnv {
                name: "LINODE_API_VERSION",
                reason: format!("{version:?} is neither v4 nor v4beta"),
            })?;
            config = config.with_api_version(version);
        }
        if let Some(path) = get("LINODE_CA") {
            config = config
                .with_root_certificate_file(path.trim())
                .map_err(|e| ConfigError::InvalidEnv {
                    name: "LINODE_CA",
                    reason: e.to_string(),
                })?;
        }
        Ok(config)
    }

    /// Replaces the request settings (base URL, version, token, User-Agent) at once.
    #[must_use]
    pub fn with_request_config(mut self, request: RequestConfig) -> Self {
        self.request = request;
        self
    }

    /// Sets the token sent as `Authorization: Bearer <token>`.
    pub fn with_token(mut self, token: &str) -> Result<Self, BuildError> {
        self.request = self.request.with_token(token)?;
        Ok(self)
    }

    /// Sets the base URL (`https://api.linode.com` by default; a trailing `/v4` or `/v4beta`
    /// sets the version).
    pub fn with_base_url(mut self, url: &str) -> Result<Self, BuildError> {
        self.request = self.request.with_base_url(url)?;
        Ok(self)
    }

    /// Sets the API version.
    #[must_use]
    pub fn with_api_version(mut self, version: ApiVersion) -> Self {
        self.request = self.request.with_api_version(version);
        self
    }

    /// Puts `prefix` before the SDK's User-Agent (`myapp/1.2 linode-rs/0.1.0`).
    pub fn with_user_agent_prefix(mut self, prefix: &str) -> Result<Self, BuildError> {
        self.request = self.request.with_user_agent_prefix(prefix)?;
        Ok(self)
    }

    /// Sets how long to wait for a connection (TCP and TLS).
    #[must_use]
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets how long one attempt may take in all (connect, send, read the whole response).
    #[must_use]
    pub fn with_request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// Sets the most pages one page walk (`pages()`/`items()`) fetches (at least 1; default
    /// [`DEFAULT_MAX_WALK_PAGES`]). A walk that reaches it while more pages are announced
    /// ends with [`WalkError::TooManyPages`](linode_requests::WalkError::TooManyPages); a
    /// walk can set its own with `max_pages`.
    #[must_use]
    pub fn with_max_walk_pages(mut self, max: u32) -> Self {
        self.max_walk_pages = max.max(1);
        self
    }

    /// Sets a deadline for each whole page walk, counted from its first request (default:
    /// none; the request timeout bounds each page, the page cap their number). A walk whose
    /// deadline passes ends with
    /// [`WalkError::DeadlineExceeded`](linode_requests::WalkError::DeadlineExceeded): the
    /// async streams cancel the request in flight; the blocking iterators do not interrupt
    /// one (the request timeout bounds it) and stop before the next. A walk can set its own
    /// with `within`.
    #[must_use]
    pub fn with_walk_deadline(mut self, deadline: Duration) -> Self {
        self.walk_deadline = Some(deadline);
        self
    }

    /// Sets the largest response body to accept, counted after decoding a compressed body;
    /// a larger one fails with
    /// [`TransportErrorKind::BodyTooLarge`](linode_requests::TransportErrorKind::BodyTooLarge) and is
    /// never buffered (nor inflated) beyond this size.
    #[must_use]
    pub fn with_max_response_bytes(mut self, max: usize) -> Self {
        self.max_response_bytes = max;
        self
    }

    /// Trusts the certificates of this PEM text as extra roots (besides the transport's
    /// default roots): for a proxy or a test server with its own CA.
    pub fn with_root_certificate_pem(
        mut self,
        pem: impl Into<Vec<u8>>,
    ) -> Result<Self, ConfigError> {
        let pem = pem.into();
        if !contains(&pem, b"-----BEGIN CERTIFICATE-----") {
            return Err(ConfigError::RootCertificate {
                reason: "no CERTIFICATE block found".to_owned(),
            });
        }
        self.root_certificate_pem = Some(pem.into());
        Ok(self)
    }

    /// Reads the PEM file at `path` and trusts its certificates (see
    /// [`ClientConfig::with_root_certificate_pem`]).
    pub fn with_root_certificate_file(self, path: impl AsRef<Path>) -> Result<Self, ConfigError> {
        let path = path.as_ref();
        let pem = std::fs::read(path).map_err(|e| ConfigError::RootCertificate {
            reason: format!("reading {}: {e}", path.display()),
        })?;
        self.with_root_certificate_pem(pem)
    }

    /// Allows a plain-http base URL to a host that is not loopback. The token then crosses
    /// the network unencrypted: only for a trusted network (a proxy next to you).
    #[must_use]
    pub fn allow_insecure_http(mut self) -> Self {
        self.allow_insecure_http = true;
        self
    }

    /// Whether the transport asks for compressed responses (`Accept-Encoding: gzip`) and
    /// decodes them; on by default. Over a network a page of JSON shrinks several times, for
    /// a little CPU; turn it off where bandwidth is free and CPU is not (a sidecar on the
    /// same host). The response size cap applies to the decoded body either way.
    #[must_use]
    pub fn with_compression(mut self, compression: bool) -> Self {
        self.compression = compression;
        self
    }

    /// Takes the token from `provider` before every request instead of a fixed token (see
    /// [`auth`](crate::auth)): rotation, the environment, the Linode CLI's file, OAuth.
    #[must_use]
    pub fn with_token_provider(mut self, provider: impl TokenProvider + 'static) -> Self {
        self.token_provider = Some(Arc::new(provider));
        self
    }

    /// [`ClientConfig::with_token_provider`] with a provider already shared.
    #[must_use]
    pub fn with_shared_token_provider(mut self, provider: Arc<dyn TokenProvider>) -> Self {
        self.token_provider = Some(provider);
        self
    }

    /// The token provider, if one was set.
    pub fn token_provider(&self) -> Option<&Arc<dyn TokenProvider>> {
        self.token_provider.as_ref()
    }

    /// Sets the retry policy.
    #[must_use]
    pub fn with_retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Turns retries off: every operation is sent once.
    #[must_use]
    pub fn without_retries(self) -> Self {
        self.with_retry(RetryConfig::disabled())
    }

    /// The request settings.
    pub fn request_config(&self) -> &RequestConfig {
        &self.request
    }

    /// The most pages one page walk fetches.
    pub fn max_walk_pages(&self) -> u32 {
        self.max_walk_pages
    }

    /// The deadline of a whole page walk, if any.
    pub fn walk_deadline(&self) -> Option<Duration> {
        self.walk_deadline
    }

    /// The connect timeout.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// The timeout of one attempt.
    pub fn request_timeout(&self) -> Duration {
        self.request_timeout
    }

    /// The largest response body accepted.
    pub fn max_response_bytes(&self) -> usize {
        self.max_response_bytes
    }

    /// The extra root certificates, as PEM text.
    pub fn root_certificate_pem(&self) -> Option<&[u8]> {
        self.root_certificate_pem.as_deref()
    }

    /// Whether plain http to any host was allowed.
    pub fn insecure_http_allowed(&self) -> bool {
        self.allow_insecure_http
    }

    /// Whether compressed responses are asked for (see [`ClientConfig::with_compression`]).
    pub fn compression(&self) -> bool {
        self.compression
    }

    /// The retry policy.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// Checks what can only be checked as a whole: plain http is refused unless the host is
    /// loopback or insecure use was allowed. Clients call it when they are built.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let r = &self.request;
        if r.is_plain_http() && !r.is_loopback() && !self.allow_insecure_http {
            return Err(ConfigError::InsecureUrl {
                url: r.base_url().to_owned(),
            });
        }
        Ok(())
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const PEM: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn from_env_reads_the_go_sdk_variables() {
        let dir = std::env::temp_dir().join(format!("linode-ca-{}.pem", std::process::id()));
        std::fs::write(&dir, PEM).unwrap();
        let path = dir.to_string_lossy().into_owned();
        let c = ClientConfig::from_lookup(env(&[
            ("LINODE_TOKEN", "env-token-42"),
            ("LINODE_URL", "http://127.0.0.1:8080"),
            ("LINODE_API_VERSION", "v4beta"),
            ("LINODE_CA", &path),
        ]))
        .unwrap();
        let _ = std::fs::remove_file(&dir);
        assert_eq!(c.request_config().base_url(), "http://127.0.0.1:8080");
        assert_eq!(c.request_config().api_version(), ApiVersion::V4Beta);
        assert!(c.request_config().has_token());
        assert_eq!(c.root_certificate_pem(), Some(PEM.as_bytes()));
        assert!(c.validate().is_ok());
        assert!(!format!("{c:?}").contains("env-token-42"));

        let with_version = ClientConfig::from_lookup(env(&[
            ("LINODE_TOKEN", "t"),
            ("LINODE_URL", " https://api.example.test/v4 "),
            ("LINODE_API_VERSION", ""),
        ]))
        .unwrap();
        assert_eq!(
            with_version.request_config().base_url(),
            "https://api.example.test"
        );
    }

    #[test]
    fn a_linode_url_without_a_scheme_is_a_config_error_that_says_how_to_write_it() {
        for bare in [
            "api.example.test/v4",
            "127.0.0.1:8080",
            "localhost:8080",
            "api.linode.com",
        ] {
            let err =
                ClientConfig::from_lookup(env(&[("LINODE_TOKEN", "t"), ("LINODE_URL", bare)]))
                    .expect_err(bare);
            assert!(
                matches!(
                    err,
                    ConfigError::InvalidEnv {
                        name: "LINODE_URL",
                        ..
                    }
                ),
                "{bare}: {err:?}"
            );
            let text = err.to_string();
            assert!(
                text.contains("no scheme") && text.contains("https://api.linode.com"),
                "{bare}: {text}"
            );
        }
        // The edge that passes: a scheme and a host, nothing more.
        let local = ClientConfig::from_lookup(env(&[
            ("LINODE_TOKEN", "t"),
            ("LINODE_URL", "http://localhost:8080"),
        ]))
        .unwrap();
        assert_eq!(local.request_config().base_url(), "http://localhost:8080");
    }

    #[test]
    fn from_env_explains_what_is_wrong_without_the_token() {
        let missing = ClientConfig::from_lookup(env(&[("LINODE_TOKEN", "  ")])).unwrap_err();
        assert!(matches!(
            missing,
            ConfigError::MissingEnv {
                name: "LINODE_TOKEN"
            }
        ));
        let advice = missing.to_string();
        assert!(
            advice.contains("LINODE_TOKEN is not set")
                && advice.contains("https://cloud.linode.com/profile/tokens")
                && advice.contains("export LINODE_TOKEN="),
            "{advice}"
        );
        let bad = ClientConfig::from_lookup(env(&[("LINODE_TOKEN", "abc\nsecret")])).unwrap_err();
        assert!(!bad.to_string().contains("secret"), "{bad}");
        let version =
            ClientConfig::from_lookup(env(&[("LINODE_TOKEN", "t"), ("LINODE_API_VERSION", "v5")]))
                .unwrap_err();
        assert!(version.to_string().contains("LINODE_API_VERSION"));
        let ca = ClientConfig::from_lookup(env(&[
            ("LINODE_TOKEN", "t"),
            ("LINODE_CA", "/nonexistent/ca.pem"),
        ]))
        .unwrap_err();
        assert!(ca.to_string().contains("LINODE_CA"), "{ca}");
    }

    #[test]
    fn plain_http_is_refused_unless_loopback_or_allowed() {
        let remote = ClientConfig::new()
            .with_base_url("http://api.example.test")
            .unwrap();
        assert!(matches!(
            remote.validate(),
            Err(ConfigError::InsecureUrl { .. })
        ));
        assert!(remote.allow_insecure_http().validate().is_ok());
        for local in ["http://localhost:1", "http://127.0.0.2", "http://[::1]:9"] {
            let c = ClientConfig::new().with_base_url(local).unwrap();
            assert!(c.validate().is_ok(), "{local}");
        }
        assert!(ClientConfig::new().validate().is_ok());
    }

    #[test]
    fn root_certificates_must_be_pem() {
        assert!(ClientConfig::new()
            .with_root_certificate_pem("hello")
            .is_err());
        assert!(ClientConfig::new().with_root_certificate_pem(PEM).is_ok());
    }
}
