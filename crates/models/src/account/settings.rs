//! Account-wide settings: backups default, network helper, Managed, Longview, Object Storage.

use serde::{Deserialize, Serialize};

open_enum! {
    /// Where the account stands with Object Storage.
    pub enum ObjectStorageStatus {
        /// Not enrolled (the default).
        Disabled = "disabled",
        /// Enrolled, but suspended.
        Suspended = "suspended",
        /// Enrolled and usable.
        Active = "active",
    }
}

/// The account's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct AccountSettings {
    /// Whether new Linodes are enrolled in the Backups service by default. Linodes can
    /// still be enrolled one by one when this is `false`.
    pub backups_enabled: bool,
    /// The Longview Pro plan's id (e.g. `longview-10`), or `None` for Longview Free.
    /// Changed through the Longview plan endpoint, not here.
    pub longview_subscription: Option<String>,
    /// Whether Linode Managed (24/7 monitoring and incident response) is enabled.
    /// Turned on with "enable Linode Managed".
    pub managed: bool,
    /// Whether network helper is on by default for new Linodes and configurations.
    pub network_helper: bool,
    /// Where the account stands with Object Storage.
    pub object_storage: ObjectStorageStatus,
}

/// The body of "update account settings": each field left `None` is not sent, and the API
/// keeps its value. Only these two settings can be changed here.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct AccountSettingsUpdate {
    /// Whether new Linodes are enrolled in the Backups service by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backups_enabled: Option<bool>,
    /// Whether network helper is on by default for new Linodes and configurations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_helper: Option<bool>,
}
