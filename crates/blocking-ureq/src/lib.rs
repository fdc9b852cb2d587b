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
use ureq::unversioned::transport::DefaultConnector;

use resolve::{CachingResolver, DnsCache};

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
        let agent = ureq::Agent::with_parts(agent_config, DefaultConnector::default(), resolver);
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

/// Classifies a ureq failure: `Connect` only when nothing can have been sent.
fn map_error(error: ureq::Error, cap: usize) -> TransportError {
    use ureq::Error as E;
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
        E::Io(io) if is_connect_io(io) => (
            TransportErrorKind::Connect,
            "could not connect to the API".to_owned(),
        ),
        E::Io(io) if io.kind() == io::ErrorKind::TimedOut => (
            TransportErrorKind::Timeout,
            "no complete response in time".to_owned(),
        ),
        E::Io(_) => (
            TransportErrorKind::Io,
            "the connection broke during the exchange".to_owned(),
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
