//! Personal access tokens: list, create, view, update, revoke.

use linode_models_derive::Lossless;
use serde::{Deserialize, Serialize};

use crate::{Extra, Scopes, Secret, Timestamp};

/// A personal access token: an API token made by hand rather than through an OAuth login.
///
/// `token` holds the whole token only in the answer to "create"; everywhere else the API
/// sends just its first 16 characters. Either way it is a [`Secret`], hidden from `Debug`.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct PersonalAccessToken {
    /// When the token was created.
    pub created: Timestamp,
    /// When the token stops working; `None` for a token that lives until revoked.
    pub expiry: Option<Timestamp>,
    /// The token's id (used to revoke it).
    pub id: u64,
    /// A label to tell tokens apart (1 to 100 characters).
    pub label: String,
    /// The OAuth scopes the token carries (`*` for everything).
    pub scopes: Scopes,
    /// The token itself (in full only right after creation), or its first 16 characters.
    pub token: Secret,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The body of "create a personal access token". Every field is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct PersonalAccessTokenCreate {
    /// When the token should stop working; not sent: it lives until revoked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<Timestamp>,
    /// A label (1 to 100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The scopes to grant, e.g. `linodes:read_only account:read_only`.
    /// Not sent, or `*`: the scopes of the token making the request (never more than those).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Scopes>,
}

/// The body of "update a personal access token": only the label can change.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct PersonalAccessTokenUpdate {
    /// The new label; `None` leaves it unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}
