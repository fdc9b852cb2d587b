//! The Linode API v4 SDK for Rust: Account and Profile groups.
//!
//! This facade re-exports the layers:
//! - [`models`]: pure data types;
//! - [`requests`]: sans-IO operations (one type per API operation) building
//!   `http::Request<Bytes>` and parsing `http::Response<Bytes>`.
//!
//! ```
//! use linode::requests::{profile::GetProfile, Operation, RequestConfig};
//! let request = GetProfile.to_http_request(&RequestConfig::new().with_token("t")?)?;
//! assert_eq!(request.uri().path(), "/v4/profile");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use linode_models as models;
pub use linode_requests as requests;

pub use linode_requests::{
    account, profile, ApiError, ApiResponse, ApiVersion, Error, Filter, Operation, Pagination,
    RequestConfig,
};

#[cfg(feature = "hyper")]
pub use linode_hyper as hyper_transport;
#[cfg(feature = "ureq")]
pub use linode_ureq as ureq_transport;

/// The README's examples compile and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
