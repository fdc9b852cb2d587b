//! Grants: what a restricted user may do, globally and per entity.
//!
//! Only restricted users have grants. Reading the grants of an unrestricted user (or your
//! own, when you are unrestricted) answers `204 No Content` with an empty body: that is
//! [`UserGrants::Unrestricted`], not an error and not an empty [`Grants`].

use linode_models_derive::Lossless;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Extra, Update};

open_enum! {
    /// A level of access: to one entity, or (as `account_access`) to account-level actions
    /// such as billing.
    pub enum GrantPermission {
        /// May view, not change.
        ReadOnly = "read_only",
        /// May view and change.
        ReadWrite = "read_write",
    }
}

/// The account-level grants of a restricted user: what it may create, and how far it may
/// touch the account itself.
#[derive(Debug, Clone, PartialEq, Eq, Default, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct GlobalGrants {
    /// Access to account-level actions (billing information and the like); `None` means no
    /// access. A restricted user can never manage users, whatever this says. In a child
    /// account, `read_write` lets a child user manage other child users, but still not
    /// write billing data.
    #[serde(default)]
    pub account_access: Option<GrantPermission>,
    /// May add Managed Databases.
    #[serde(default)]
    pub add_databases: bool,
    /// May add domains.
    #[serde(default)]
    pub add_domains: bool,
    /// May add Cloud Firewalls.
    #[serde(default)]
    pub add_firewalls: bool,
    /// May add images.
    #[serde(default)]
    pub add_images: bool,
    /// May create Linodes.
    #[serde(default)]
    pub add_linodes: bool,
    /// May create Longview clients and see the current Longview plan.
    #[serde(default)]
    pub add_longview: bool,
    /// May add NodeBalancers.
    #[serde(default)]
    pub add_nodebalancers: bool,
    /// May add placement groups.
    #[serde(default)]
    pub add_placement_groups: bool,
    /// May add StackScripts.
    #[serde(default)]
    pub add_stackscripts: bool,
    /// May add Block Storage volumes.
    #[serde(default)]
    pub add_volumes: bool,
    /// May add VPCs.
    #[serde(default)]
    pub add_vpcs: bool,
    /// May cancel the whole account.
    #[serde(default)]
    pub cancel_account: bool,
    /// Parent accounts only: may use the endpoints that manage child accounts. The API
    /// sends `null` for every account that is not a parent account.
    #[serde(default)]
    pub child_account_access: Option<bool>,
    /// May manage the account's Longview subscription.
    #[serde(default)]
    pub longview_subscription: bool,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// A restricted user's access to one entity of the account.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct EntityGrant {
    /// The entity's id (a Linode id, a domain id, ...).
    pub id: u64,
    /// The entity's current label, for display only (changing it here changes nothing).
    pub label: String,
    /// The user's access to the entity; `None` means no access.
    pub permissions: Option<GrantPermission>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// Everything a restricted user has been granted: the account-level flags and one list per
/// kind of entity.
///
/// From `GET /account/users/{username}/grants` every entity of the account is listed (with
/// `permissions: None` where the user has no access); from `GET /profile/grants` entities
/// you cannot access are left out. A list the API does not send reads as empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct Grants {
    /// Account-level grants.
    pub global: GlobalGrants,
    /// Grants for each Managed Database.
    #[serde(default)]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grants()"))]
    pub database: Vec<EntityGrant>,
    /// Grants for each domain.
    #[serde(default)]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grants()"))]
    pub domain: Vec<EntityGrant>,
    /// Grants for each Cloud Firewall.
    #[serde(default)]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grants()"))]
    pub firewall: Vec<EntityGrant>,
    /// Grants for each image.
    #[serde(default)]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grants()"))]
    pub image: Vec<EntityGrant>,
    /// Grants for each Linode.
    #[serde(default)]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grants()"))]
    pub linode: Vec<EntityGrant>,
    /// Grants for each Longview client.
    #[serde(default)]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grants()"))]
    pub longview: Vec<EntityGrant>,
    /// Grants for each NodeBalancer.
    #[serde(default)]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grants()"))]
    pub nodebalancer: Vec<EntityGrant>,
    /// Grants for each placement group.
    #[serde(default)]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grants()"))]
    pub placement_group: Vec<EntityGrant>,
    /// Grants for each StackScript.
    #[serde(default)]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grants()"))]
    pub stackscript: Vec<EntityGrant>,
    /// Grants for each Block Storage volume.
    #[serde(default)]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grants()"))]
    pub volume: Vec<EntityGrant>,
    /// Grants for each VPC.
    #[serde(default)]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grants()"))]
    pub vpc: Vec<EntityGrant>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

#[cfg(feature = "proptest")]
fn entity_grants() -> impl proptest::strategy::Strategy<Value = Vec<EntityGrant>> {
    proptest::collection::vec(proptest::arbitrary::any::<EntityGrant>(), 0..3)
}

#[cfg(feature = "proptest")]
fn entity_grant_updates(
) -> impl proptest::strategy::Strategy<Value = Option<Vec<EntityGrantUpdate>>> {
    proptest::option::of(proptest::collection::vec(
        proptest::arbitrary::any::<EntityGrantUpdate>(),
        0..3,
    ))
}

