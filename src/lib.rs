//! The Linode API v4 SDK for Rust: Account and Profile groups.
//!
//! This facade re-exports the layers:
//! - [`models`]: pure data types;
//! - [`requests`]: sans-IO operations (one type per API operation) building
//!   `http::Request<Bytes>` and parsing `http::Response<Bytes>`;
//! - [`client`]: the clients generic over a transport ([`Client`], [`BlockingClient`]), with
//!   retries and page walks;
//! - the transports: [`HyperClient`] (async, feature `hyper`, on by default) and
//!   [`UreqClient`] (blocking, feature `ureq`).
//!
//! ```
//! use linode::requests::{profile::GetProfile, Operation, RequestConfig};
//! let request = GetProfile.to_http_request(&RequestConfig::new().with_token("t")?)?;
//! assert_eq!(request.uri().path(), "/v4/profile");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! With a transport, sending is two lines:
//!
//! ```no_run
//! # #[cfg(feature = "hyper")]
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = linode::HyperClient::from_token("my-token")?;
//! let keys = client.send(&linode::profile::ListSshKeys::default()).await?;
//! # Ok(()) }
//! ```

pub use linode_models as models;

/// The sans-IO operations: everything in `linode-requests`.
///
/// The clients lived in this crate before they got their own; their old paths here
/// (`linode::requests::Client`, `linode::requests::client::...`) still name the same items as
/// [`linode::client`](crate::client).
pub mod requests {
    pub use linode_requests::*;

    pub use linode_client as client;
    pub use linode_client::{
        BlockingClient, BlockingTransport, Client, ClientConfig, ConfigError, RetryConfig,
        Transport,
    };
}

pub use linode_client as client;
pub use linode_client::{
    BlockingClient, BlockingTransport, Client, ClientConfig, ConfigError, RetryConfig, Transport,
};
pub use linode_models::{ScopeError, ScopeLevel, Scopes};
pub use linode_requests::{
    account, profile, AllowsOperation, ApiError, ApiResponse, ApiVersion, Applied, Error,
    ErrorKind, Filter, Idempotency, Operation, Pagination, RequestConfig, TransportError,
    TransportErrorKind,
};

/// The `http` crate, whose types the SDK speaks: `StatusCode` (from [`Error::status`]),
/// `Request`/`Response` (a custom [`Transport`]'s input and output), `HeaderMap`.
pub use http;

/// The `bytes` crate: request and response bodies are [`bytes::Bytes`].
pub use bytes;

/// The attribute an async [`Transport`] implementation needs (`#[linode::async_trait]`).
pub use async_trait::async_trait;

#[cfg(feature = "hyper")]
pub use linode_hyper as hyper_transport;
#[cfg(feature = "hyper")]
pub use linode_hyper::{Client as HyperClient, HyperTransport};
#[cfg(feature = "ureq")]
pub use linode_ureq as ureq_transport;
#[cfg(feature = "ureq")]
pub use linode_ureq::{Client as UreqClient, UreqTransport};

/// The README's examples compile and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
