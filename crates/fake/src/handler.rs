//! What a handler is: the [`handlers!`] macro that registers a module's handlers by operation
//! type, the [`Entry`] it makes, what a handler is given ([`Ctx`]) and the checks handlers
//! share. The handlers themselves are in `handlers/`, one module per request module; this
//! module knows none of them, so they and their tables (`handlers/mod.rs`) depend on it and
//! never the other way round.
//!
//! A module registers its handlers with [`handlers!`]:
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

/// Registers a module's handlers by operation type, as `HANDLERS`.
macro_rules! handlers {
    ($($op:ty => $handler:path $(as $png:ident)? $(where $read:path)?),+ $(,)?) => {
        /// This module's handlers, by operation type.
        #[allow(deprecated)] // deprecated operations are still served
        pub(crate) const HANDLERS: &[$crate::handler::Entry] = &[
            $( $crate::handler::Entry::new(
                &<$op as linode_requests::Operation>::META,
                |store, ctx, parts| {
                    let read = handlers!(@read $op $(, $read)?);
                    let op = read(parts)?;
                    handlers!(@run $(, $png)?)(store, ctx, op, $handler)
                },
            ) ),+
        ];
    };
    (@read $op:ty) => { $crate::handler::decode::<$op> };
    (@read $op:ty, $read:path) => { $read };
    (@run) => { $crate::handler::json };
    (@run, png) => { $crate::handler::png };
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
