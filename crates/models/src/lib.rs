//! Pure data types of the Linode API v4 Account and Profile groups.
//!
//! This crate has no HTTP and no IO: it is the vocabulary the other crates speak. Every type
//! serializes to and from the JSON the API uses, and is written to survive API evolution:
//!
//! - an enum value this version does not know is kept (as `Unknown(String)`), never an error;
//! - a member this version does not know is kept in the model's `extra` ([`Extra`]) and
//!   written back, so a read-modify-write loses nothing;
//! - a field the SDK can do without never fails a response: optional where the API has been
//!   seen to leave it out, nullable where it has been seen to send `null`;
//! - datetimes are typed ([`Timestamp`], any zone, written back as they came), durations too
//!   ([`ClockDuration`], seconds or clock text), money is exact ([`Money`], [`MoneyString`]);
//! - update bodies tell "leave unchanged" from "set to null" ([`Update`]);
//! - secrets (tokens, TFA secrets, client secrets, card numbers) are [`Secret`]s whose `Debug`
//!   output is redacted.
//!
//! With the `proptest` feature, every model implements `proptest::arbitrary::Arbitrary`, and
//! model -> JSON -> model is the identity (checked by this crate's property tests).

#[macro_use]
mod macros;

mod duration;
mod empty;
mod envelope;
mod extra;
mod money;
mod page;
mod scopes;
mod secret;
mod timestamp;
mod update;
pub use duration::{ClockDuration, ClockDurationError};
pub use empty::Empty;
pub use envelope::{ErrorBody, FieldError, Warning, WarningsBody};
pub use extra::Extra;
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
