//! The blocking Linode API client on ureq 3 and rustls.
//!
//! ```no_run
//! use linode_requests::profile::GetProfile;
//!
//! let client = linode_ureq::Client::from_token("my-token")?;
//! let profile = client.send(&GetProfile)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Client`] is [`linode_client::BlockingClient`] over [`UreqTransport`]: `send`,
//! `send_with_meta`, `pages`, `items`, retries. The agent keeps connections alive, verifies
//! TLS with rustls (Mozilla's roots by default, the system's with the `native-roots` feature,
//! plus `LINODE_CA` / [`ClientConfig::with_root_certificate_pem`]), returns error statuses as
//! responses so the API's error body is parsed, keeps every response header, asks for gzip
//! and inflates it while reading (unless [`ClientConfig::with_compression`] turned that
//! off), applies the connect and request timeouts, refuses bodies whose decoded size passes
//! the configured maximum while reading, and never follows redirects. It looks a host name up at most once a minute (and an IP
//! address not at all), where ureq alone would look it up before every request.

mod resolve;

use std::io::{self, Read};

use bytes::Bytes;
use linode_client::encoding::{self, ContentEncoding, GzipDecoder};
use linode_client::{BlockingTransport, ClientConfig, ConfigError, FromClientConfig};
use linode_requests::{TransportError, TransportErrorKind};
use ureq::tls::{Certificate, RootCerts, TlsConfig};
use ureq::unversioned::transport::{ConnectionDetails, Connector, DefaultConnector};

use resolve::{CachingResolver, DnsCache};

/// Log filter directives that keep secrets out of logs (`RUST_LOG` syntax, as env_logger and
/// tracing-subscriber's `EnvFilter` read it), to add to your own: `info,ureq=debug,ureq_proto=debug`.
///
/// ureq logs through the `log` crate, and at TRACE its protocol layer (`ureq_proto`) dumps
/// every byte sent and received, so the `Authorization` header, new tokens, OAuth client
/// secrets and TFA secrets; with TRACE on for `ureq`, its DEBUG line of each request also
/// shows the full path, where a transfer token is a path parameter. ureq has no switch for
/// this and a library cannot filter the application's logger, so the filter is yours to set:
/// these directives keep ureq at DEBUG at most, where it logs no body, no sensitive header
/// and the path as `/******`.
pub const SAFE_LOG_DIRECTIVES: &str = "ureq=debug,ureq_proto=debug";

/// Whether a log record of `target` at `level` is safe to keep: `false` for ureq's TRACE
/// records (see [`SAFE_LOG_DIRECTIVES`]). For a hand-written `log::Log` (use it in both
/// `enabled` and `log`) or a tracing filter over bridged `log` records.
///
/// ```
/// assert!(!linode_ureq::log_target_is_safe("ureq_proto::util", log::Level::Trace));
/// assert!(linode_ureq::log_target_is_safe("ureq::pool", log::Level::Debug));
/// assert!(linode_ureq::log_target_is_safe("my_app", log::Level::Trace));
/// ```
pub fn log_target_is_safe(target: &str, level: log::Level) -> bool {
    let from_ureq = ["ureq", "ureq_proto"].iter().any(|name| {
        target
            .strip_prefix(name)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with("::"))
    });
    !(from_ureq && level == log::Level::Trace)
}

/// The blocking client over ureq: `linode_ureq::Client::from_token(token)?`.
pub type Client = linode_client::BlockingClient<UreqTransport>;

/// A [`BlockingTransport`] on a ureq 3 agent.
///
/// Cheap to clone (the connection pool is shared) and usable from many threads.
#[derive(Clone)]
pub struct UreqTransport {
    agent: ureq::Agent,
    max_response_bytes: usize,
    /// Whether to ask for gzip (`ClientConfig::with_compression`).
    compression: bool,
    /// The agent's resolver's cache, forgotten when a connection cannot be made.
    dns: DnsCache,
}

impl core::fmt::Debug for UreqTransport {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("UreqTransport")
            .field("max_response_bytes", &self.max_response_bytes)
            .field("compression", &self.compression)
            .finish_non_exhaustive()
    }
}

