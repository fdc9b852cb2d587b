//! Maintenance scheduled on the account's entities (currently Linodes only).

use serde::{Deserialize, Serialize};

use crate::Timestamp;

open_enum! {
    /// Where a maintenance stands. It goes pending, then started, then completed.
    pub enum MaintenanceStatus {
        /// It has finished.
        Completed = "completed",
        /// It has not started yet.
        Pending = "pending",
        /// It is in progress.
        Started = "started",
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
    }
}

/// The entity a maintenance affects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// A maintenance that affects one of the account's entities. Canceled maintenances are not
/// listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// When it begins.
    pub when: Timestamp,
}
