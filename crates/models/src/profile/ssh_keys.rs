//! SSH keys stored on your profile, added to Linodes you deploy.

use linode_models_derive::Lossless;
use serde::{Deserialize, Serialize};

use crate::{Extra, Timestamp};

/// A public SSH key saved on your profile.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct SshKey {
    /// The key's id.
    pub id: u64,
    /// A label for the key (up to 64 characters).
    pub label: String,
    /// The public key, e.g. `ssh-ed25519 AAAA... user@host`.
    pub ssh_key: String,
    /// When the key was added.
    pub created: Timestamp,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The body of "add an SSH key".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct SshKeyCreate {
    /// A label for the key (up to 64 characters); the API leaves it empty when not sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The public key. Accepted: ssh-dss, ssh-rsa, ecdsa-sha2-nistp*, ssh-ed25519,
    /// sk-ecdsa-sha2-nistp256.
    pub ssh_key: String,
}

/// The body of "update an SSH key": only the label can change.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct SshKeyUpdate {
    /// The new label; `None` leaves it unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}
