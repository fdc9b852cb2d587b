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
//! [`Client`] is [`linode_requests::BlockingClient`] over [`UreqTransport`]: `send`,
//! `send_with_meta`, `pages`, `items`, retries. The agent keeps connections alive, verifies
//! TLS with rustls (Mozilla's roots by default, the system's with the `native-roots` feature,
//! plus `LINODE_CA` / [`ClientConfig::with_root_certificate_pem`]), returns error statuses as
//! responses so the API's error body is parsed, keeps every response header, applies the
//! connect and request timeouts, refuses bodies over the configured maximum while reading,
//! and never follows redirects.

use std::io;
use std::net::{IpAddr, SocketAddr};

use bytes::Bytes;
use linode_requests::client::{BlockingTransport, ClientConfig, ConfigError, FromClientConfig};
use linode_requests::{TransportError, TransportErrorKind};
use ureq::tls::{Certificate, RootCerts, TlsConfig};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

/// The blocking client over ureq: `linode_ureq::Client::from_token(token)?`.
pub type Client = linode_requests::BlockingClient<UreqTransport>;

/// A [`BlockingTransport`] on a ureq 3 agent.
///
/// Cheap to clone (the connection pool is shared) and usable from many threads.
#[derive(Clone)]
pub struct UreqTransport {
    agent: ureq::Agent,
    max_response_bytes: usize,
}

impl core::fmt::Debug for UreqTransport {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("UreqTransport")
            .field("max_response_bytes", &self.max_response_bytes)
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
        let agent =
            ureq::Agent::with_parts(agent_config, DefaultConnector::default(), IpLiteralResolver);
        Ok(Self {
            agent,
            max_response_bytes: config.max_response_bytes(),
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
        let (parts, body) = request.into_parts();
        // A body-less GET or DELETE goes without a body at all (no `Content-Length: 0`).
        let bodyless =
            body.is_empty() && matches!(parts.method, http::Method::GET | http::Method::DELETE);
        let response = if bodyless {
            self.agent.run(http::Request::from_parts(parts, ()))
        } else {
            self.agent.run(http::Request::from_parts(parts, &body[..]))
        }
        .map_err(|e| map_error(e, self.max_response_bytes))?;

        let (parts, mut body) = response.into_parts();
        let cap = self.max_response_bytes;
        let bytes = body
            .with_config()
            .limit(u64::try_from(cap).unwrap_or(u64::MAX))
            .read_to_vec()
            .map_err(|e| map_error(e, cap))?;
        Ok(http::Response::from_parts(parts, Bytes::from(bytes)))
    }
}

/// ureq's resolver, except that a host which is an IP address is used as it is.
///
/// ureq resolves the host before every request, even one that then goes over a pooled
/// connection, and while a timeout is in force (the request timeout always is) its default
/// resolver does so on a new thread, so that a slow lookup can be abandoned. For a host that is
/// already an address (a local fake server, a proxy by IP) that thread does nothing useful and
/// costs more than the rest of a loopback request; this answers such hosts at once and leaves
/// names to ureq's resolver.
#[derive(Debug)]
struct IpLiteralResolver;

impl Resolver for IpLiteralResolver {
    fn resolve(
        &self,
        uri: &http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let Some(addr) = ip_literal(uri) else {
            return DefaultResolver::default().resolve(uri, config, timeout);
        };
        let mut addrs = self.empty();
        for addr in config.ip_family().keep_wanted(std::iter::once(addr)) {
            addrs.push(addr);
        }
        if addrs.is_empty() {
            // An IPv6 literal with `Ipv4Only` (or the reverse): nothing to connect to.
            return Err(ureq::Error::HostNotFound);
        }
        Ok(addrs)
    }
}

/// The socket address of `uri` when its host is an IP address (`127.0.0.1`, `[::1]`), with
/// the scheme's default port when none is given.
fn ip_literal(uri: &http::Uri) -> Option<SocketAddr> {
    let host = uri.host()?;
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let ip: IpAddr = host.parse().ok()?;
    let port = match (uri.port_u16(), uri.scheme_str()) {
        (Some(port), _) => port,
        (None, Some("http")) => 80,
        (None, Some("https")) => 443,
        (None, _) => return None,
    };
    Some(SocketAddr::new(ip, port))
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
    fn ip_literal_hosts_are_addresses_and_names_are_not() {
        let at = |uri: &str| ip_literal(&uri.parse().unwrap());
        assert_eq!(
            at("http://127.0.0.1:8080/v4/profile"),
            Some(([127, 0, 0, 1], 8080).into())
        );
        assert_eq!(at("https://10.1.2.3/v4"), Some(([10, 1, 2, 3], 443).into()));
        assert_eq!(at("http://10.1.2.3/v4"), Some(([10, 1, 2, 3], 80).into()));
        assert_eq!(
            at("http://[::1]:4000/"),
            Some(SocketAddr::new(
                IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]),
                4000
            ))
        );
        assert_eq!(at("https://api.linode.com/v4"), None);
        assert_eq!(at("https://localhost:8443/v4"), None);
        assert_eq!(at("/v4/profile"), None);
    }

    #[test]
    fn the_resolver_answers_literals_and_resolves_names() {
        let config = ureq::config::Config::default();
        let timeout = NextTimeout::default;
        let uri: http::Uri = "http://127.0.0.1:9/".parse().unwrap();
        let addrs = IpLiteralResolver.resolve(&uri, &config, timeout()).unwrap();
        assert_eq!(&addrs[..], &[SocketAddr::from(([127, 0, 0, 1], 9))]);
        // A name goes to ureq's resolver (`localhost` needs no network).
        let uri: http::Uri = "http://localhost:9/".parse().unwrap();
        let addrs = IpLiteralResolver.resolve(&uri, &config, timeout()).unwrap();
        assert!(addrs.iter().all(|a| a.ip().is_loopback() && a.port() == 9));
        assert!(!addrs.is_empty());
        // The IP family setting still applies to literals.
        let v4_only = ureq::config::Config::builder()
            .ip_family(ureq::config::IpFamily::Ipv4Only)
            .build();
        let uri: http::Uri = "http://[::1]:9/".parse().unwrap();
        assert!(matches!(
            IpLiteralResolver.resolve(&uri, &v4_only, timeout()),
            Err(ureq::Error::HostNotFound)
        ));
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
