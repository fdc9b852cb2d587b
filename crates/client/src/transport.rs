//! The two transport traits: the only thing an HTTP client must provide.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;

use linode_requests::TransportError;

use crate::client_config::ClientConfig;
use crate::config_error::ConfigError;

/// Moves one request to the API and brings back the whole response, asynchronously.
///
/// Implementations must:
/// - send the request as given (method, URI, every header, body) and **never follow
///   redirects**: a `3xx` is returned as a response (the client turns it into an error);
/// - read the whole body, refusing one larger than the configured maximum with
///   [`TransportErrorKind::BodyTooLarge`](linode_requests::TransportErrorKind::BodyTooLarge)
///   without buffering more than that maximum; a transport that asks for compression
///   decodes the body and applies the maximum to the decoded size
///   (see [`encoding`](crate::encoding));
/// - report failures with the right [`TransportErrorKind`](linode_requests::TransportErrorKind):
///   `Connect` only when the request certainly did not leave (the retry policy may then
///   re-send even a payment), `Timeout`/`Io` when it may have reached the server.
///
/// [`Transport::sleep`] is how the client waits between retries. The default works on any
/// executor (a helper thread wakes the task); override it with your runtime's timer.
#[async_trait]
pub trait Transport: Send + Sync {
    /// Sends `request` and returns the complete response, or why there is none.
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError>;

    /// Waits for `duration` (backoff between retries). The default needs no runtime.
    async fn sleep(&self, duration: Duration) {
        crate::sleep::ThreadSleep::new(duration).await;
    }
}

/// Moves one request to the API and brings back the whole response, blocking the thread.
///
/// The same contract as [`Transport`]: no redirects, the body cap enforced while reading, and
/// [`TransportErrorKind::Connect`](linode_requests::TransportErrorKind::Connect) only when nothing was
/// sent.
pub trait BlockingTransport {
    /// Sends `request` and returns the complete response, or why there is none.
    fn send(&self, request: http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError>;

    /// Waits for `duration` (backoff between retries); `std::thread::sleep` by default.
    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

/// A transport that can be built from a [`ClientConfig`] (timeouts, body cap, roots).
///
/// Implemented by the shipped transports; it is what lets
/// `linode_hyper::Client::from_token(token)` build everything in one call.
pub trait FromClientConfig: Sized {
    /// Builds the transport for `config`.
    fn from_client_config(config: &ClientConfig) -> Result<Self, ConfigError>;
}

#[async_trait]
impl<T: Transport + ?Sized> Transport for Arc<T> {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        (**self).send(request).await
    }

    async fn sleep(&self, duration: Duration) {
        (**self).sleep(duration).await;
    }
}

#[async_trait]
impl<T: Transport + ?Sized> Transport for Box<T> {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        (**self).send(request).await
    }

    async fn sleep(&self, duration: Duration) {
        (**self).sleep(duration).await;
    }
}

impl<T: BlockingTransport + ?Sized> BlockingTransport for Arc<T> {
    fn send(&self, request: http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> {
        (**self).send(request)
    }

    fn sleep(&self, duration: Duration) {
        (**self).sleep(duration);
    }
}

impl<T: BlockingTransport + ?Sized> BlockingTransport for Box<T> {
    fn send(&self, request: http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> {
        (**self).send(request)
    }

    fn sleep(&self, duration: Duration) {
        (**self).sleep(duration);
    }
}
