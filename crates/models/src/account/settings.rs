//! Account-wide settings: backups default, network helper, Managed, Longview, Object Storage,
//! maintenance policy and the interfaces of new Linodes.

use linode_models_derive::Lossless;

use crate::{Extra, Update};

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

open_enum! {
    /// What Linode does with a Linode when its host needs maintenance (account default, and
    /// what a maintenance event says it applied).
    pub enum MaintenancePolicy {
        /// Migrate the Linode to another host (live when possible).
        Migrate = "linode/migrate",
        /// Power the Linode off, and on again after the maintenance.
        PowerOffOn = "linode/power_off_on",
    }
}

open_enum! {
    /// Which network interfaces new Linodes get: the legacy configuration profile interfaces,
    /// the newer Linode interfaces, or a default with the other allowed.
    pub enum InterfacesForNewLinodes {
        /// Only configuration profile interfaces.
        LegacyConfigOnly = "legacy_config_only",
        /// Configuration profile interfaces by default; Linode interfaces allowed.
        LegacyConfigDefaultButLinodeAllowed = "legacy_config_default_but_linode_allowed",
        /// Linode interfaces by default; configuration profile interfaces allowed.
        LinodeDefaultButLegacyConfigAllowed = "linode_default_but_legacy_config_allowed",
        /// Only Linode interfaces.
        LinodeOnly = "linode_only",
    }
}

/// The account's settings.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct AccountSettings {
    /// Whether new Linodes are enrolled in the Backups service by default. Linodes can
    /// still be enrolled one by one when this is `false`.
    pub backups_enabled: bool,
    /// The Longview Pro plan's id (e.g. `longview-10`), or `None` for Longview Free.
    /// Changed through the Longview plan endpoint, not here.
    #[serde(default)]
    pub longview_subscription: Option<String>,
    /// Whether Linode Managed (24/7 monitoring and incident response) is enabled.
    /// Turned on with "enable Linode Managed".
    pub managed: bool,
    /// Whether network helper is on by default for new Linodes and configurations.
    pub network_helper: bool,
    /// Where the account stands with Object Storage.
    pub object_storage: ObjectStorageStatus,
    /// What maintenance does to the account's Linodes by default (beta; added after spec
    /// 4.189.0); `None` when the API does not say.
    #[serde(default)]
    pub maintenance_policy: Option<MaintenancePolicy>,
    /// Which interfaces new Linodes get (added after spec 4.189.0); `None` when the API does
    /// not say.
    #[serde(default)]
    pub interfaces_for_new_linodes: Option<InterfacesForNewLinodes>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The body of "update account settings": each field left unset is not sent, and the API
/// keeps its value.
///
/// ```
/// use linode_models::account::{AccountSettingsUpdate, MaintenancePolicy};
/// let body = AccountSettingsUpdate {
///     maintenance_policy: MaintenancePolicy::PowerOffOn.into(),
///     ..Default::default()
/// };
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"maintenance_policy":"linode/power_off_on"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct AccountSettingsUpdate {
    /// Whether new Linodes are enrolled in the Backups service by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backups_enabled: Option<bool>,
    /// Whether network helper is on by default for new Linodes and configurations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_helper: Option<bool>,
    /// The account's default maintenance policy (beta); [`Update::Null`] asks the API for its
    /// own default.
    #[serde(default, skip_serializing_if = "Update::is_unchanged")]
    pub maintenance_policy: Update<MaintenancePolicy>,
    /// Which interfaces new Linodes get.
    #[serde(default, skip_serializing_if = "Update::is_unchanged")]
    pub interfaces_for_new_linodes: Update<InterfacesForNewLinodes>,
    /// Settings this version does not model, sent as they are (see [`Extra`]).
    pub extra: Extra,
}
