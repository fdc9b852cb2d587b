//! The handlers, keyed by the SDK's operation types, in the same tree as the request
//! modules: the handler of `linode_requests::account::payments::CreatePayment` is in
//! `handlers/account/payments.rs`.
//!
//! Each module registers its handlers with [`handlers!`]:
//!
//! ```text
//! handlers! {
//!     ListSshKeys => list,
//!     GetSshKey => get,
//!     GetOAuthClientThumbnail => get_thumbnail as png,
//!     CreatePayment => pay where read_payment,
//! }
//! ```
//!
//! A handler is `fn(&mut Store, &Ctx, O) -> Result<R, Failure>` where `O` is the operation
//! (already decoded from the request with [`FromRequest`]: typed path parameters, body,
//! pagination and filter) and `R` is `O::Output` or an [`Answer<O::Output>`] (for 204, 202
//! or warnings). The compiler checks both: a handler registered under the wrong operation,
//! or answering another type than the operation's output, does not build. `as png` answers
//! the output's bytes as `image/png`; `where read` replaces the default decoding with
//! `read: fn(&RequestParts) -> Result<O, Failure>` (for a body the fake checks before the
//! model reads it, such as payment amounts and card data).
//!
//! The server has already routed the request, checked the token and its scopes, and applied
//! faults when a handler runs.

use linode_models::{FieldError, Page, Timestamp};
use linode_requests::filter::{Filter, FilterField};
use linode_requests::{FromRequest, Metadata, Operation, Pagination, PngImage, RequestParts};
use serde::Serialize;

use crate::list::page_of;
use crate::reply::{Answer, Encoded, Failure};
use crate::scopes::Scopes;
use crate::state::Store;

pub(crate) mod account;
pub(crate) mod profile;

/// Registers a module's handlers by operation type, as `HANDLERS`.
macro_rules! handlers {
    ($($op:ty => $handler:path $(as $png:ident)? $(where $read:path)?),+ $(,)?) => {
        /// This module's handlers, by operation type.
        #[allow(deprecated)] // deprecated operations are still served
        pub(crate) const HANDLERS: &[$crate::handlers::Entry] = &[
            $( $crate::handlers::Entry::new(
                &<$op as linode_requests::Operation>::META,
                |store, ctx, parts| {
                    let read = handlers!(@read $op $(, $read)?);
                    let op = read(parts)?;
                    handlers!(@run $(, $png)?)(store, ctx, op, $handler)
                },
            ) ),+
        ];
    };
    (@read $op:ty) => { $crate::handlers::decode::<$op> };
    (@read $op:ty, $read:path) => { $read };
    (@run) => { $crate::handlers::json };
    (@run, png) => { $crate::handlers::png };
}
pub(crate) use handlers;

/// What every registered handler is turned into: decode, handle, encode.
pub(crate) type Call = fn(&mut Store, &Ctx<'_>, &RequestParts<'_>) -> Result<Encoded, Failure>;

/// One registered handler.
pub(crate) struct Entry {
    /// The operation's metadata (its type's `META`).
    pub(crate) meta: &'static Metadata,
    /// The handler, with decoding and encoding around it.
    pub(crate) call: Call,
}

impl Entry {
    pub(crate) const fn new(meta: &'static Metadata, call: Call) -> Self {
        Self { meta, call }
    }
}

/// The default decoding: the operation's own [`FromRequest`].
pub(crate) fn decode<O: FromRequest>(parts: &RequestParts<'_>) -> Result<O, Failure> {
    O::from_parts(parts).map_err(Failure::from)
}

