//! Promo codes, and the promotions (expiring credits) they add.

use linode_models_derive::Lossless;
use serde::{Deserialize, Serialize};

use crate::{Extra, MoneyString, Timestamp};

open_enum! {
    /// The service a promotion's credit can be spent on.
    pub enum PromotionServiceType {
        /// Every service.
        All = "all",
        /// Backups.
        Backup = "backup",
        /// Block Storage volumes.
        BlockStorage = "blockstorage",
        /// Managed MySQL databases.
        DbMysql = "db_mysql",
        /// IPv4 addresses.
        IpV4 = "ip_v4",
        /// Linodes.
        Linode = "linode",
        /// Linode disk upgrades.
        LinodeDisk = "linode_disk",
        /// Linode memory upgrades.
        LinodeMemory = "linode_memory",
        /// Longview.
        Longview = "longview",
        /// Linode Managed.
        Managed = "managed",
        /// NodeBalancers.
        NodeBalancer = "nodebalancer",
        /// Object Storage.
        ObjectStorage = "objectstorage",
        /// Placement groups.
        PlacementGroup = "placement_group",
        /// Outbound network transfer.
        TransferTx = "transfer_tx",
    }
}

/// A promotion on the account: credit spent month by month, up to a monthly cap, until it
/// runs out or expires. Amounts are exact ([`MoneyString`], as the API sends strings).
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct Promotion {
    /// A one-line summary of the promotion.
    pub summary: String,
    /// The promotion in full.
    pub description: String,
    /// The service the credit applies to.
    pub service_type: PromotionServiceType,
    /// The most credit that can be spent in one month, in US dollars.
    pub credit_monthly_cap: MoneyString,
    /// The credit left over the whole promotion, in US dollars.
    pub credit_remaining: MoneyString,
    /// The credit left this month, in US dollars.
    pub this_month_credit_remaining: MoneyString,
    /// When the credit expires.
    pub expire_dt: Option<Timestamp>,
    /// Where an image for the promotion is.
    pub image_url: String,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The body of "add a promo credit".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct PromoCodeCreate {
    /// The promo code (1 to 32 characters).
    pub promo_code: String,
}
