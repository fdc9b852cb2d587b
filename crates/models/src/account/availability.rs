//! Which services your account can use in each region.

use linode_models_derive::Lossless;

use crate::Extra;

/// The services available, and unavailable, to your account in one region.
///
/// Service names are free text as the API writes them (`"Linodes"`, `"Block Storage"`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct AccountAvailability {
    /// The region's id (slug), e.g. `us-east`.
    pub region: String,
    /// The services your account can use in the region.
    #[serde(default)]
    pub available: Vec<String>,
    /// The services your account cannot use in the region.
    #[serde(default)]
    pub unavailable: Vec<String>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}