impl UreqTransport {
    /// A transport with the timeouts, body cap and root certificates of `config`.
    pub fn new(config: &ClientConfig) -> Result<Self, ConfigError> {
        let tls = TlsConfig::builder().root_certs(roots(config)?).build();
        let agent_config = ureq::Agent::config_builder()
            // Error statuses are answers: their body is the API's error to parse.
            .http_status_as_error(false)
            // Redirects are never followed (the 3xx comes back; the client refuses it).
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_connect(Some(config.connect_timeout()))
            .timeout_global(Some(config.request_timeout()))
            .tls_config(tls)
            .build();
        let dns = DnsCache::default();
        let resolver = CachingResolver::new(dns.clone());
        let connector = MarkConnectErrors(DefaultConnector::default());
        let agent = ureq::Agent::with_parts(agent_config, connector, resolver);
        Ok(Self {
            agent,
            max_response_bytes: config.max_response_bytes(),
            compression: config.compression(),
            dns,
        })
    }
}

impl FromClientConfig for UreqTransport {
    fn from_client_config(config: &ClientConfig) -> Result<Self, ConfigError> {
        Self::new(config)
    }
}

impl BlockingTransport for UreqTransport {
    fn send(&self, request: http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> {
        let (mut parts, body) = request.into_parts();
        if self.compression {
            encoding::request_gzip(&mut parts.headers);
        }
        // A body-less GET or DELETE goes without a body at all (no `Content-Length: 0`).
        let bodyless =
            body.is_empty() && matches!(parts.method, http::Method::GET | http::Method::DELETE);
        let response = if bodyless {
            self.agent.run(http::Request::from_parts(parts, ()))
        } else {
            self.agent.run(http::Request::from_parts(parts, &body[..]))
        }
        .map_err(|e| {
            let error = map_error(e, self.max_response_bytes);
            if error.kind() == TransportErrorKind::Connect {
                // The addresses may be stale: the retry (or the next request) looks them up.
                self.dns.clear();
            }
            error
        })?;

        let (mut parts, mut body) = response.into_parts();
        let cap = self.max_response_bytes;
        // A body that says it is too big is refused before reading any of it (compressed or
        // not: a gzip body inflates to at least about its own size).
        let declared = parts
            .headers
            .get(http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|len| len > cap as u64) {
            return Err(map_error(ureq::Error::BodyExceedsLimit(cap as u64), cap));
        }
        let limit = u64::try_from(cap).unwrap_or(u64::MAX);
        let bytes = match ContentEncoding::of(&parts.headers)? {
            ContentEncoding::Gzip => {
                let reader = body.with_config().limit(limit).reader();
                let bytes = read_gzip(reader, cap)?;
                encoding::strip_encoding_headers(&mut parts.headers);
                bytes
            }
            _ => Bytes::from(
                body.with_config()
                    .limit(limit)
                    .read_to_vec()
                    .map_err(|e| map_error(e, cap))?,
            ),
        };
        Ok(http::Response::from_parts(parts, bytes))
    }
}

/// Inflates a gzip body as it is read, the cap applying to the decoded size (ureq's own
/// limit, set on `reader`, bounds the compressed bytes).
///
/// ureq decodes gzip itself when its `gzip` feature is on, which this crate does not
/// enable but another crate in the same build may; its limit then bounds the compressed
/// size only. So the first bytes decide: gzip's magic number means the bytes are still
/// compressed; anything else was inflated by ureq already and is only capped here.
fn read_gzip(mut reader: impl Read, cap: usize) -> Result<Bytes, TransportError> {
    const MAGIC: [u8; 2] = [0x1f, 0x8b];
    let read_error = |e: io::Error| map_error(ureq::Error::from(e), cap);
    let mut chunk = [0u8; 16 * 1024];
    let mut start = 0;
    while start < MAGIC.len() {
        match reader.read(&mut chunk[start..]) {
            Ok(0) => break,
            Ok(n) => start += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(read_error(e)),
        }
    }
    if chunk[..start].starts_with(&MAGIC) {
        let mut decoder = GzipDecoder::new(cap, 0);
        decoder.write(&chunk[..start])?;
        loop {
            match reader.read(&mut chunk) {
                Ok(0) => return decoder.finish(),
                Ok(n) => decoder.write(&chunk[..n])?,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(read_error(e)),
            }
        }
    }
    let mut decoded = chunk[..start].to_vec();
    let more = u64::try_from(cap.saturating_add(1).saturating_sub(start)).unwrap_or(u64::MAX);
    reader
        .take(more)
        .read_to_end(&mut decoded)
        .map_err(read_error)?;
    if decoded.len() > cap {
        return Err(TransportError::new(
            TransportErrorKind::BodyTooLarge,
            format!("the decoded response body is larger than the maximum of {cap} bytes"),
        ));
    }
    Ok(Bytes::from(decoded))
}

/// Wraps the connector chain (TCP, TLS handshake, proxies) so that a failure there is known
/// to be one: ureq's own errors do not say in which phase they happened, and only a failure
/// before any byte of the request was written may be retried for a payment.
#[derive(Debug)]
struct MarkConnectErrors<C>(C);

impl<C: Connector<()>> Connector<()> for MarkConnectErrors<C> {
    type Out = C::Out;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<()>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        self.0
            .connect(details, chained)
            .map_err(|e| ureq::Error::Other(Box::new(DuringConnect(e))))
    }
}

