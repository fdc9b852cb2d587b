//! The blocking client, generic over any [`BlockingTransport`].

use std::sync::Arc;

use bytes::Bytes;
use linode_requests::{ApiResponse, Error, Metadata, Operation};

use crate::client_config::{ClientConfig, ConfigError};
use crate::retry::RetryDecision;
use crate::retry_loop::{copy_request, refuse_redirects, RetryLoop};
use crate::transport::{BlockingTransport, FromClientConfig};

/// Sends operations over a [`BlockingTransport`], retrying as the
/// [`RetryConfig`](crate::RetryConfig) says. The blocking twin of [`crate::Client`].
///
/// Cloning is cheap; with a `Send + Sync` transport the client can be shared by threads.
///
/// With `linode-ureq`, `linode_ureq::Client` is this type over its transport
/// (`linode_ureq::Client::from_token(&token)?`). Code can stay generic over the transport:
///
/// ```no_run
/// use linode_client::{BlockingClient, BlockingTransport};
/// use linode_requests::profile::ListSshKeys;
///
/// fn key_labels<T: BlockingTransport>(
///     client: &BlockingClient<T>,
/// ) -> Result<Vec<String>, linode_requests::Error> {
///     client.items(ListSshKeys::default()).map(|key| Ok(key?.label)).collect()
/// }
/// ```
pub struct BlockingClient<T> {
    shared: Arc<Shared<T>>,
}

struct Shared<T> {
    config: ClientConfig,
    transport: T,
}

impl<T> Clone for BlockingClient<T> {
    fn clone(&self) -> Self {
        Self {
            shared: self.shared.clone(),
        }
    }
}

impl<T> core::fmt::Debug for BlockingClient<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BlockingClient")
            .field("config", &self.shared.config)
            .field("transport", &core::any::type_name::<T>())
            .finish()
    }
}

impl<T: BlockingTransport> BlockingClient<T> {
    /// A client sending through `transport` with `config` (checked: plain http only to
    /// loopback unless allowed).
    pub fn new(config: ClientConfig, transport: T) -> Result<Self, ConfigError> {
        config.validate()?;
        Ok(Self {
            shared: Arc::new(Shared { config, transport }),
        })
    }

    /// A client whose transport is built from `config`.
    pub fn from_config(config: ClientConfig) -> Result<Self, ConfigError>
    where
        T: FromClientConfig,
    {
        let transport = T::from_client_config(&config)?;
        Self::new(config, transport)
    }

    /// A client for the public API with `token` and every default.
    pub fn from_token(token: &str) -> Result<Self, ConfigError>
    where
        T: FromClientConfig,
    {
        Self::from_config(ClientConfig::new().with_token(token)?)
    }

    /// A client configured from `LINODE_TOKEN`, `LINODE_URL`, `LINODE_API_VERSION` and
    /// `LINODE_CA` (see [`ClientConfig::from_env`]).
    pub fn from_env() -> Result<Self, ConfigError>
    where
        T: FromClientConfig,
    {
        Self::from_config(ClientConfig::from_env()?)
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.shared.config
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.shared.transport
    }

    /// Sends `op` and returns its typed output.
    pub fn send<O: Operation>(&self, op: &O) -> Result<O::Output, Error> {
        self.send_with_meta(op).map(ApiResponse::into_value)
    }

    /// Sends `op` and returns its typed output with the response's status, headers
    /// (rate limits: [`ApiResponse::meta`]) and warnings.
    pub fn send_with_meta<O: Operation>(&self, op: &O) -> Result<ApiResponse<O::Output>, Error> {
        let request = op.to_http_request(self.shared.config.request_config())?;
        let response = self.execute(&O::META, request)?;
        O::from_http_response(response)
    }

    /// Sends a built request for the operation described by `meta`, with retries, and
    /// returns the raw response (any status).
    pub fn execute(
        &self,
        meta: &Metadata,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, Error> {
        let transport = &self.shared.transport;
        let mut retries = RetryLoop::new(self.shared.config.retry(), meta);
        loop {
            let (_, span) = retries.begin();
            let exchange = span.in_scope(|| transport.send(copy_request(&request)));
            let exchange = refuse_redirects(exchange);
            match retries.after(&exchange, &span) {
                RetryDecision::Retry { delay, .. } => transport.sleep(delay),
                RetryDecision::Stop { .. } => {
                    return exchange.map_err(|source| Error::Transport {
                        operation: meta.name,
                        source,
                    });
                }
            }
        }
    }
}
