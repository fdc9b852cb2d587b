//! Trusted devices: list, view, revoke.

use linode_models_derive::Lossless;

use crate::{Extra, Timestamp};

/// A browser with an active "Remember Me" session on login.linode.com.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct TrustedDevice {
    /// When the session started (the login with "Remember Me" ticked).
    pub created: Timestamp,
    /// When the session ends (usually 30 days after it started).
    pub expiry: Timestamp,
    /// The device's id (used to revoke it).
    pub id: u64,
    /// The last time the device signed in successfully.
    pub last_authenticated: Timestamp,
    /// The IP address of that last successful sign-in.
    pub last_remote_addr: String,
    /// The User-Agent of the browser that started the session.
    pub user_agent: String,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}
