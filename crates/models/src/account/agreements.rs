//! Legal agreements your account has acknowledged.

use linode_models_derive::Lossless;
use serde::{Deserialize, Serialize};

use crate::Extra;

/// Whether each agreement has been acknowledged on your account.
#[derive(Debug, Clone, PartialEq, Eq, Default, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct Agreements {
    /// The cross-border data transfer agreement (EU model clauses).
    #[serde(default)]
    pub eu_model: bool,
    /// Akamai's master service agreement.
    #[serde(default)]
    pub master_service_agreement: bool,
    /// Akamai's privacy statement.
    #[serde(default)]
    pub privacy_policy: bool,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The body of "acknowledge agreements": set the agreements to accept to `Some(true)` and
/// leave the others `None` (not sent, left unchanged).
///
/// The API refuses `false`: an acknowledgement can only be reset through a support ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct AgreementsAcknowledge {
    /// Acknowledge the cross-border data transfer agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eu_model: Option<bool>,
    /// Acknowledge the master service agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master_service_agreement: Option<bool>,
    /// Acknowledge the privacy statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_policy: Option<bool>,
}

impl AgreementsAcknowledge {
    /// Acknowledges every agreement this version knows.
    pub const fn all() -> Self {
        Self {
            eu_model: Some(true),
            master_service_agreement: Some(true),
            privacy_policy: Some(true),
        }
    }
}
