//! Clients that send `linode-requests` operations over any HTTP transport, with retries and
//! pagination.
//!
//! This crate opens no socket: it defines the two transport traits and the clients that drive
//! them (the retry loop, its timing and logging, the page walks). The concrete transports live
//! in their own crates (`linode-hyper` for async on tokio, `linode-ureq` for blocking code);
//! anything else that can move an `http::Request<Bytes>` is one small trait impl away.
//! Building requests and parsing responses is `linode-requests`' job, which knows nothing of
//! this crate.
//!
//! - [`Transport`] (async) and [`BlockingTransport`]: one request in, one response (or a
//!   [`TransportError`](linode_requests::TransportError)) out. The error's kind says whether the request
//!   can have reached the server, which the retry policy needs.
//! - [`Client`] and [`BlockingClient`]: `send`, `send_with_meta`, `pages`, `items`.
//! - [`ClientConfig`]: token, base URL, API version, User-Agent, timeouts, maximum response
//!   size, extra root certificate, retry policy; [`ClientConfig::from_env`] reads the same
//!   variables as the official Go SDK.
//! - [`retry`]: the pure retry policy the clients consult after every attempt.
//!
//! **Sleeping without a runtime.** The async client waits between retries by calling
//! [`Transport::sleep`]. Its default implementation needs no runtime (a short-lived thread
//! wakes the task), so a custom transport works on any executor; transports built on a
//! runtime override it with the runtime's timer (`linode-hyper` uses `tokio::time::sleep`).
//!
//! ```
//! use bytes::Bytes;
//! use linode_client::{BlockingClient, BlockingTransport, ClientConfig};
//! use linode_requests::{profile::GetSshKey, TransportError};
//!
//! /// Answers every request with the same key: enough to run the client without a network.
//! struct Canned;
//!
//! impl BlockingTransport for Canned {
//!     fn send(&self, _request: http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> {
//!         Ok(http::Response::new(Bytes::from_static(
//!             br#"{"id":7,"label":"ci","ssh_key":"ssh-ed25519 AAAA","created":"2024-05-01T10:00:00"}"#,
//!         )))
//!     }
//! }
//!
//! let client = BlockingClient::new(ClientConfig::new().with_token("t0ken")?, Canned)?;
//! let key = client.send(&GetSshKey { ssh_key_id: 7 })?;
//! assert_eq!(key.label, "ci");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Tracing
//!
//! The clients emit through [`tracing`](https://docs.rs/tracing) (nothing is recorded unless
//! the program installs a subscriber). Each **attempt** of a request runs in one span:
//!
//! | Span `linode.request` (level DEBUG) | Value |
//! |---|---|
//! | `operation` | the operation's type, e.g. `account::CreatePayment` |
//! | `method` | `GET`, `POST`, `PUT` or `DELETE` |
//! | `path` | the path **template**, e.g. `/profile/sshkeys/{ssh_key_id}`: never the URI, whose path parameters can be secrets (a transfer token) |
//! | `attempt` | 1 for the first attempt, 2 for the first retry... |
//! | `status` | the response's status code, recorded when an answer arrives (empty after a transport failure) |
//!
//! Events inside that span:
//!
//! | Event | Level | Fields |
//! |---|---|---|
//! | `retrying` | INFO | `delay_ms` (the wait before the next attempt), `reason` (the classifier that asked for it) |
//! | `transport failure is final` | DEBUG | `reason`, `kind` (the [`TransportErrorKind`](linode_requests::TransportErrorKind)) |
//! | `done` | DEBUG | `reason` (why no retry: success, a final status, the budget) |
//!
//! And outside it, at DEBUG with an `operation` field: `token renewed after a 401; resending
//! once` and `token renewed after a 401; not resent (not idempotent)`.
//!
//! No span or event carries the token, a header value, a body or a query string.

mod async_client;
mod async_pages;
pub mod auth;
mod blocking_client;
mod blocking_pages;
mod children;
mod client_config;
mod config_error;
pub mod encoding;
pub mod events;
mod identity;
mod page_walk;
pub mod retry;
mod retry_loop;
mod sleep;
mod transport;

pub use async_client::Client;
pub use async_pages::{Items, Pages, MAX_PREFETCH};
pub use blocking_client::BlockingClient;
pub use blocking_pages::{BlockingItems, BlockingPages};
pub use children::ChildOutcome;
pub use client_config::{
    ClientConfig, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_WALK_PAGES,
    DEFAULT_REQUEST_TIMEOUT,
};
pub use config_error::ConfigError;
pub use retry::RetryConfig;
pub use transport::{BlockingTransport, FromClientConfig, Transport};

#[cfg(test)]
mod tests;
