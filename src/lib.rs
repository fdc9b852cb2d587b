#![doc = include_str!("../README.md")]
//!
//! # Where things are
//!
//! Everything a program names is reachable from `linode::` (most programs need only
//! `use linode::prelude::*;` and the operations they send):
//!
//! - the clients: [`HyperClient`] (async, feature `hyper`, on by default) and [`UreqClient`]
//!   (blocking, feature `ureq`); [`Client`] and [`BlockingClient`] for a transport of your own
//!   ([`Transport`], [`BlockingTransport`]);
//! - the operations: [`account`] and [`profile`], one type per API operation;
//! - the models: [`models`] (and the common ones here: [`Timestamp`], [`Secret`], [`Update`],
//!   [`MoneyString`], [`Page`], [`Scopes`]);
//! - errors: [`Error`], matched with [`Error::kind`] ([`ErrorKind`]) and
//!   [`Error::may_have_been_applied`] ([`Applied`]);
//! - filters: [`Filter`], [`FilterField`], [`Order`];
//! - the layers underneath: [`requests`] (sans-IO building and parsing), [`client`] (retries,
//!   page walks, events, OAuth), [`hyper_transport`] and [`ureq_transport`];
//! - the crates a custom transport speaks: [`http`], [`bytes`], [`async_trait`](macro@async_trait).
//!
//! Tracing: the clients emit one `linode.request` span per attempt; its fields are listed in
//! [`client`'s documentation](crate::client#tracing).
#![cfg_attr(docsrs, feature(doc_cfg))]

#[doc(inline)]
pub use linode_models as models;

/// The sans-IO operations: everything in `linode-requests` (building `http::Request<Bytes>`
/// and parsing `http::Response<Bytes>`, without IO).
pub mod requests {
    #[doc(inline)]
    pub use linode_requests::*;

    // The clients lived in this crate before they got their own; their old paths here
    // (`linode::requests::Client`, `linode::requests::client::...`) still name the same
    // items as `linode::client`, hidden so each client has one documented name.
    #[doc(hidden)]
    pub use linode_client as client;
    #[doc(hidden)]
    pub use linode_client::{
        BlockingClient, BlockingTransport, Client, ClientConfig, ConfigError, RetryConfig,
        Transport,
    };
}

#[doc(inline)]
pub use linode_client as client;
/// The async client over any [`Transport`]; with the default transport it is
/// [`HyperClient`].
pub use linode_client::Client;
pub use linode_client::{
    BlockingClient, BlockingTransport, ClientConfig, ConfigError, RetryConfig, Transport,
};
pub use linode_models::{
    FieldError, Money, MoneyString, Page, ScopeError, ScopeLevel, Scopes, Secret, Timestamp,
    Update, Warning,
};
#[doc(inline)]
pub use linode_requests::{account, profile};
pub use linode_requests::{
    AllowsOperation, ApiError, ApiResponse, ApiVersion, Applied, BuildError, DecodeError, Error,
    ErrorKind, Filter, FilterField, Idempotency, ListOperation, Metadata, Operation, Order,
    Pagination, RequestConfig, ResponseMeta, TransportError, TransportErrorKind, WalkError,
};

/// The `http` crate, whose types the SDK speaks: `StatusCode` (from [`Error::status`]),
/// `Request`/`Response` (a custom [`Transport`]'s input and output), `HeaderMap`.
pub use http;

/// The `bytes` crate: request and response bodies are [`bytes::Bytes`].
pub use bytes;

/// The attribute an async [`Transport`] implementation needs (`#[linode::async_trait]`).
pub use async_trait::async_trait;

/// The async transport crate, `linode-hyper` (feature `hyper`).
#[cfg(feature = "hyper")]
#[cfg_attr(docsrs, doc(cfg(feature = "hyper")))]
pub use linode_hyper as hyper_transport;
/// The async client on hyper and tokio: **the** async client (feature `hyper`, on by default).
#[cfg(feature = "hyper")]
#[cfg_attr(docsrs, doc(cfg(feature = "hyper")))]
pub type HyperClient = linode_client::Client<linode_hyper::HyperTransport>;
#[cfg(feature = "hyper")]
#[cfg_attr(docsrs, doc(cfg(feature = "hyper")))]
pub use linode_hyper::HyperTransport;

/// The blocking transport crate, `linode-ureq` (feature `ureq`).
#[cfg(feature = "ureq")]
#[cfg_attr(docsrs, doc(cfg(feature = "ureq")))]
pub use linode_ureq as ureq_transport;
/// The blocking client on ureq: **the** blocking client (feature `ureq`).
#[cfg(feature = "ureq")]
#[cfg_attr(docsrs, doc(cfg(feature = "ureq")))]
pub type UreqClient = linode_client::BlockingClient<linode_ureq::UreqTransport>;
#[cfg(feature = "ureq")]
#[cfg_attr(docsrs, doc(cfg(feature = "ureq")))]
pub use linode_ureq::UreqTransport;

/// What a typical program needs: `use linode::prelude::*;`.
///
/// The clients of the enabled features, their configuration, the error and what to match it
/// with, filters and pagination, the traits whose methods a program calls, and the operation
/// modules ([`account`], [`profile`]).
///
/// ```no_run
/// use linode::prelude::*;
/// use linode::profile::GetProfile;
///
/// # #[cfg(feature = "hyper")]
/// async fn whoami() -> Result<String, Box<dyn std::error::Error>> {
///     let client = HyperClient::from_env()?; // LINODE_TOKEN, LINODE_URL...
///     match client.send(&GetProfile).await {
///         Ok(me) => Ok(me.username),
///         Err(e) if e.kind() == ErrorKind::Unauthorized => Err("check LINODE_TOKEN".into()),
///         Err(e) => Err(e.into()),
///     }
/// }
/// ```
pub mod prelude {
    pub use crate::{account, profile};
    pub use crate::{
        Applied, ClientConfig, Error, ErrorKind, Filter, FilterField, ListOperation, Operation,
        Order, Pagination, RetryConfig, Scopes, Secret, Timestamp, Update,
    };

    #[cfg(feature = "hyper")]
    pub use crate::HyperClient;
    #[cfg(feature = "ureq")]
    pub use crate::UreqClient;
}