/// A ureq error raised while connecting (see [`MarkConnectErrors`]).
#[derive(Debug)]
struct DuringConnect(ureq::Error);

impl core::fmt::Display for DuringConnect {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DuringConnect {}

/// Classifies a ureq failure after the fault table of docs/errors-and-retries.md: `Connect`
/// only when nothing can have been sent.
fn map_error(error: ureq::Error, cap: usize) -> TransportError {
    use ureq::Error as E;
    let error = match error {
        E::Other(other) => match other.downcast::<DuringConnect>() {
            Ok(during) => {
                let message = match &during.0 {
                    E::Timeout(_) => "could not connect to the API in time",
                    _ => "could not connect to the API (DNS, TCP or TLS)",
                };
                return TransportError::new(TransportErrorKind::Connect, message)
                    .with_source(during.0);
            }
            Err(other) => E::Other(other),
        },
        E::Io(io) => {
            let (kind, message) = if is_connect_io(&io) {
                (TransportErrorKind::Connect, "could not connect to the API")
            } else if io.kind() == io::ErrorKind::TimedOut {
                (TransportErrorKind::Timeout, "no complete response in time")
            } else {
                (
                    TransportErrorKind::Io,
                    "the connection broke during the exchange",
                )
            };
            // The io error itself is the cause: ureq's wrapper would only repeat it.
            return TransportError::new(kind, message).with_source(io);
        }
        other => other,
    };
    let (kind, message) = match &error {
        E::Timeout(ureq::Timeout::Resolve | ureq::Timeout::Connect) => (
            TransportErrorKind::Connect,
            "could not connect to the API in time".to_owned(),
        ),
        E::Timeout(which) => (
            TransportErrorKind::Timeout,
            format!("no complete response in time ({which})"),
        ),
        E::HostNotFound | E::ConnectionFailed | E::BadUri(_) => (
            TransportErrorKind::Connect,
            "could not connect to the API".to_owned(),
        ),
        E::LargeResponseHeader(..) => (
            TransportErrorKind::Protocol,
            "the response head is larger than the client accepts".to_owned(),
        ),
        E::Protocol(_) => (
            TransportErrorKind::Protocol,
            "the response is not valid HTTP".to_owned(),
        ),
        E::BodyExceedsLimit(_) => (
            TransportErrorKind::BodyTooLarge,
            format!("the response body is larger than the maximum of {cap} bytes"),
        ),
        E::TooManyRedirects | E::RedirectFailed => (
            TransportErrorKind::Redirect,
            "the server answered with a redirect, which is not followed".to_owned(),
        ),
        _ => (
            TransportErrorKind::Other,
            "the HTTP exchange failed".to_owned(),
        ),
    };
    TransportError::new(kind, message).with_source(error)
}

/// Errors only a connection attempt can produce (never a connection already in use).
fn is_connect_io(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::HostUnreachable
            | io::ErrorKind::NetworkUnreachable
            | io::ErrorKind::AddrNotAvailable
    )
}

