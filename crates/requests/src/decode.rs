//! Reading a request back into its operation value: the inverse of
//! [`Operation::to_http_request`], for servers and test doubles (linode-fake decodes every
//! request it serves this way, so its handlers take the SDK's own operation types).
//!
//! Pure parsing, no IO. Each operation implements [`FromRequest`] from its field names (see
//! the `from_request!` macro in this crate): path parameters in template order, the query's
//! pagination, the `X-Filter` header (checked against the list's [`FilterField`]s), the JSON
//! or PNG body.
//!
//! ```
//! use linode_requests::profile::{SshKeyField, UpdateSshKey, ListSshKeys};
//! use linode_requests::{Filter, FromRequest, Operation, Pagination, RequestConfig};
//! use linode_requests::models::profile::SshKeyUpdate;
//!
//! let config = RequestConfig::new().with_token("t0ken")?;
//! let op = UpdateSshKey { ssh_key_id: 42, body: SshKeyUpdate { label: Some("desk".into()) } };
//! let request = op.to_http_request(&config)?;
//! assert_eq!(UpdateSshKey::from_http_request(&request)?, op);
//!
//! let list = ListSshKeys {
//!     pagination: Pagination::new().page(2).page_size(25),
//!     filter: Some(Filter::eq(SshKeyField::Label, "laptop")),
//! };
//! assert_eq!(ListSshKeys::from_http_request(&list.to_http_request(&config)?)?, list);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;
use core::str::FromStr;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::filter::{Filter, FilterError, FilterField};
use crate::meta::Method;
use crate::operation::Operation;
use crate::path::match_template;
use crate::query::{Pagination, MAX_PAGE_SIZE, MIN_PAGE_SIZE};

/// An operation that can be read back from a request addressed to it.
pub trait FromRequest: Operation + Sized {
    /// Builds the operation value from the parts of a request already routed to it.
    fn from_parts(parts: &RequestParts<'_>) -> Result<Self, RequestError>;

    /// Reads a whole request: checks that its method and path are this operation's (under
    /// `/v4` or `/v4beta`), then reads the parts.
    fn from_http_request(request: &http::Request<Bytes>) -> Result<Self, RequestError> {
        let meta = &Self::META;
        let wrong = || RequestError::NotThisOperation {
            operation: meta.name,
        };
        if Method::from_http(request.method()) != Some(meta.method) {
            return Err(wrong());
        }
        let path = request.uri().path();
        let path = ["/v4beta", "/v4"]
            .iter()
            .find_map(|v| path.strip_prefix(v))
            .ok_or_else(wrong)?;
        let params = match_template(meta.path, path).ok_or_else(wrong)?;
        let parts = RequestParts {
            params,
            query: request.uri().query().unwrap_or(""),
            x_filter: request
                .headers()
                .get("x-filter")
                .map(http::HeaderValue::as_bytes),
            body: request.body(),
        };
        Self::from_parts(&parts)
    }
}

/// The parts of one request an operation is read from.
#[derive(Debug, Clone)]
pub struct RequestParts<'a> {
    /// The path parameters, percent-decoded, in template order (as
    /// [`crate::registry::route`] gives them).
    pub params: Vec<String>,
    /// The query string, without `?`.
    pub query: &'a str,
    /// The `X-Filter` header's value, if sent.
    pub x_filter: Option<&'a [u8]>,
    /// The body.
    pub body: &'a Bytes,
}

