//! Entity transfers (deprecated by the API: use service transfers, [`super::ServiceTransfer`]).
//!
//! The statuses, the entity map and the create body are shared with service transfers:
//! [`super::TransferStatus`], [`super::TransferEntities`], [`super::TransferCreate`].

use linode_models_derive::Lossless;

use super::{TransferEntities, TransferStatus};
use crate::{Extra, Timestamp};

/// A request to move entities to another account, through the deprecated entity-transfer
/// endpoints. Same fields as a [`super::ServiceTransfer`].
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct EntityTransfer {
    /// The transfer's token (a UUID), used to accept or cancel it: a capability (anyone
    /// holding it can accept the transfer), so a [`Secret`](crate::Secret).
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
