//! Logins to the account's users: list, view.
//!
//! The same [`Login`] model describes the logins of your own user (`/profile/logins`) and of
//! every user of the account (`/account/logins`).

use linode_models_derive::Lossless;

use crate::{Extra, Timestamp};

open_enum! {
    /// Whether a login attempt went through.
    pub enum LoginStatus {
        /// The login succeeded.
        Successful = "successful",
        /// The login was refused.
        Failed = "failed",
    }
}

/// One login attempt by a user of the account (kept for 90 days).
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct Login {
    /// When the login started.
    pub datetime: Timestamp,
    /// The login record's id.
    pub id: u64,
    /// The IP address (v4 or v6) the login came from.
    pub ip: String,
    /// Whether the user who logged in is a restricted user.
    pub restricted: bool,
    /// Whether the attempt succeeded.
    pub status: LoginStatus,
    /// The user who logged in.
    pub username: String,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}
