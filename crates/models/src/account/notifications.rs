//! Notifications: important, often time-sensitive items about the account.

use linode_models_derive::Lossless;

use crate::{Extra, Timestamp};

open_enum! {
    /// What a notification is about.
    pub enum NotificationType {
        /// A Linode migration is scheduled.
        MigrationScheduled = "migration_scheduled",
        /// A scheduled Linode migration is about to start.
        MigrationImminent = "migration_imminent",
        /// A Linode migration is waiting for you to start it.
        MigrationPending = "migration_pending",
        /// A Linode reboot is scheduled.
        RebootScheduled = "reboot_scheduled",
        /// A service outage affects the account.
        Outage = "outage",
        /// A payment is due.
        PaymentDue = "payment_due",
        /// An important support ticket is open.
        TicketImportant = "ticket_important",
        /// An abuse ticket is open.
        TicketAbuse = "ticket_abuse",
        /// A general notice.
        Notice = "notice",
        /// Maintenance is planned.
        Maintenance = "maintenance",
        /// A promotion.
        Promotion = "promotion",
    }
}

open_enum! {
    /// How prominently a notification should be shown.
    pub enum NotificationSeverity {
        /// Low importance.
        Minor = "minor",
        /// Important.
        Major = "major",
        /// Needs attention now.
        Critical = "critical",
    }
}

open_enum! {
    /// The kind of object a notification is about.
    pub enum NotificationEntityType {
        /// The account.
        Account = "account",
        /// An entity transfer.
        EntityTransfer = "entity_transfer",
        /// A Linode.
        Linode = "linode",
        /// A load balancer.
        Loadbalancers = "loadbalancers",
        /// A NodeBalancer.
        Nodebalancer = "nodebalancer",
        /// A promotion.
        Promotion = "promotion",
        /// A region.
        Region = "region",
        /// A support ticket.
        Ticket = "ticket",
        /// A Block Storage volume.
        Volume = "volume",
    }
}

/// The object a notification is about.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct NotificationEntity {
    /// The object's id; `None` for an account or a promotion.
    pub id: Option<u64>,
    /// The object's label; `None` for an entity transfer, a promotion or a region.
    pub label: Option<String>,
    /// The kind of object.
    #[serde(rename = "type")]
    pub kind: NotificationEntityType,
    /// Where the object can be read, relative to the API's host; `None` for a promotion.
    pub url: Option<String>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// An important, often time-sensitive item about the account. It cannot be dismissed: it
/// goes away when what caused it is resolved.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct Notification {
    /// The full text, in Markdown; not every notification has one.
    pub body: Option<String>,
    /// The object the notification is about, if any.
    pub entity: Option<NotificationEntity>,
    /// A short description.
    pub label: String,
    /// A description for people.
    pub message: String,
    /// How prominently to show it.
    pub severity: NotificationSeverity,
    /// What it is about.
    #[serde(rename = "type")]
    pub kind: NotificationType,
    /// When what it announces ends (the end of a maintenance window), if it has a duration.
    pub until: Option<Timestamp>,
    /// When what it announces happens (a Linode going offline to migrate), if in the future.
    pub when: Option<Timestamp>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}