fn roots(config: &ClientConfig) -> Result<RootCerts, ConfigError> {
    let Some(pem) = config.root_certificate_pem() else {
        return Ok(default_roots());
    };
    let mut certs: Vec<Certificate<'static>> = Vec::new();
    for item in ureq::tls::parse_pem(pem) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(cert)) => certs.push(cert),
            Ok(_) => {}
            Err(e) => {
                return Err(ConfigError::RootCertificate {
                    reason: format!("the PEM text does not parse: {e}"),
                })
            }
        }
    }
    if certs.is_empty() {
        return Err(ConfigError::RootCertificate {
            reason: "the PEM text has no certificate".to_owned(),
        });
    }
    #[cfg(feature = "webpki-roots")]
    certs.extend(
        webpki_root_certs::TLS_SERVER_ROOT_CERTS
            .iter()
            .map(|der| Certificate::from_der(der.as_ref()).to_owned()),
    );
    #[cfg(feature = "native-roots")]
    certs.extend(
        rustls_native_certs::load_native_certs()
            .certs
            .iter()
            .map(|der| Certificate::from_der(der.as_ref()).to_owned()),
    );
    Ok(RootCerts::new_with_certs(&certs))
}

#[cfg(feature = "native-roots")]
fn default_roots() -> RootCerts {
    let native: Vec<Certificate<'static>> = rustls_native_certs::load_native_certs()
        .certs
        .iter()
        .map(|der| Certificate::from_der(der.as_ref()).to_owned())
        .collect();
    #[cfg(feature = "webpki-roots")]
    let native = {
        let mut all = native;
        all.extend(
            webpki_root_certs::TLS_SERVER_ROOT_CERTS
                .iter()
                .map(|der| Certificate::from_der(der.as_ref()).to_owned()),
        );
        all
    };
    RootCerts::new_with_certs(&native)
}

#[cfg(not(feature = "native-roots"))]
fn default_roots() -> RootCerts {
    RootCerts::WebPki
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_root_certificate_is_a_config_error() {
        let config = ClientConfig::new()
            .with_root_certificate_pem(
                "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
            )
            .unwrap();
        assert!(UreqTransport::new(&config).is_err());
    }

    #[test]
    fn a_failed_connection_forgets_the_cached_addresses() {
        let transport = UreqTransport::new(&ClientConfig::new()).unwrap();
        transport.dns.insert_for_test("api.example.test");
        assert!(!transport.dns.is_empty());
        // Nothing listens on port 1 of loopback: the connection is refused.
        let request = http::Request::get("http://127.0.0.1:1/v4/profile")
            .body(Bytes::new())
            .unwrap();
        let err = transport.send(request).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
        assert!(transport.dns.is_empty());
    }

    #[test]
    fn connect_errors_are_told_apart() {
        let refused = ureq::Error::Io(io::Error::from(io::ErrorKind::ConnectionRefused));
        assert_eq!(map_error(refused, 1).kind(), TransportErrorKind::Connect);
        let reset = ureq::Error::Io(io::Error::from(io::ErrorKind::ConnectionReset));
        assert_eq!(map_error(reset, 1).kind(), TransportErrorKind::Io);
        let timeout = ureq::Error::Timeout(ureq::Timeout::Global);
        assert_eq!(map_error(timeout, 1).kind(), TransportErrorKind::Timeout);
        let connect = ureq::Error::Timeout(ureq::Timeout::Connect);
        assert_eq!(map_error(connect, 1).kind(), TransportErrorKind::Connect);
        let big = ureq::Error::BodyExceedsLimit(1);
        assert_eq!(map_error(big, 1).kind(), TransportErrorKind::BodyTooLarge);
    }
}
