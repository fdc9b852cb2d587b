//! Service transfers: moving Linodes from one account to another.
//!
//! The sending account creates a transfer and receives a token by email; an unrestricted user
//! of the receiving account accepts it with that token. The same shapes serve the deprecated
//! entity transfers ([`super::EntityTransfer`]).

use linode_models_derive::Lossless;
use serde::{Deserialize, Serialize};

use crate::{Extra, Timestamp};

open_enum! {
    /// Where a transfer (service or entity) stands.
    pub enum TransferStatus {
        /// Accepted by the receiving account and in progress (up to three hours).
        Accepted = "accepted",
        /// Canceled by the sender.
        Canceled = "canceled",
        /// Done: the services belong to the receiving account.
        Completed = "completed",
        /// Failed after it was accepted.
        Failed = "failed",
        /// Waiting to be accepted.
        Pending = "pending",
        /// Expired before anyone accepted it; it can no longer be accepted or canceled.
        Stale = "stale",
    }
}

/// The services a transfer moves, by type. Only Linodes can be transferred today.
#[derive(Debug, Clone, PartialEq, Eq, Default, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct TransferEntities {
    /// The ids of the Linodes in the transfer.
    #[serde(default)]
    pub linodes: Vec<u64>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

impl TransferEntities {
    /// A transfer of these Linodes.
    pub fn linodes(ids: impl IntoIterator<Item = u64>) -> Self {
        Self {
            linodes: ids.into_iter().collect(),
            extra: Extra::new(),
        }
    }
}

/// A request to move services to another account.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct ServiceTransfer {
    /// The transfer's token (a UUID): the receiving account accepts the transfer with it, and
    /// the sender cancels with it. A capability, so a [`Secret`](crate::Secret).
    pub token: crate::Secret,
    /// Where the transfer stands.
    pub status: TransferStatus,
    /// Whether your account created (sends) this transfer.
    pub is_sender: bool,
    /// What the transfer moves.
    pub entities: TransferEntities,
    /// When the transfer was created.
    pub created: Timestamp,
    /// When the transfer last changed.
    pub updated: Timestamp,
    /// When the transfer expires unless accepted (24 hours after creation).
    pub expiry: Timestamp,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The body of "request a service transfer" (and of the deprecated "create an entity
/// transfer"): what to move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct TransferCreate {
    /// The services to include, by type.
    pub entities: TransferEntities,
}

impl TransferCreate {
    /// A transfer of these Linodes.
    pub fn linodes(ids: impl IntoIterator<Item = u64>) -> Self {
        Self {
            entities: TransferEntities::linodes(ids),
        }
    }
}
