//! Two-factor authentication: create a secret, confirm, disable.

use linode_models_derive::Lossless;
use serde::{Deserialize, Serialize};

use crate::{Extra, Secret, Timestamp};

/// A new two-factor secret, to load into an authenticator app. Two-factor authentication is
/// on only once a code made from it is confirmed, before `expiry`.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct TfaSecret {
    /// When the secret expires if it has not been confirmed.
    pub expiry: Timestamp,
    /// The secret the time-based codes are computed from; hidden from `Debug`.
    pub secret: Secret,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The body of "enable two factor authentication": a current code from the new secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct TfaConfirmation {
    /// The time-based code (codes change every 30 seconds: send a fresh one).
    pub tfa_code: Secret,
}

/// The answer to "enable two factor authentication": a one-use scratch code.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct TfaScratchCode {
    /// A code that stands in for a two-factor code once, if you lose the authenticator.
    /// Store it somewhere safe; it is hidden from `Debug`.
    pub scratch: Secret,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}
