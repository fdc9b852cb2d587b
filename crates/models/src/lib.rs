//! Pure data types of the Linode API v4 Account and Profile groups.
//!
//! This crate has no HTTP and no IO: it is the vocabulary the other crates speak. Every type
//! serializes to and from the JSON the API uses, and is written to survive API evolution:
//!
//! - unknown JSON fields are ignored rather than rejected;
//! - an enum value this version does not know is kept (as `Unknown(String)`), never an error;
//! - datetimes are typed ([`Timestamp`]), money is exact ([`Money`], [`MoneyString`]);
//! - update bodies tell "leave unchanged" from "set to null" ([`Update`]);
//! - secrets (tokens, TFA secrets, client secrets, card numbers) are [`Secret`]s whose `Debug`
//!   output is redacted.
//!
//! With the `proptest` feature, every model implements `proptest::arbitrary::Arbitrary`, and
//! model -> JSON -> model is the identity (checked by this crate's property tests).

#[macro_use]
mod macros;

mod empty;
mod envelope;
mod money;
mod page;
mod scopes;
mod secret;
mod timestamp;
mod update;
pub use empty::Empty;
pub use envelope::{ErrorBody, FieldError, Warning, WarningsBody};
pub use money::{Money, MoneyString};
pub use page::Page;
pub use scopes::{ScopeError, ScopeLevel, Scopes};
pub use secret::Secret;
pub use timestamp::{Timestamp, TimestampError};
pub use update::Update;

pub mod account;
pub mod profile;

#[cfg(feature = "proptest")]
pub mod strategies;
