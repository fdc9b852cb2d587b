//! Maintenance scheduled on the account's entities (currently Linodes only).

use linode_models_derive::Lossless;

use super::MaintenancePolicy;
use crate::{Extra, Timestamp};

open_enum! {
    /// Where a maintenance stands. It goes pending, then started, then completed.
    pub enum MaintenanceStatus {
        /// It has finished.
        Completed = "completed",
        /// It has not started yet.
        Pending = "pending",
        /// It is in progress.
        Started = "started",
        /// It is planned for a set time (newer records; added after spec 4.189.0).
        Scheduled = "scheduled",
        /// It is in progress (newer records; added after spec 4.189.0).
        InProgress = "in-progress",
    }
}

open_enum! {
    /// What the maintenance does to the entity.
    pub enum MaintenanceType {
        /// The Linode is rebooted.
        Reboot = "reboot",
        /// The Linode is shut down, moved to another host, and booted again.
        ColdMigration = "cold_migration",
        /// The Linode is moved to another host while it runs.
        LiveMigration = "live_migration",
        /// The Linode is moved to another host as its maintenance policy says (added after
        /// spec 4.189.0).
        LinodeMigrate = "linode_migrate",
    }
}

open_enum! {
    /// Who started a maintenance (or a maintenance event).
    pub enum MaintenanceSource {
        /// Linode started it.
        Platform = "platform",
        /// A user started it.
        User = "user",
    }
}

open_enum! {
    /// The kind of a maintenance, as the API describes it.
    pub enum MaintenanceDescription {
        /// Planned in advance.
        Scheduled = "Scheduled Maintenance",
        /// Not planned: done as soon as possible.
        Emergency = "Emergency Maintenance",
    }
}

/// The entity a maintenance affects.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct MaintenanceEntity {
    /// The entity's id.
    pub id: u64,
    /// The entity's label.
    pub label: String,
    /// The kind of entity (`linode`).
    #[serde(rename = "type")]
    pub kind: String,
    /// The API address of the entity's collection, to combine with its id.
    pub url: String,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// A maintenance that affects one of the account's entities. Canceled maintenances are not
/// listed.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct Maintenance {
    /// The entity affected.
    pub entity: MaintenanceEntity,
    /// Why the maintenance is done.
    pub reason: String,
    /// Where it stands.
    pub status: MaintenanceStatus,
    /// What it does.
    #[serde(rename = "type")]
    pub kind: MaintenanceType,
    /// When it begins. Older records only: newer ones leave it out and say
    /// [`not_before`](Self::not_before) / [`start_time`](Self::start_time) instead.
    #[serde(default)]
    pub when: Option<Timestamp>,
    /// The maintenance policy that applies (added after spec 4.189.0).
    #[serde(default)]
    pub maintenance_policy_set: Option<MaintenancePolicy>,
    /// Scheduled or emergency (added after spec 4.189.0).
    #[serde(default)]
    pub description: Option<MaintenanceDescription>,
    /// Who started it (added after spec 4.189.0).
    #[serde(default)]
    pub source: Option<MaintenanceSource>,
    /// The earliest time it may start; `None` when not sent or `null`.
    #[serde(default)]
    pub not_before: Option<Timestamp>,
    /// When it started; `None` when not sent or `null`.
    #[serde(default)]
    pub start_time: Option<Timestamp>,
    /// When it completed; `None` when not sent or `null`.
    #[serde(default)]
    pub complete_time: Option<Timestamp>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}