impl RequestParts<'_> {
    /// The path parameters, to read one after another.
    pub fn params(&self) -> Params<'_> {
        Params {
            values: self.params.iter(),
        }
    }

    /// `page` and `page_size` from the query (other parameters are ignored), checked as
    /// the API checks them.
    pub fn pagination(&self) -> Result<Pagination, RequestError> {
        let mut pagination = Pagination::new();
        for pair in self.query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "page" => {
                    let page = value.parse::<u32>().ok().filter(|p| *p >= 1).ok_or(
                        RequestError::Query {
                            name: "page",
                            reason: "page must be a number of 1 or more".to_owned(),
                        },
                    )?;
                    pagination = pagination.page(page);
                }
                "page_size" => {
                    let size = value
                        .parse::<u32>()
                        .ok()
                        .filter(|s| (MIN_PAGE_SIZE..=MAX_PAGE_SIZE).contains(s))
                        .ok_or_else(|| RequestError::Query {
                            name: "page_size",
                            reason: format!(
                                "page_size must be between {MIN_PAGE_SIZE} and {MAX_PAGE_SIZE}"
                            ),
                        })?;
                    pagination = pagination.page_size(size);
                }
                _ => {}
            }
        }
        Ok(pagination)
    }

    /// The `X-Filter` header read as a filter on the fields `F` (`None` when not sent).
    pub fn filter<F: FilterField>(&self) -> Result<Option<Filter<F>>, RequestError> {
        self.x_filter
            .map(Filter::from_json)
            .transpose()
            .map_err(RequestError::Filter)
    }

    /// The JSON body decoded into `T`; an empty body reads as `{}`.
    pub fn json_body<T: DeserializeOwned>(&self) -> Result<T, RequestError> {
        let bytes: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            self.body
        };
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|_| RequestError::Body {
                field: None,
                reason: "Invalid JSON".to_owned(),
            })?;
        if !value.is_object() {
            return Err(RequestError::Body {
                field: None,
                reason: "The request body must be a JSON object".to_owned(),
            });
        }
        serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
            let path = e.path().to_string();
            let message = e.into_inner().to_string();
            let field = if path == "." {
                missing_field(&message)
            } else {
                Some(path)
            };
            let reason = match &field {
                Some(_) if message.starts_with("missing field") => {
                    "This field is required".to_owned()
                }
                _ => message,
            };
            RequestError::Body { field, reason }
        })
    }

    /// The body as it is (a PNG upload).
    pub fn raw_body(&self) -> Bytes {
        self.body.clone()
    }
}

/// The field name in serde's "missing field `name`" message.
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next().map(str::to_owned)
}

/// The path parameters of a request, read in template order.
#[derive(Debug)]
pub struct Params<'a> {
    values: core::slice::Iter<'a, String>,
}

impl Params<'_> {
    /// The next parameter, parsed (an id as `u64`, a name as `String`, a token as `Secret`).
    pub fn next<T: FromParam>(&mut self, name: &'static str) -> Result<T, RequestError> {
        let value = self
            .values
            .next()
            .ok_or(RequestError::MissingPathParam { name })?;
        T::from_param(value).ok_or_else(|| RequestError::PathParam {
            name,
            // A secret path parameter (a transfer token) is not repeated in the error.
            value: String::new(),
        })
    }
}

/// A type a path parameter reads as.
pub trait FromParam: Sized {
    /// The value, or `None` when the text does not parse.
    fn from_param(text: &str) -> Option<Self>;
}

impl FromParam for u64 {
    fn from_param(text: &str) -> Option<Self> {
        u64::from_str(text).ok()
    }
}

impl FromParam for String {
    fn from_param(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

impl FromParam for linode_models::Secret {
    fn from_param(text: &str) -> Option<Self> {
        Some(linode_models::Secret::new(text))
    }
}

/// Why a request could not be read as an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// The method or path is another operation's.
    NotThisOperation {
        /// The operation it was read as.
        operation: &'static str,
    },
    /// A path parameter is missing (the parts were not routed by this operation's template).
    MissingPathParam {
        /// The parameter.
        name: &'static str,
    },
    /// A path parameter does not parse (an id that is not a number): the API answers 404.
    PathParam {
        /// The parameter.
        name: &'static str,
        /// The value sent.
        value: String,
    },
    /// A query parameter is out of range or not a number.
    Query {
        /// The parameter (`page`, `page_size`).
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The `X-Filter` header was refused.
    Filter(FilterError),
    /// The body does not fit the operation's model.
    Body {
        /// The field at fault (a serde path), when one is known.
        field: Option<String>,
        /// What is wrong.
        reason: String,
    },
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::NotThisOperation { operation } => {
                write!(
                    f,
                    "the request's method or path is not {operation}'s; route it first"
                )
            }
            RequestError::MissingPathParam { name } => {
                write!(
                    f,
                    "the path parameter `{name}` is missing; route the request first"
                )
            }
            RequestError::PathParam { name, value } => {
                write!(f, "the path parameter `{name}` ({value:?}) does not parse")
            }
            RequestError::Query { reason, .. } => f.write_str(reason),
            RequestError::Filter(e) => fmt::Display::fmt(e, f),
            RequestError::Body {
                field: Some(field),
                reason,
            } => write!(f, "the body's `{field}`: {reason}"),
            RequestError::Body {
                field: None,
                reason,
            } => write!(f, "the body: {reason}"),
        }
    }
}

impl std::error::Error for RequestError {}
