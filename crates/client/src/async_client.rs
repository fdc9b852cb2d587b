//! The async client, generic over any [`Transport`].

use std::sync::Arc;

use bytes::Bytes;
use linode_requests::{ApiResponse, Error, Metadata, Operation};
use tracing::Instrument;

use crate::client_config::{ClientConfig, ConfigError};
use crate::retry::RetryDecision;
use crate::retry_loop::{copy_request, refuse_redirects, RetryLoop};
use crate::transport::{FromClientConfig, Transport};

/// Sends operations over an async [`Transport`], retrying as the [`RetryConfig`] says.
///
/// Cloning is cheap (the configuration and transport are shared), so one client serves a
/// whole program: clone it into every task.
///
/// With `linode-hyper`, `linode_hyper::Client` is this type over its transport
/// (`linode_hyper::Client::from_token(&token)?`). Code can stay generic over the transport:
///
/// ```no_run
/// use linode_client::{Client, Transport};
/// use linode_requests::profile::ListSshKeys;
///
/// async fn key_labels<T: Transport + 'static>(
///     client: &Client<T>,
/// ) -> Result<Vec<String>, linode_requests::Error> {
///     let mut labels = Vec::new();
///     let mut keys = client.items(ListSshKeys::default());
///     while let Some(key) = keys.next().await {
///         labels.push(key?.label);
///     }
///     Ok(labels)
/// }
/// ```
///
/// [`RetryConfig`]: crate::RetryConfig
pub struct Client<T> {
    shared: Arc<Shared<T>>,
}

struct Shared<T> {
    config: ClientConfig,
    transport: T,
}

impl<T> Clone for Client<T> {
    fn clone(&self) -> Self {
        Self {
            shared: self.shared.clone(),
        }
    }
}

impl<T> core::fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.shared.config)
            .field("transport", &core::any::type_name::<T>())
            .finish()
    }
}

impl<T: Transport> Client<T> {
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
    pub async fn send<O>(&self, op: &O) -> Result<O::Output, Error>
    where
        O: Operation + Sync,
    {
        self.send_with_meta(op).await.map(ApiResponse::into_value)
    }

    /// Sends `op` and returns its typed output with the response's status, headers
    /// (rate limits: [`ApiResponse::meta`]) and warnings.
    pub async fn send_with_meta<O>(&self, op: &O) -> Result<ApiResponse<O::Output>, Error>
    where
        O: Operation + Sync,
    {
        let request = op.to_http_request(self.shared.config.request_config())?;
        let response = self.execute(&O::META, request).await?;
        O::from_http_response(response)
    }

    /// Sends a built request for the operation described by `meta`, with retries, and
    /// returns the raw response (any status). For code that routes by [`Metadata`]; typed
    /// code uses [`Client::send`].
    pub async fn execute(
        &self,
        meta: &Metadata,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, Error> {
        let transport = &self.shared.transport;
        let mut retries = RetryLoop::new(self.shared.config.retry(), meta);
        loop {
            let (_, span) = retries.begin();
            let exchange = transport
                .send(copy_request(&request))
                .instrument(span.clone())
                .await;
            let exchange = refuse_redirects(exchange);
            match retries.after(&exchange, &span) {
                RetryDecision::Retry { delay, .. } => {
                    transport.sleep(delay).instrument(span).await;
                }
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
