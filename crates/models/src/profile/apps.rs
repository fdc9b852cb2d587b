//! Apps you authorized with OAuth: list, view, revoke.

use linode_models_derive::Lossless;

use crate::{Extra, Scopes, Timestamp};

/// A third-party application you let into your account through OAuth.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct AuthorizedApp {
    /// When you authorized the app.
    pub created: Timestamp,
    /// When the app's access ends; `None` if it lasts until you revoke it.
    pub expiry: Option<Timestamp>,
    /// The authorization's id (used to revoke it).
    pub id: u64,
    /// The application's name.
    pub label: String,
    /// The OAuth scopes the app was given.
    pub scopes: Scopes,
    /// Where the app's thumbnail image is, or `None` when it has none (the spec does not
    /// mark it nullable, but its own example is `null`).
    pub thumbnail_url: Option<String>,
    /// The app's website.
    pub website: String,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}
