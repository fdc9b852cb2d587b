//! Events: what happened on the account (a Linode booted, a user was created, ...).

use core::fmt;

use linode_models_derive::Lossless;
use serde::{Deserialize, Serialize};

use super::{MaintenanceDescription, MaintenancePolicy, MaintenanceSource};
use crate::{ClockDuration, Extra, Timestamp};

open_enum! {
    /// What caused an event. The API adds actions over time; an action this version does
    /// not know is kept as [`EventAction::Unknown`].
    pub enum EventAction {
        /// The `account_update` action.
        AccountUpdate = "account_update",
        /// The `account_settings_update` action.
        AccountSettingsUpdate = "account_settings_update",
        /// The `backups_enable` action.
        BackupsEnable = "backups_enable",
        /// The `backups_cancel` action.
        BackupsCancel = "backups_cancel",
        /// The `backups_restore` action.
        BackupsRestore = "backups_restore",
        /// The `community_question_reply` action.
        CommunityQuestionReply = "community_question_reply",
        /// The `community_like` action.
        CommunityLike = "community_like",
        /// The `credit_card_updated` action.
        CreditCardUpdated = "credit_card_updated",
        /// The `disk_create` action.
        DiskCreate = "disk_create",
        /// The `disk_delete` action.
        DiskDelete = "disk_delete",
        /// The `disk_update` action.
        DiskUpdate = "disk_update",
        /// The `disk_duplicate` action.
        DiskDuplicate = "disk_duplicate",
        /// The `disk_imagize` action.
        DiskImagize = "disk_imagize",
        /// The `disk_resize` action.
        DiskResize = "disk_resize",
        /// The `dns_record_create` action.
        DnsRecordCreate = "dns_record_create",
        /// The `dns_record_delete` action.
        DnsRecordDelete = "dns_record_delete",
        /// The `dns_record_update` action.
        DnsRecordUpdate = "dns_record_update",
        /// The `dns_zone_create` action.
        DnsZoneCreate = "dns_zone_create",
        /// The `dns_zone_delete` action.
        DnsZoneDelete = "dns_zone_delete",
        /// The `dns_zone_import` action.
        DnsZoneImport = "dns_zone_import",
        /// The `dns_zone_update` action.
        DnsZoneUpdate = "dns_zone_update",
        /// The `entity_transfer_accept` action.
        EntityTransferAccept = "entity_transfer_accept",
        /// The `entity_transfer_cancel` action.
        EntityTransferCancel = "entity_transfer_cancel",
        /// The `entity_transfer_create` action.
        EntityTransferCreate = "entity_transfer_create",
        /// The `entity_transfer_fail` action.
        EntityTransferFail = "entity_transfer_fail",
        /// The `entity_transfer_stale` action.
        EntityTransferStale = "entity_transfer_stale",
        /// The `firewall_apply` action.
        FirewallApply = "firewall_apply",
        /// The `firewall_create` action.
        FirewallCreate = "firewall_create",
        /// The `firewall_delete` action.
        FirewallDelete = "firewall_delete",
        /// The `firewall_disable` action.
        FirewallDisable = "firewall_disable",
        /// The `firewall_enable` action.
        FirewallEnable = "firewall_enable",
        /// The `firewall_update` action.
        FirewallUpdate = "firewall_update",
        /// The `firewall_device_add` action.
        FirewallDeviceAdd = "firewall_device_add",
        /// The `firewall_device_remove` action.
        FirewallDeviceRemove = "firewall_device_remove",
        /// The `host_reboot` action.
        HostReboot = "host_reboot",
        /// The `image_delete` action.
        ImageDelete = "image_delete",
        /// The `image_update` action.
        ImageUpdate = "image_update",
        /// The `image_upload` action.
        ImageUpload = "image_upload",
        /// The `ipaddress_update` action.
        IpaddressUpdate = "ipaddress_update",
        /// The `lassie_reboot` action.
        LassieReboot = "lassie_reboot",
        /// The `lish_boot` action.
        LishBoot = "lish_boot",
        /// The `linode_addip` action.
        LinodeAddip = "linode_addip",
        /// The `linode_boot` action.
        LinodeBoot = "linode_boot",
        /// The `linode_clone` action.
        LinodeClone = "linode_clone",
        /// The `linode_create` action.
        LinodeCreate = "linode_create",
        /// The `linode_delete` action.
        LinodeDelete = "linode_delete",
        /// The `linode_update` action.
        LinodeUpdate = "linode_update",
        /// The `linode_deleteip` action.
        LinodeDeleteip = "linode_deleteip",
        /// The `linode_migrate` action.
        LinodeMigrate = "linode_migrate",
        /// The `linode_migrate_datacenter` action.
        LinodeMigrateDatacenter = "linode_migrate_datacenter",
        /// The `linode_migrate_datacenter_create` action.
        LinodeMigrateDatacenterCreate = "linode_migrate_datacenter_create",
        /// The `linode_mutate` action.
        LinodeMutate = "linode_mutate",
        /// The `linode_mutate_create` action.
        LinodeMutateCreate = "linode_mutate_create",
        /// The `linode_reboot` action.
        LinodeReboot = "linode_reboot",
        /// The `linode_rebuild` action.
        LinodeRebuild = "linode_rebuild",
        /// The `linode_resize` action.
        LinodeResize = "linode_resize",
        /// The `linode_resize_create` action.
        LinodeResizeCreate = "linode_resize_create",
        /// The `linode_shutdown` action.
        LinodeShutdown = "linode_shutdown",
        /// The `linode_snapshot` action.
        LinodeSnapshot = "linode_snapshot",
        /// The `linode_config_create` action.
        LinodeConfigCreate = "linode_config_create",
        /// The `linode_config_delete` action.
        LinodeConfigDelete = "linode_config_delete",
        /// The `linode_config_update` action.
        LinodeConfigUpdate = "linode_config_update",
        /// The `lke_cluster_create` action.
        LkeClusterCreate = "lke_cluster_create",
        /// The `lke_cluster_update` action.
        LkeClusterUpdate = "lke_cluster_update",
        /// The `lke_cluster_delete` action.
        LkeClusterDelete = "lke_cluster_delete",
        /// The `lke_cluster_recycle` action.
        LkeClusterRecycle = "lke_cluster_recycle",
        /// The `lke_cluster_regenerate` action.
        LkeClusterRegenerate = "lke_cluster_regenerate",
        /// The `lke_node_create` action.
        LkeNodeCreate = "lke_node_create",
        /// The `lke_node_delete` action.
        LkeNodeDelete = "lke_node_delete",
        /// The `lke_node_recycle` action.
        LkeNodeRecycle = "lke_node_recycle",
        /// The `lke_pool_create` action.
        LkePoolCreate = "lke_pool_create",
        /// The `lke_pool_delete` action.
        LkePoolDelete = "lke_pool_delete",
        /// The `lke_pool_recycle` action.
        LkePoolRecycle = "lke_pool_recycle",
        /// The `lke_kubeconfig_regenerate` action.
        LkeKubeconfigRegenerate = "lke_kubeconfig_regenerate",
        /// The `lke_token_rotate` action.
        LkeTokenRotate = "lke_token_rotate",
        /// The `longviewclient_create` action.
        LongviewclientCreate = "longviewclient_create",
        /// The `longviewclient_delete` action.
        LongviewclientDelete = "longviewclient_delete",
        /// The `longviewclient_update` action.
        LongviewclientUpdate = "longviewclient_update",
        /// The `managed_disabled` action.
        ManagedDisabled = "managed_disabled",
        /// The `managed_enabled` action.
        ManagedEnabled = "managed_enabled",
        /// The `managed_service_create` action.
        ManagedServiceCreate = "managed_service_create",
        /// The `managed_service_delete` action.
        ManagedServiceDelete = "managed_service_delete",
        /// The `nodebalancer_create` action.
        NodebalancerCreate = "nodebalancer_create",
        /// The `nodebalancer_delete` action.
        NodebalancerDelete = "nodebalancer_delete",
        /// The `nodebalancer_update` action.
        NodebalancerUpdate = "nodebalancer_update",
        /// The `nodebalancer_config_create` action.
        NodebalancerConfigCreate = "nodebalancer_config_create",
        /// The `nodebalancer_config_delete` action.
        NodebalancerConfigDelete = "nodebalancer_config_delete",
        /// The `nodebalancer_config_update` action.
        NodebalancerConfigUpdate = "nodebalancer_config_update",
        /// The `nodebalancer_node_create` action.
        NodebalancerNodeCreate = "nodebalancer_node_create",
        /// The `nodebalancer_node_delete` action.
        NodebalancerNodeDelete = "nodebalancer_node_delete",
        /// The `nodebalancer_node_update` action.
        NodebalancerNodeUpdate = "nodebalancer_node_update",
        /// The `oauth_client_create` action.
        OauthClientCreate = "oauth_client_create",
        /// The `oauth_client_delete` action.
        OauthClientDelete = "oauth_client_delete",
        /// The `oauth_client_secret_reset` action.
        OauthClientSecretReset = "oauth_client_secret_reset",
        /// The `oauth_client_update` action.
        OauthClientUpdate = "oauth_client_update",
        /// The `obj_access_key_create` action.
        ObjAccessKeyCreate = "obj_access_key_create",
        /// The `obj_access_key_delete` action.
        ObjAccessKeyDelete = "obj_access_key_delete",
        /// The `obj_access_key_update` action.
        ObjAccessKeyUpdate = "obj_access_key_update",
        /// The `password_reset` action.
        PasswordReset = "password_reset",
        /// The `payment_method_add` action.
        PaymentMethodAdd = "payment_method_add",
        /// The `payment_submitted` action.
        PaymentSubmitted = "payment_submitted",
        /// The `placement_group_assign` action.
        PlacementGroupAssign = "placement_group_assign",
        /// The `placement_group_became_compliant` action.
        PlacementGroupBecameCompliant = "placement_group_became_compliant",
        /// The `placement_group_became_non_compliant` action.
        PlacementGroupBecameNonCompliant = "placement_group_became_non_compliant",
        /// The `placement_group_create` action.
        PlacementGroupCreate = "placement_group_create",
        /// The `placement_group_delete` action.
        PlacementGroupDelete = "placement_group_delete",
        /// The `placement_group_unassign` action.
        PlacementGroupUnassign = "placement_group_unassign",
        /// The `placement_group_update` action.
        PlacementGroupUpdate = "placement_group_update",
        /// The `profile_update` action.
        ProfileUpdate = "profile_update",
        /// The `stackscript_create` action.
        StackscriptCreate = "stackscript_create",
        /// The `stackscript_delete` action.
        StackscriptDelete = "stackscript_delete",
        /// The `stackscript_update` action.
        StackscriptUpdate = "stackscript_update",
        /// The `stackscript_publicize` action.
        StackscriptPublicize = "stackscript_publicize",
        /// The `stackscript_revise` action.
        StackscriptRevise = "stackscript_revise",
        /// The `subnet_create` action.
        SubnetCreate = "subnet_create",
        /// The `subnet_delete` action.
        SubnetDelete = "subnet_delete",
        /// The `subnet_update` action.
        SubnetUpdate = "subnet_update",
        /// The `tag_create` action.
        TagCreate = "tag_create",
        /// The `tag_delete` action.
        TagDelete = "tag_delete",
        /// The `tfa_disabled` action.
        TfaDisabled = "tfa_disabled",
        /// The `tfa_enabled` action.
        TfaEnabled = "tfa_enabled",
        /// The `ticket_attachment_upload` action.
        TicketAttachmentUpload = "ticket_attachment_upload",
        /// The `ticket_create` action.
        TicketCreate = "ticket_create",
        /// The `ticket_update` action.
        TicketUpdate = "ticket_update",
        /// The `token_create` action.
        TokenCreate = "token_create",
        /// The `token_delete` action.
        TokenDelete = "token_delete",
        /// The `token_update` action.
        TokenUpdate = "token_update",
        /// The `user_create` action.
        UserCreate = "user_create",
        /// The `user_update` action.
        UserUpdate = "user_update",
        /// The `user_delete` action.
        UserDelete = "user_delete",
        /// The `user_ssh_key_add` action.
        UserSshKeyAdd = "user_ssh_key_add",
        /// The `user_ssh_key_delete` action.
        UserSshKeyDelete = "user_ssh_key_delete",
        /// The `user_ssh_key_update` action.
        UserSshKeyUpdate = "user_ssh_key_update",
        /// The `vlan_attach` action.
        VlanAttach = "vlan_attach",
        /// The `vlan_detach` action.
        VlanDetach = "vlan_detach",
        /// The `volume_attach` action.
        VolumeAttach = "volume_attach",
        /// The `volume_clone` action.
        VolumeClone = "volume_clone",
        /// The `volume_create` action.
        VolumeCreate = "volume_create",
        /// The `volume_delete` action.
        VolumeDelete = "volume_delete",
        /// The `volume_update` action.
        VolumeUpdate = "volume_update",
        /// The `volume_detach` action.
        VolumeDetach = "volume_detach",
        /// The `volume_resize` action.
        VolumeResize = "volume_resize",
        /// The `vpc_create` action.
        VpcCreate = "vpc_create",
        /// The `vpc_delete` action.
        VpcDelete = "vpc_delete",
        /// The `vpc_update` action.
        VpcUpdate = "vpc_update",
    }
}

