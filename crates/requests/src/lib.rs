//! Sans-IO request builders and response parsers for every operation of the Linode API v4
//! Account and Profile groups.
//!
//! One type per operation ([`profile::ListSshKeys`], [`account::CreateUser`], ...), each an
//! [`Operation`] with its [`Metadata`] as a constant. An operation value builds an
//! `http::Request<Bytes>` for a [`RequestConfig`], and parses an `http::Response<Bytes>` into
//! its typed output or an [`Error`]. Nothing here opens a socket, sleeps, spawns or logs: bring
//! any HTTP client, or use the `linode-client` crate (retries, page walks) over the
//! `linode-hyper` / `linode-ureq` transports.
//!
//! ```
//! use linode_requests::{profile::ListSshKeys, Operation, Pagination, RequestConfig};
//!
//! let config = RequestConfig::new().with_token("my-token")?;
//! let op = ListSshKeys { pagination: Pagination::new().page(2).page_size(50), ..Default::default() };
//! let request = op.to_http_request(&config)?;
//! assert_eq!(request.method(), http::Method::GET);
//! assert_eq!(request.uri(), "https://api.linode.com/v4/profile/sshkeys?page=2&page_size=50");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

/// Implements [`ListOperation`] for list operation types that keep their page in a
/// `pagination: Pagination` field (all of them do).
macro_rules! list_operation {
    ($ty:ty) => {
        impl $crate::ListOperation for $ty {
            fn pagination(&self) -> $crate::Pagination {
                self.pagination
            }
            fn set_page(&mut self, page: u32) {
                self.pagination.set_page(page);
            }
        }
    };
}

/// Declares a list's filterable fields: the enum, [`FilterField::name`] and
/// [`FilterField::ALL`], from one list of `Variant => "name"` pairs, so that a field cannot be
/// named without being listed (the fake server filters on exactly `ALL`).
macro_rules! filter_fields {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $crate::filter::FilterField for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];

            fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }
    };
}

/// Implements [`FromRequest`] for operation types from their field names: `pagination`
/// reads the query, `filter` the `X-Filter` header, `body` the JSON body, `png` the raw
/// body, and any other field the next path parameter (list them in template order).
///
/// ```text
/// from_request! {
///     ListSshKeys { pagination, filter }
///     UpdateSshKey { ssh_key_id, body }
///     GetAccount {}
/// }
/// ```
macro_rules! from_request {
    ($($op:ident { $($field:ident),* $(,)? })*) => {$(
        #[allow(deprecated)] // the deprecated operations are still read back
        impl $crate::decode::FromRequest for $op {
            #[allow(unused_variables, unused_mut)]
            fn from_parts(
                parts: &$crate::decode::RequestParts<'_>,
            ) -> Result<Self, $crate::decode::RequestError> {
                let mut params = parts.params();
                Ok(Self { $( $field: from_request!(@field $field, parts, params) ),* })
            }
        }
    )*};
    (@field pagination, $parts:ident, $params:ident) => { $parts.pagination()? };
    (@field filter, $parts:ident, $params:ident) => { $parts.filter()? };
    (@field body, $parts:ident, $params:ident) => { $parts.json_body()? };
    (@field png, $parts:ident, $params:ident) => { $parts.raw_body() };
    (@field $name:ident, $parts:ident, $params:ident) => { $params.next(stringify!($name))? };
}

mod builders;
pub mod conformance;
pub mod decode;
mod error;
pub mod filter;
pub mod login;
mod meta;
mod operation;
mod operation_info;
mod path;
mod query;
mod redact;
pub mod registry;
mod request_config;
mod response;
mod scopes;
mod validation;

pub mod account;
pub mod profile;

pub use decode::{FromRequest, RequestError, RequestParts};
pub use error::{
    ApiError, Applied, BuildError, DecodeError, Error, ErrorKind, Idempotency, TransportError,
    TransportErrorKind, WalkError,
};
pub use filter::{Filter, FilterField, Order};
pub use meta::{Metadata, Method, RequestBodyKind, ResponseBodyKind, Scope};
pub use operation::{
    json_body, parse, DecodeFailure, FromResponse, ListOperation, Operation, PngImage,
};
pub use path::{PathParam, PathParams};
pub use query::{Pagination, QueryWriter, MAX_PAGE_SIZE, MIN_PAGE_SIZE};
pub use request_config::{ApiVersion, RequestConfig, DEFAULT_BASE_URL, DEFAULT_USER_AGENT};
pub use response::{ApiResponse, ResponseMeta};
pub use scopes::AllowsOperation;

/// The models this crate speaks, re-exported so users need one dependency.
pub use linode_models as models;

#[cfg(test)]
mod testing;