/// The answer to a grants lookup: an unrestricted user has no grants at all.
///
/// The API tells the two cases apart by status: `204` with an empty body for an
/// unrestricted user, `200` with a [`Grants`] object for a restricted one. As JSON,
/// `Unrestricted` is `null` (an empty body reads as `null`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
// As large as `Option<Grants>`; boxing would cost an allocation and a clumsier pattern match
// for a value read once per request.
#[allow(clippy::large_enum_variant)]
pub enum UserGrants {
    /// The user is unrestricted: it may access everything and do anything on the account.
    Unrestricted,
    /// The user is restricted to these grants.
    Restricted(Grants),
}

impl UserGrants {
    /// Whether the user is unrestricted (has access to everything).
    pub fn is_unrestricted(&self) -> bool {
        matches!(self, UserGrants::Unrestricted)
    }

    /// The grants of a restricted user; `None` for an unrestricted one.
    pub fn restricted(&self) -> Option<&Grants> {
        match self {
            UserGrants::Unrestricted => None,
            UserGrants::Restricted(grants) => Some(grants),
        }
    }

    /// Consumes the answer: the grants of a restricted user, `None` for an unrestricted one.
    pub fn into_restricted(self) -> Option<Grants> {
        match self {
            UserGrants::Unrestricted => None,
            UserGrants::Restricted(grants) => Some(grants),
        }
    }
}

impl From<Option<Grants>> for UserGrants {
    /// `None` is unrestricted, `Some` restricted.
    fn from(value: Option<Grants>) -> Self {
        value.map_or(UserGrants::Unrestricted, UserGrants::Restricted)
    }
}

impl From<Grants> for UserGrants {
    fn from(value: Grants) -> Self {
        UserGrants::Restricted(value)
    }
}

impl Serialize for UserGrants {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.restricted().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for UserGrants {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<Grants>::deserialize(deserializer).map(UserGrants::from)
    }
}

/// The account-level part of a grants update. Every field left at its default is not sent
/// and stays as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct GlobalGrantsUpdate {
    /// Access to account-level actions; [`Update::Null`] takes it away. A child account
    /// user cannot change this grant for the proxy user.
    #[serde(default, skip_serializing_if = "Update::is_unchanged")]
    pub account_access: Update<GrantPermission>,
    /// May add Managed Databases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_databases: Option<bool>,
    /// May add domains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_domains: Option<bool>,
    /// May add Cloud Firewalls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_firewalls: Option<bool>,
    /// May add images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_images: Option<bool>,
    /// May create Linodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_linodes: Option<bool>,
    /// May create Longview clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_longview: Option<bool>,
    /// May add NodeBalancers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_nodebalancers: Option<bool>,
    /// May add placement groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_placement_groups: Option<bool>,
    /// May add StackScripts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_stackscripts: Option<bool>,
    /// May add Block Storage volumes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_volumes: Option<bool>,
    /// May add VPCs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_vpcs: Option<bool>,
    /// May cancel the whole account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_account: Option<bool>,
    /// Parent accounts only: may manage child accounts.
    #[serde(default, skip_serializing_if = "Update::is_unchanged")]
    pub child_account_access: Update<bool>,
    /// May manage the Longview subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longview_subscription: Option<bool>,
}

/// A change to a user's access to one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct EntityGrantUpdate {
    /// The entity's id.
    pub id: u64,
    /// The new access; `None` is sent as `null` and takes all access away.
    pub permissions: Option<GrantPermission>,
}

impl EntityGrantUpdate {
    /// Gives `permissions` on entity `id`.
    pub fn grant(id: u64, permissions: GrantPermission) -> Self {
        Self {
            id,
            permissions: Some(permissions),
        }
    }

    /// Takes all access to entity `id` away.
    pub fn revoke(id: u64) -> Self {
        Self {
            id,
            permissions: None,
        }
    }
}

/// The body of "update a user's grants": only what changes.
///
/// A list left as `None` is not sent; inside a list, entities that are not mentioned keep
/// their current access. To take access away, list the entity with
/// [`EntityGrantUpdate::revoke`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct GrantsUpdate {
    /// Changes to the account-level grants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global: Option<GlobalGrantsUpdate>,
    /// Changes for Managed Databases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grant_updates()"))]
    pub database: Option<Vec<EntityGrantUpdate>>,
    /// Changes for domains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grant_updates()"))]
    pub domain: Option<Vec<EntityGrantUpdate>>,
    /// Changes for Cloud Firewalls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grant_updates()"))]
    pub firewall: Option<Vec<EntityGrantUpdate>>,
    /// Changes for images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grant_updates()"))]
    pub image: Option<Vec<EntityGrantUpdate>>,
    /// Changes for Linodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grant_updates()"))]
    pub linode: Option<Vec<EntityGrantUpdate>>,
    /// Changes for Longview clients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grant_updates()"))]
    pub longview: Option<Vec<EntityGrantUpdate>>,
    /// Changes for NodeBalancers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grant_updates()"))]
    pub nodebalancer: Option<Vec<EntityGrantUpdate>>,
    /// Changes for placement groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grant_updates()"))]
    pub placement_group: Option<Vec<EntityGrantUpdate>>,
    /// Changes for StackScripts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grant_updates()"))]
    pub stackscript: Option<Vec<EntityGrantUpdate>>,
    /// Changes for Block Storage volumes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grant_updates()"))]
    pub volume: Option<Vec<EntityGrantUpdate>>,
    /// Changes for VPCs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "proptest", proptest(strategy = "entity_grant_updates()"))]
    pub vpc: Option<Vec<EntityGrantUpdate>>,
}
