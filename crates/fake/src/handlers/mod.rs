//! The handlers, one module per area of the API, over the shared [`Store`].
//!
//! A handler is a plain function `fn(&mut Store, &Ctx) -> Reply`, registered under the
//! spec's `operationId` in its module's `HANDLERS` table. The server has already routed the
//! request, checked the token and its scopes, and applied faults; the handler reads its
//! parameters and body through [`Ctx`], changes the store, and answers.
//!
//! To add an area: write `handlers/<area>.rs` with its data type (a field of [`Store`]),
//! its `HANDLERS`, and a `seed` function called from [`crate::seed`]; list `HANDLERS` in
//! [`TABLES`] below.

use bytes::Bytes;
use linode_models::{FieldError, Timestamp};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::list::{page_of, page_request, ListFilter};
use crate::reply::{Failure, Reply};
use crate::scopes::Scopes;
use crate::state::Store;

pub(crate) mod account;
pub(crate) mod account_misc;
pub(crate) mod billing;
pub(crate) mod child_accounts;
pub(crate) mod events;
pub(crate) mod oauth_clients;
pub(crate) mod payment_methods;
pub(crate) mod profile;
pub(crate) mod sessions;
pub(crate) mod ssh_keys;
pub(crate) mod tokens;
pub(crate) mod transfers;
pub(crate) mod users;

/// A handler: changes the store and answers one request.
pub(crate) type Handler = fn(&mut Store, &Ctx<'_>) -> Reply;

/// Every area's handlers, by `operationId`.
static TABLES: &[&[(&str, Handler)]] = &[
    profile::HANDLERS,
    tokens::HANDLERS,
    sessions::HANDLERS,
    ssh_keys::HANDLERS,
    users::HANDLERS,
    oauth_clients::HANDLERS,
    transfers::HANDLERS,
    account_misc::HANDLERS,
    child_accounts::HANDLERS,
    account::HANDLERS,
    events::HANDLERS,
    billing::HANDLERS,
    payment_methods::HANDLERS,
];

/// The handler of an operation, if the fake implements it.
pub(crate) fn find(operation_id: &str) -> Option<Handler> {
    TABLES
        .iter()
        .flat_map(|t| t.iter())
        .find(|(id, _)| *id == operation_id)
        .map(|(_, h)| *h)
}

/// The `operationId`s that have a handler.
pub(crate) fn implemented() -> impl Iterator<Item = &'static str> {
    TABLES.iter().flat_map(|t| t.iter()).map(|(id, _)| *id)
}

/// Who is calling.
#[derive(Debug, Clone)]
pub(crate) struct Caller {
    /// The scopes of the token used (`*` for the server's own token; empty scopes for a
    /// public endpoint called without a token).
    #[allow(dead_code)]
    pub(crate) scopes: Scopes,
    /// The token used, when one was sent and valid.
    #[allow(dead_code)]
    pub(crate) token: Option<String>,
}

/// One request, as a handler sees it.
#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    /// The path parameters, decoded, in template order.
    pub(crate) params: &'a [String],
    /// The query string (without `?`).
    pub(crate) query: &'a str,
    /// The `X-Filter` header's bytes.
    pub(crate) filter: Option<&'a [u8]>,
    /// The request body.
    pub(crate) body: &'a Bytes,
    /// The request's `Content-Type`, if any.
    #[allow(dead_code)]
    pub(crate) content_type: Option<&'a str>,
    /// The time the request arrived.
    pub(crate) now: Timestamp,
    /// The server's base URL as the client addressed it (`http://host:port`).
    pub(crate) base_url: String,
    /// The caller.
    #[allow(dead_code)]
    pub(crate) caller: &'a Caller,
}

impl Ctx<'_> {
    /// The `index`th path parameter as text.
    pub(crate) fn param(&self, index: usize) -> Result<&str, Failure> {
        self.params
            .get(index)
            .map(String::as_str)
            .ok_or_else(Failure::not_found)
    }

    /// The `index`th path parameter as a numeric id; anything else is a 404, as the API
    /// answers.
    pub(crate) fn id(&self, index: usize) -> Result<u64, Failure> {
        self.param(index)?.parse().map_err(|_| Failure::not_found())
    }

    /// The JSON body decoded into the SDK's model `T`; a missing or mistyped field is a 400
    /// naming it. An empty body reads as `{}`.
    pub(crate) fn json<T: DeserializeOwned>(&self) -> Result<T, Failure> {
        let bytes: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            self.body
        };
        let value: serde_json::Value = serde_json::from_slice(bytes)
            .map_err(|_| Failure::new(http::StatusCode::BAD_REQUEST, "Invalid JSON"))?;
        if !value.is_object() {
            return Err(Failure::new(
                http::StatusCode::BAD_REQUEST,
                "The request body must be a JSON object",
            ));
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
            Failure::fields(vec![FieldError { field, reason }])
        })
    }

    /// Answers a list: checks `page`/`page_size` and the `X-Filter` (on `filterable` fields
    /// only), then filters, orders and pages `items`.
    pub(crate) fn list<'i, T: Serialize + 'i>(
        &self,
        items: impl IntoIterator<Item = &'i T>,
        filterable: &[&str],
    ) -> Reply {
        let request = page_request(self.query)?;
        let filter = ListFilter::parse(self.filter, filterable)?;
        page_of(items, request, &filter)
    }
}

/// The field name in serde's "missing field `name`" message.
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next().map(str::to_owned)
}

/// Checks a text field's length (in characters), as the API does.
pub(crate) fn check_length(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &str,
    min: usize,
    max: usize,
) {
    let len = value.chars().count();
    if len < min || len > max {
        errors.push(FieldError {
            field: Some(field.to_owned()),
            reason: format!("Length must be {min}-{max} characters"),
        });
    }
}

/// `Ok(())` when no errors were collected, else a 400 with all of them.
pub(crate) fn collected(errors: Vec<FieldError>) -> Result<(), Failure> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Failure::fields(errors))
    }
}