open_enum! {
    /// The kind of object an event is about.
    pub enum EventEntityType {
        /// The account.
        Account = "account",
        /// A Linode's backups (the id is the Linode's).
        Backups = "backups",
        /// A Community Site post.
        Community = "community",
        /// A Linode's disk (the id is the Linode's).
        Disks = "disks",
        /// A DNS domain.
        Domain = "domain",
        /// An entity transfer.
        EntityTransfer = "entity_transfer",
        /// A Cloud Firewall.
        Firewall = "firewall",
        /// An image.
        Image = "image",
        /// An IP address.
        Ipaddress = "ipaddress",
        /// A Linode.
        Linode = "linode",
        /// A Longview client.
        Longview = "longview",
        /// A load balancer.
        Loadbalancer = "loadbalancer",
        /// A Linode Managed service.
        ManagedService = "managed_service",
        /// A NodeBalancer.
        Nodebalancer = "nodebalancer",
        /// An OAuth client.
        OauthClient = "oauth_client",
        /// Your profile.
        Profile = "profile",
        /// A StackScript.
        Stackscript = "stackscript",
        /// A tag (the id is the tag's name).
        Tag = "tag",
        /// A support ticket.
        Ticket = "ticket",
        /// A personal access token.
        Token = "token",
        /// A user.
        User = "user",
        /// A user's SSH key.
        UserSshKey = "user_ssh_key",
        /// A Block Storage volume.
        Volume = "volume",
    }
}

