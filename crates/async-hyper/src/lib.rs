//! The async Linode API client on hyper 1, hyper-util's pooled client, tokio and rustls.
//!
//! ```no_run
//! use linode_requests::profile::GetProfile;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = linode_hyper::Client::from_token("my-token")?;
//! let profile = client.send(&GetProfile).await?;
//! # Ok(()) }
//! ```
//!
//! [`Client`] is [`linode_client::Client`] over [`HyperTransport`]: `send`, `send_with_meta`,
//! `pages`, `items`, retries. The transport speaks HTTP/2 where the server offers it over TLS
//! (ALPN; requests in flight then share one connection) and HTTP/1.1 otherwise, keeps
//! connections alive in a pool, verifies TLS
//! with rustls (Mozilla's roots by default, the system's with the `native-roots` feature,
//! plus `LINODE_CA` / [`ClientConfig::with_root_certificate_pem`]), asks for gzip and
//! inflates it as it streams in (unless [`ClientConfig::with_compression`] turned that off),
//! applies the connect and request timeouts, refuses bodies whose decoded size passes the
//! configured maximum while they stream in, and never follows redirects. It must be used inside a tokio runtime (with the time driver).

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use bytes::{Bytes, BytesMut};
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use linode_client::encoding::{self, ContentEncoding, GzipDecoder};
use linode_client::{ClientConfig, ConfigError, FromClientConfig, Transport};
use linode_requests::{TransportError, TransportErrorKind};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::CertificateDer;

/// The async client over hyper: `linode_hyper::Client::from_token(token)?`.
pub type Client = linode_client::Client<HyperTransport>;

/// A [`Transport`] on hyper-util's pooled client with rustls: HTTP/2 when the server offers
/// it over TLS (ALPN), HTTP/1.1 otherwise.
///
/// Cheap to clone (the pool is shared). Build it with [`HyperTransport::new`], or let
/// [`Client::from_config`] do it.
#[derive(Clone)]
pub struct HyperTransport {
    client: hyper_util::client::legacy::Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
    request_timeout: Duration,
    max_response_bytes: usize,
    /// Whether to ask for gzip (`ClientConfig::with_compression`).
    compression: bool,
}

impl core::fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("HyperTransport")
            .field("request_timeout", &self.request_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("compression", &self.compression)
            .finish_non_exhaustive()
    }
}

impl HyperTransport {
    /// A transport with the timeouts, body cap and root certificates of `config`.
    pub fn new(config: &ClientConfig) -> Result<Self, ConfigError> {
        let tls = tls_config(config)?;
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(Some(config.connect_timeout()));
        http.set_nodelay(true);
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            // ALPN offers h2 and http/1.1: HTTP/2 where the server takes it (many requests
            // in flight on one TLS connection), HTTP/1.1 otherwise and over plain http.
            .enable_all_versions()
            .wrap_connector(http);
        let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .pool_idle_timeout(Duration::from_secs(60))
            .build(connector);
        Ok(Self {
            client,
            request_timeout: config.request_timeout(),
            max_response_bytes: config.max_response_bytes(),
            compression: config.compression(),
        })
    }

    async fn exchange(
        &self,
        mut request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        if self.compression {
            encoding::request_gzip(request.headers_mut());
        }
        let response = self
            .client
            .request(request.map(Full::new))
            .await
            .map_err(request_error)?;
        let (mut parts, body) = response.into_parts();
        let cap = self.max_response_bytes;
        let declared = parts
            .headers
            .get(http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|len| len > cap as u64) {
            return Err(too_large(cap));
        }
        let body = match ContentEncoding::of(&parts.headers)? {
            ContentEncoding::Gzip => {
                let body = read_gzip(body, cap, declared).await?;
                encoding::strip_encoding_headers(&mut parts.headers);
                body
            }
            _ => read_capped(body, cap, declared).await?,
        };
        Ok(http::Response::from_parts(parts, body))
    }
}

impl FromClientConfig for HyperTransport {
    fn from_client_config(config: &ClientConfig) -> Result<Self, ConfigError> {
        Self::new(config)
    }
}

#[async_trait]
impl Transport for HyperTransport {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        match tokio::time::timeout(self.request_timeout, self.exchange(request)).await {
            Ok(result) => result,
            Err(_) => Err(TransportError::new(
                TransportErrorKind::Timeout,
                format!(
                    "no complete response within {:?} (the request timeout)",
                    self.request_timeout
                ),
            )),
        }
    }

    async fn sleep(&self, duration: Duration) {
        tokio::time::sleep(duration).await;
    }
}

