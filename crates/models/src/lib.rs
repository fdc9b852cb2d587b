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

mod common;
pub use common::{
    Empty, ErrorBody, FieldError, Money, MoneyString, Page, Secret, Timestamp, TimestampError,
    Update, Warning, WarningsBody,
};

pub mod account;
pub mod profile;

#[cfg(feature = "proptest")]
pub mod strategies;
