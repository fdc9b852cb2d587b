//! Child accounts of a parent account (Akamai parent/child accounts), and proxy user tokens.
//!
//! A child account has the shape of an account; the types here carry their own names so they
//! do not clash with the account's own models.

use linode_models_derive::Lossless;

use super::AccountCreditCard;
use crate::{Extra, Money, Scopes, Secret, Timestamp};

open_enum! {
    /// Where a child account's charges come from.
    pub enum ChildAccountBillingSource {
        /// Billed through the parent relationship (every child account says so).
        External = "external",
    }
}

/// An account managed by your (parent) account.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct ChildAccount {
    /// The child account's external unique id (a UUID-like string), used in its URLs.
    pub euuid: String,
    /// The company name of the child account's owner (changed only by your account team).
    pub company: String,
    /// The owner's email address.
    pub email: String,
    /// The owner's first name.
    pub first_name: String,
    /// The owner's last name.
    pub last_name: String,
    /// The owner's phone number.
    pub phone: String,
    /// First line of the billing address.
    pub address_1: String,
    /// Second line of the billing address, empty when unused.
    pub address_2: String,
    /// The billing address's city.
    pub city: String,
    /// The billing address's state or province (a two-letter code in the US and Canada).
    pub state: String,
    /// The billing address's zip or postal code.
    pub zip: String,
    /// The billing address's two-letter ISO 3166 country code.
    pub country: String,
    /// The tax id, empty where no tax is collected.
    pub tax_id: String,
    /// The balance, in US dollars.
    pub balance: Money,
    /// The current estimate of the next invoice, in US dollars (transfer charges excluded).
    pub balance_uninvoiced: Money,
    /// Where the child account's charges come from.
    pub billing_source: ChildAccountBillingSource,
    /// What the child account can use (`"Linodes"`, `"Object Storage"`, ...).
    #[serde(default)]
    pub capabilities: Vec<String>,
    /// The card on file (the account's card type: a child account with no card sends
    /// `{"expiry": null, "last_four": null}`); `None` when the response leaves it out.
    #[serde(default)]
    pub credit_card: Option<AccountCreditCard>,
    /// When the child account was activated.
    pub active_since: Timestamp,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// A short-lived token for the proxy user of a child account: with it, the parent's user
/// works in the child account through the API or the CLI.
///
/// The full token is shown only in the answer to its creation; `Debug` never shows it.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct ProxyUserToken {
    /// The token's id (to revoke it).
    pub id: u64,
    /// The name the API gave the token: `<username>_<uid>_<time>`.
    pub label: String,
    /// The OAuth scopes of the token; `*` (all of the proxy user's permissions) by default.
    pub scopes: Scopes,
    /// The token itself, to send as a bearer token.
    pub token: Secret,
    /// When the token was created.
    pub created: Timestamp,
    /// When the token expires (15 minutes after creation; it cannot be renewed).
    pub expiry: Timestamp,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}