open_enum! {
    /// Where an event stands.
    pub enum EventStatus {
        /// It failed.
        Failed = "failed",
        /// It completed.
        Finished = "finished",
        /// It is a notice, with no progress of its own.
        Notification = "notification",
        /// It will start later.
        Scheduled = "scheduled",
        /// It is in progress.
        Started = "started",
    }
}

/// The id of an event's entity: a number for most entities, text for some (a tag's entity
/// id is its name; a secondary entity's id may be an image id such as `linode/debian12`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(untagged)]
pub enum EventEntityId {
    /// A numeric id.
    Number(u64),
    /// A textual id.
    Text(String),
}

// By hand rather than `#[serde(untagged)]`, which buffers each id into serde's internal
// `Content` and tries the variants in turn (2% of a 100-event page's decode). It accepts the
// same values: a non-negative integer or a string; anything else fails with the same message.
impl<'de> Deserialize<'de> for EventEntityId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;

        fn mismatch<E: serde::de::Error>() -> E {
            E::custom("data did not match any variant of untagged enum EventEntityId")
        }

        impl<'de> serde::de::Visitor<'de> for IdVisitor {
            type Value = EventEntityId;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a non-negative integer or a string")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<EventEntityId, E> {
                Ok(EventEntityId::Number(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<EventEntityId, E> {
                u64::try_from(v)
                    .map(EventEntityId::Number)
                    .map_err(|_| mismatch())
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<EventEntityId, E> {
                Ok(EventEntityId::Text(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<EventEntityId, E> {
                Ok(EventEntityId::Text(v))
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<EventEntityId, E> {
                core::str::from_utf8(v)
                    .map(|text| EventEntityId::Text(text.to_owned()))
                    .map_err(|_| mismatch())
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<EventEntityId, E> {
                Err(mismatch())
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<EventEntityId, E> {
                Err(mismatch())
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<EventEntityId, E> {
                Err(mismatch())
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<EventEntityId, E> {
                Err(mismatch())
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                _: A,
            ) -> Result<EventEntityId, A::Error> {
                Err(mismatch())
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                _: A,
            ) -> Result<EventEntityId, A::Error> {
                Err(mismatch())
            }
        }

        deserializer.deserialize_any(IdVisitor)
    }
}

impl EventEntityId {
    /// The numeric id, if it is one.
    pub fn as_number(&self) -> Option<u64> {
        match self {
            EventEntityId::Number(id) => Some(*id),
            EventEntityId::Text(_) => None,
        }
    }
}

impl fmt::Display for EventEntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventEntityId::Number(id) => write!(f, "{id}"),
            EventEntityId::Text(text) => f.write_str(text),
        }
    }
}

impl From<u64> for EventEntityId {
    fn from(value: u64) -> Self {
        EventEntityId::Number(value)
    }
}

impl From<&str> for EventEntityId {
    fn from(value: &str) -> Self {
        EventEntityId::Text(value.to_owned())
    }
}

/// The object an event is about (or, as its secondary entity, a second object involved:
/// the configuration a Linode booted with, the image a disk was made from...).
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct EventEntity {
    /// The object's id. Events about the account or your profile have none; disk and backup
    /// events carry their Linode's id; tag events carry the tag's name.
    pub id: Option<EventEntityId>,
    /// The object's label now (it may have changed since the event).
    pub label: String,
    /// The kind of object.
    #[serde(rename = "type")]
    pub kind: EventEntityType,
    /// Where the object can be read, usually relative to the API's host
    /// (`/v4/linode/instances/123`).
    pub url: String,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// Something that happened on the account, as of the last 90 days.
#[derive(Debug, Clone, PartialEq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct Event {
    /// What happened.
    pub action: EventAction,
    /// When the event was created.
    pub created: Timestamp,
    /// How long the event took to complete, in seconds; `None` while it has not.
    #[cfg_attr(feature = "proptest", proptest(strategy = "seconds()"))]
    pub duration: Option<f64>,
    /// The object the event is about; `None` for events about no particular object.
    pub entity: Option<EventEntity>,
    /// The event's id.
    pub id: u64,
    /// More detail about the event, e.g. why it failed.
    pub message: Option<String>,
    /// How far along the event is, in percent; `None` for notification events.
    pub percent_complete: Option<u32>,
    /// How fast the event progresses (migrations and resizes only).
    pub rate: Option<String>,
    /// Whether the event has been marked read.
    pub read: bool,
    /// A second object involved in the event, if any.
    pub secondary_entity: Option<EventEntity>,
    /// Whether the event has been marked seen.
    pub seen: bool,
    /// Where the event stands. Documented as a plain value, but the API's own examples send
    /// `null`, so it is optional here.
    pub status: Option<EventStatus>,
    /// The time left before the event completes; `None` when the API sends `null` or leaves
    /// it out. The API sends it as whole seconds (`0` on finished events), `"HH:MM:SS"` or
    /// `"MM:SS"`: all read as a [`ClockDuration`], written back as they came.
    #[serde(default)]
    pub time_remaining: Option<ClockDuration>,
    /// The user who caused the event; `None` for events the system caused.
    pub username: Option<String>,
    /// Details of the event: `{}` on ordinary events, the maintenance's details on
    /// maintenance events (beta; added after spec 4.189.0). Free-form, so kept as JSON.
    #[serde(default)]
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "proptest::option::of(crate::strategies::json_object())")
    )]
    pub details: Option<serde_json::Map<String, serde_json::Value>>,
    /// On maintenance events: the maintenance policy applied (added after spec 4.189.0).
    #[serde(default)]
    pub maintenance_policy_set: Option<MaintenancePolicy>,
    /// On maintenance events: scheduled or emergency (added after spec 4.189.0).
    #[serde(default)]
    pub description: Option<MaintenanceDescription>,
    /// On maintenance events: who started it (added after spec 4.189.0).
    #[serde(default)]
    pub source: Option<MaintenanceSource>,
    /// On maintenance events: the earliest time it may start (added after spec 4.189.0).
    #[serde(default)]
    pub not_before: Option<Timestamp>,
    /// On maintenance events: when it started (added after spec 4.189.0).
    #[serde(default)]
    pub start_time: Option<Timestamp>,
    /// On maintenance events: when it completed (added after spec 4.189.0).
    #[serde(default)]
    pub complete_time: Option<Timestamp>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// Durations the API could send: whole hundredths of a second, which survive the trip
/// through JSON text exactly.
#[cfg(feature = "proptest")]
fn seconds() -> impl proptest::strategy::Strategy<Value = Option<f64>> {
    use proptest::prelude::*;
    proptest::option::of((0u32..100_000_000).prop_map(|hundredths| f64::from(hundredths) / 100.0))
}
