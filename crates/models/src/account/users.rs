//! Users of the account, and their grants.
//!
//! A user is unrestricted (may do everything) or restricted (may do only what its
//! [grants](crate::account::Grants) allow). Only unrestricted users can manage users.

use linode_models_derive::Lossless;
use serde::{Deserialize, Serialize};

use crate::{Extra, Timestamp};

open_enum! {
    /// Where a user stands in a parent/child account relationship.
    pub enum UserType {
        /// A user of an Akamai partner (parent) account.
        Parent = "parent",
        /// A user of a partner's customer (child) account.
        Child = "child",
        /// The user of a child account through which parent users act on it.
        Proxy = "proxy",
        /// A user of an account outside any parent/child relationship.
        Default = "default",
    }
}

open_enum! {
    /// How a login attempt ended.
    pub enum LastLoginStatus {
        /// The user logged in.
        Successful = "successful",
        /// The attempt was refused.
        Failed = "failed",
    }
}

/// A user's most recent login attempt.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct LastLogin {
    /// When the attempt was made.
    pub login_datetime: Timestamp,
    /// How it ended.
    pub status: LastLoginStatus,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// A user of the account.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct User {
    /// The user's username (3 to 32 characters), used to log in and shown next to what the
    /// user does.
    pub username: String,
    /// Where Linode sends account-management email for this user.
    pub email: String,
    /// Whether the user is limited to its grants (`false`: may do everything).
    pub restricted: bool,
    /// The most recent login attempt; `None` if the user has not tried to log in since it
    /// was created.
    pub last_login: Option<LastLogin>,
    /// When the user's current password was set; `None` if it has not set one yet.
    pub password_created: Option<Timestamp>,
    /// The labels of the SSH keys the user has added to its profile.
    #[serde(default)]
    pub ssh_keys: Vec<String>,
    /// Whether the user has two-factor authentication turned on.
    pub tfa_enabled: bool,
    /// The phone number the user verified; `None` if it has not verified one.
    pub verified_phone_number: Option<String>,
    /// The user's place in a parent/child account relationship. The API documents it on
    /// every answer but the one to "create a user"; `None` when it is not sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_type: Option<UserType>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The body of "create a user". The new user receives an email to set its password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct UserCreate {
    /// The username: 3 to 32 letters, digits, `-` or `_`, starting and ending with a letter
    /// or digit, with no two `-`/`_` in a row.
    pub username: String,
    /// The user's email address.
    pub email: String,
    /// Whether the user is limited to its grants; the API's default applies when `None`.
    /// A restricted user starts with no grants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restricted: Option<bool>,
}

impl UserCreate {
    /// A user with `username` and `email`, restricted or not as the API decides.
    pub fn new(username: impl Into<String>, email: impl Into<String>) -> Self {
        Self {
            username: username.into(),
            email: email.into(),
            restricted: None,
        }
    }
}

/// The body of "update a user": only the fields set are sent; the others stay unchanged.
///
/// None of these fields can be set to `null`. Making a user restricted leaves it with no
/// grants until you set some.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct UserUpdate {
    /// A new username.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// A new email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Restrict (`true`) or unrestrict (`false`) the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restricted: Option<bool>,
}