/// Reads the body frame by frame, failing as soon as it would exceed `cap`: never more
/// than `cap` bytes are held.
async fn read_capped(
    mut body: hyper::body::Incoming,
    cap: usize,
    declared: Option<u64>,
) -> Result<Bytes, TransportError> {
    let hint = declared.map_or(0, |len| usize::try_from(len).unwrap_or(cap).min(cap));
    let mut buf = BodyBuf::new(cap, hint);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(body_broke)?;
        if let Ok(data) = frame.into_data() {
            buf.push(data)?;
        }
    }
    Ok(buf.finish())
}

/// Inflates a gzip body frame by frame as it arrives; the cap applies to the decoded size
/// (and, through `Content-Length`, to the compressed one).
async fn read_gzip(
    mut body: hyper::body::Incoming,
    cap: usize,
    declared: Option<u64>,
) -> Result<Bytes, TransportError> {
    let hint = declared.map_or(0, |len| usize::try_from(len).unwrap_or(cap).min(cap));
    let mut decoder = GzipDecoder::new(cap, hint);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(body_broke)?;
        if let Ok(data) = frame.into_data() {
            decoder.write(&data)?;
        }
    }
    decoder.finish()
}

fn body_broke(error: hyper::Error) -> TransportError {
    TransportError::new(
        TransportErrorKind::Io,
        "the connection broke while reading the response body",
    )
    .with_source(error)
}

/// A body being read: a body that arrives in one frame (most API answers) is kept as that
/// frame's `Bytes`, without a copy; only a second frame starts a buffer.
struct BodyBuf {
    cap: usize,
    hint: usize,
    len: usize,
    chunks: Chunks,
}

enum Chunks {
    None,
    One(Bytes),
    Many(BytesMut),
}

impl BodyBuf {
    fn new(cap: usize, hint: usize) -> Self {
        Self {
            cap,
            hint,
            len: 0,
            chunks: Chunks::None,
        }
    }

    /// Adds a frame's data, or fails if the body would then exceed the cap.
    fn push(&mut self, data: Bytes) -> Result<(), TransportError> {
        let len = self.len.saturating_add(data.len());
        if len > self.cap {
            return Err(too_large(self.cap));
        }
        self.len = len;
        self.chunks = match std::mem::replace(&mut self.chunks, Chunks::None) {
            Chunks::None => Chunks::One(data),
            Chunks::One(first) => {
                let capacity = self.hint.max(len).min(1024 * 1024).max(len);
                let mut buf = BytesMut::with_capacity(capacity);
                buf.extend_from_slice(&first);
                buf.extend_from_slice(&data);
                Chunks::Many(buf)
            }
            Chunks::Many(mut buf) => {
                buf.extend_from_slice(&data);
                Chunks::Many(buf)
            }
        };
        Ok(())
    }

    fn finish(self) -> Bytes {
        match self.chunks {
            Chunks::None => Bytes::new(),
            Chunks::One(data) => data,
            Chunks::Many(buf) => buf.freeze(),
        }
    }
}

fn too_large(cap: usize) -> TransportError {
    TransportError::new(
        TransportErrorKind::BodyTooLarge,
        format!("the response body is larger than the maximum of {cap} bytes"),
    )
}

/// Classifies a failure of hyper-util's client after the fault table of
/// docs/errors-and-retries.md: `Connect` only when it failed to connect (DNS, TCP, TLS: the
/// connector runs the handshake), `Protocol` for an answer that is not HTTP hyper accepts (a
/// malformed head, or one over the size limit), `Io` for the rest.
fn request_error(error: hyper_util::client::legacy::Error) -> TransportError {
    if let Some(refused) = h2_not_processed(&error) {
        return TransportError::new(TransportErrorKind::Connect, refused).with_source(error);
    }
    if error.is_connect() {
        return TransportError::new(
            TransportErrorKind::Connect,
            "could not connect to the API (DNS, TCP or TLS)",
        )
        .with_source(error);
    }
    let mut next: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(&error);
    while let Some(cause) = next {
        if let Some(hyper) = cause.downcast_ref::<hyper::Error>() {
            // `is_parse` covers a head over the size limit and a bad status line too (the
            // narrower `is_parse_too_large` exists only with hyper's `server` feature, which
            // this crate does not enable).
            if hyper.is_parse() {
                return TransportError::new(
                    TransportErrorKind::Protocol,
                    "the response is not HTTP the client accepts (malformed, or its head too large)",
                )
                .with_source(error);
            }
        }
        next = cause.source();
    }
    TransportError::new(
        TransportErrorKind::Io,
        "the HTTP exchange failed after the connection was made",
    )
    .with_source(error)
}

