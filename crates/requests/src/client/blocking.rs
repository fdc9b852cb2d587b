//! The blocking client, generic over any [`BlockingTransport`].

use std::sync::Arc;

use bytes::Bytes;
use linode_models::Page;

use super::config::{ClientConfig, ConfigError};
use super::exchange::{copy_request, refuse_redirects, RetryLoop};
use super::pages::next_page;
use super::retry::RetryDecision;
use super::transport::{BlockingTransport, FromClientConfig};
use crate::error::Error;
use crate::meta::Metadata;
use crate::operation::{ListOperation, Operation};
use crate::response::ApiResponse;

/// Sends operations over a [`BlockingTransport`], retrying as the
/// [`RetryConfig`](super::RetryConfig) says. The blocking twin of [`super::Client`].
///
/// Cloning is cheap; with a `Send + Sync` transport the client can be shared by threads.
///
/// With `linode-ureq`, `linode_ureq::Client` is this type over its transport
/// (`linode_ureq::Client::from_token(&token)?`). Code can stay generic over the transport:
///
/// ```no_run
/// use linode_requests::client::{BlockingClient, BlockingTransport};
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

    /// The pages of a list as an iterator, fetched one at a time: page `n + 1` is requested
    /// only when page `n` has been taken. Ends after the last page or the first error.
    pub fn pages<O, I>(&self, op: O) -> BlockingPages<T, O>
    where
        O: ListOperation<Output = Page<I>>,
    {
        BlockingPages {
            client: self.clone(),
            next: Some(op),
        }
    }

    /// The items of a list across pages, holding one page in memory at a time.
    pub fn items<O, I>(&self, op: O) -> BlockingItems<T, O, I>
    where
        O: ListOperation<Output = Page<I>>,
    {
        BlockingItems {
            pages: self.pages(op),
            current: Vec::new().into_iter(),
        }
    }
}

/// The pages of a list as an [`Iterator`]; made by [`BlockingClient::pages`].
#[must_use = "iterators do nothing unless advanced"]
pub struct BlockingPages<T, O> {
    client: BlockingClient<T>,
    next: Option<O>,
}

impl<T, O, I> Iterator for BlockingPages<T, O>
where
    T: BlockingTransport,
    O: ListOperation<Output = Page<I>>,
{
    type Item = Result<Page<I>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let op = self.next.as_mut()?;
        let requested = op.pagination().page_number().unwrap_or(1);
        let result = self.client.send(&*op);
        match (&result, next_page_of(requested, &result)) {
            (Ok(_), Some(n)) => op.set_page(n),
            _ => self.next = None,
        }
        Some(result)
    }
}

impl<T, O, I> std::iter::FusedIterator for BlockingPages<T, O>
where
    T: BlockingTransport,
    O: ListOperation<Output = Page<I>>,
{
}

fn next_page_of<I>(requested: u32, result: &Result<Page<I>, Error>) -> Option<u32> {
    result.as_ref().ok().and_then(|p| next_page(requested, p))
}

/// The items of a list across its pages as an [`Iterator`]; made by
/// [`BlockingClient::items`]. The next page is requested only once every item of the
/// current one has been taken.
#[must_use = "iterators do nothing unless advanced"]
pub struct BlockingItems<T, O, I> {
    pages: BlockingPages<T, O>,
    current: std::vec::IntoIter<I>,
}

impl<T, O, I> Iterator for BlockingItems<T, O, I>
where
    T: BlockingTransport,
    O: ListOperation<Output = Page<I>>,
{
    type Item = Result<I, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(page) => self.current = page.data.into_iter(),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl<T, O, I> std::iter::FusedIterator for BlockingItems<T, O, I>
where
    T: BlockingTransport,
    O: ListOperation<Output = Page<I>>,
{
}