/// Runs a handler whose operation answers JSON.
pub(crate) fn json<O, R>(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: O,
    handler: fn(&mut Store, &Ctx<'_>, O) -> Result<R, Failure>,
) -> Result<Encoded, Failure>
where
    O: Operation,
    O::Output: Serialize,
    R: Into<Answer<O::Output>>,
{
    Encoded::json(handler(store, ctx, op)?.into())
}

/// Runs a handler whose operation answers a PNG image.
pub(crate) fn png<O, R>(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: O,
    handler: fn(&mut Store, &Ctx<'_>, O) -> Result<R, Failure>,
) -> Result<Encoded, Failure>
where
    O: Operation<Output = PngImage>,
    R: Into<Answer<PngImage>>,
{
    Encoded::png(handler(store, ctx, op)?.into())
}

/// Every module's handlers.
static TABLES: &[&[Entry]] = &[
    profile::details::HANDLERS,
    profile::tokens::HANDLERS,
    profile::apps::HANDLERS,
    profile::devices::HANDLERS,
    profile::grants::HANDLERS,
    profile::logins::HANDLERS,
    profile::phone::HANDLERS,
    profile::preferences::HANDLERS,
    profile::security_questions::HANDLERS,
    profile::ssh_keys::HANDLERS,
    profile::tfa::HANDLERS,
    account::details::HANDLERS,
    account::settings::HANDLERS,
    account::events::HANDLERS,
    account::notifications::HANDLERS,
    account::maintenance::HANDLERS,
    account::invoices::HANDLERS,
    account::payments::HANDLERS,
    account::payment_methods::HANDLERS,
    account::promotions::HANDLERS,
    account::logins::HANDLERS,
    account::users::HANDLERS,
    account::oauth_clients::HANDLERS,
    account::entity_transfers::HANDLERS,
    account::service_transfers::HANDLERS,
    account::agreements::HANDLERS,
    account::availability::HANDLERS,
    account::betas::HANDLERS,
    account::child_accounts::HANDLERS,
];

/// Every registered handler.
pub(crate) fn all() -> impl Iterator<Item = &'static Entry> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// The handler of the operation with this `operationId`, if the fake implements it.
pub(crate) fn find(operation_id: &str) -> Option<&'static Entry> {
    all().find(|entry| entry.meta.id == operation_id)
}

/// Fills `store` with every module's seed data, dated by `at(days)`.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    profile::details::seed(store, at);
    profile::tokens::seed(store, at);
    profile::ssh_keys::seed(store, at);
    profile::apps::seed(store, at);
    profile::devices::seed(store, at);
    account::logins::seed(store, at);
    account::users::seed(store, at);
    account::oauth_clients::seed(store, at);
    account::service_transfers::seed(store, at);
    account::agreements::seed(store, at);
    account::betas::seed(store, at);
    account::child_accounts::seed(store, at);
    account::details::seed(store, at);
    account::payment_methods::seed(store, at);
    account::invoices::seed(store, at);
    account::events::seed(store, at);
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

/// What a handler knows about the request besides its operation.
#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    /// The time the request arrived.
    pub(crate) now: Timestamp,
    /// The server's base URL as the client addressed it (`http://host:port`).
    pub(crate) base_url: String,
    /// The caller.
    #[allow(dead_code)]
    pub(crate) caller: &'a Caller,
}

impl Ctx<'_> {
    /// A page of `items` (which cannot be filtered).
    pub(crate) fn list<'i, T: Serialize + Clone + 'i>(
        &self,
        items: impl IntoIterator<Item = &'i T>,
        pagination: Pagination,
    ) -> Result<Page<T>, Failure> {
        page_of::<T, linode_requests::filter::NoFilterableFields>(items, pagination, None)
    }

    /// A page of `items`, filtered and ordered by `filter` (on the fields `F` the SDK
    /// declares for the list).
    pub(crate) fn list_filtered<'i, T: Serialize + Clone + 'i, F: FilterField>(
        &self,
        items: impl IntoIterator<Item = &'i T>,
        pagination: Pagination,
        filter: Option<&Filter<F>>,
    ) -> Result<Page<T>, Failure> {
        page_of(items, pagination, filter)
    }
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

/// A field error.
pub(crate) fn field_error(field: impl Into<String>, reason: impl Into<String>) -> FieldError {
    FieldError {
        field: Some(field.into()),
        reason: reason.into(),
    }
}