/// Whether an HTTP/2 failure proves the server did not process the request (RFC 9113
/// §8.7), and why: a `REFUSED_STREAM` reset, or a `GOAWAY` that left this stream out (h2
/// reports the GOAWAY to exactly the streams above its last-stream-id, and to streams not
/// yet opened). Such a request is safe to send again, even a payment. Any other reset, and a
/// connection that breaks after the GOAWAY, may come after the server acted: not covered.
fn h2_not_processed(error: &(dyn std::error::Error + 'static)) -> Option<&'static str> {
    let mut next = Some(error);
    while let Some(cause) = next {
        if let Some(h2) = cause.downcast_ref::<h2::Error>() {
            if !h2.is_remote() {
                return None;
            }
            if h2.is_go_away() {
                return Some(
                    "the server closed the HTTP/2 connection (GOAWAY) before processing this \
                     request; it was not processed, so sending it again is safe",
                );
            }
            if h2.is_reset() && h2.reason() == Some(h2::Reason::REFUSED_STREAM) {
                return Some(
                    "the server refused the HTTP/2 stream (REFUSED_STREAM) before processing \
                     the request; it was not processed, so sending it again is safe",
                );
            }
            return None;
        }
        next = cause.source();
    }
    None
}

fn tls_config(config: &ClientConfig) -> Result<rustls::ClientConfig, ConfigError> {
    let mut roots = rustls::RootCertStore::empty();
    #[cfg(feature = "webpki-roots")]
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    #[cfg(feature = "native-roots")]
    {
        let native = rustls_native_certs::load_native_certs();
        if native.certs.is_empty() {
            if let Some(first) = native.errors.into_iter().next() {
                return Err(ConfigError::transport(
                    "no system root certificates could be loaded",
                    first,
                ));
            }
        }
        roots.add_parsable_certificates(native.certs);
    }
    if let Some(pem) = config.root_certificate_pem() {
        let mut added = 0usize;
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert = cert.map_err(|e| ConfigError::RootCertificate {
                reason: format!("the PEM text does not parse: {e}"),
            })?;
            roots.add(cert).map_err(|e| ConfigError::RootCertificate {
                reason: format!("a certificate was rejected: {e}"),
            })?;
            added += 1;
        }
        if added == 0 {
            return Err(ConfigError::RootCertificate {
                reason: "the PEM text has no certificate".to_owned(),
            });
        }
    }
    if roots.is_empty() && !config.request_config().is_plain_http() {
        return Err(ConfigError::RootCertificate {
            reason: "no root certificate to verify the API with: enable the `webpki-roots` or \
                     `native-roots` feature (of linode, or of linode-hyper), or give one (LINODE_CA)"
                .to_owned(),
        });
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ConfigError::transport("the TLS configuration is not usable", e))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_root_certificate_is_a_config_error() {
        let config = ClientConfig::new()
            .with_root_certificate_pem(
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n",
            )
            .unwrap();
        let err = HyperTransport::new(&config).unwrap_err();
        assert!(matches!(err, ConfigError::RootCertificate { .. }), "{err}");
    }

    #[test]
    fn a_body_in_one_frame_is_kept_without_a_copy() {
        let frame = Bytes::from_static(b"{\"uid\":7}");
        let mut buf = BodyBuf::new(100, 9);
        buf.push(frame.clone()).unwrap();
        let body = buf.finish();
        assert_eq!(body, frame);
        assert_eq!(body.as_ptr(), frame.as_ptr());
        assert!(BodyBuf::new(100, 0).finish().is_empty());
    }

    #[test]
    fn frames_are_joined_in_order_up_to_the_cap() {
        let mut buf = BodyBuf::new(10, 0);
        for part in ["abc", "", "defg", "hij"] {
            buf.push(Bytes::from(part)).unwrap();
        }
        assert_eq!(buf.finish(), Bytes::from_static(b"abcdefghij"));

        let mut buf = BodyBuf::new(10, 10);
        buf.push(Bytes::from_static(b"0123456789")).unwrap();
        let err = buf.push(Bytes::from_static(b"x")).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge);
        let err = BodyBuf::new(3, 0)
            .push(Bytes::from_static(b"abcd"))
            .unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge);
    }

    #[test]
    fn builds_with_defaults_outside_a_runtime() {
        assert!(HyperTransport::new(&ClientConfig::new()).is_ok());
    }
}
