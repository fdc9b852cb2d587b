//! Account settings: view, update; enable Linode Managed.

use bytes::Bytes;
use linode_models::account::{AccountSettings, AccountSettingsUpdate};
use linode_models::Empty;

use crate::operation_info::OperationInfo;
use crate::{json_body, BuildError, Metadata, Operation, RequestBodyKind, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<GetAccountSettings>(),
    OperationInfo::json::<UpdateAccountSettings>(),
    OperationInfo::json::<EnableManaged>(),
];

/// Views the account-wide settings: backups default, network helper, Managed, Longview
/// and Object Storage status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GetAccountSettings;

impl Operation for GetAccountSettings {
    const META: Metadata = Metadata {
        id: "get-account-settings",
        name: "account::GetAccountSettings",
        summary: "Get account settings",
        path: "/account/settings",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = AccountSettings;
}

/// Changes the backups default and the network helper default. Fields left `None` are not
/// sent and stay as they are. (The Longview plan changes through the Longview endpoints,
/// Managed through [`EnableManaged`].)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateAccountSettings {
    /// The settings to change.
    pub body: AccountSettingsUpdate,
}

impl UpdateAccountSettings {
    /// Sends `body`.
    pub fn new(body: AccountSettingsUpdate) -> Self {
        Self { body }
    }
}

impl Operation for UpdateAccountSettings {
    const META: Metadata = Metadata {
        id: "put-account-settings",
        name: "account::UpdateAccountSettings",
        summary: "Update account settings",
        path: "/account/settings",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::IDEMPOTENT_PUT
    };
    type Output = AccountSettings;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        json_body(&self.body)
    }
}

/// Enables Linode Managed for the whole account; the API also emails a welcome message to
/// the account's address. Not idempotent: it starts a paid service and sends mail, so it
/// is never retried automatically.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EnableManaged;

impl Operation for EnableManaged {
    const META: Metadata = Metadata {
        id: "post-enable-account-managed",
        name: "account::EnableManaged",
        summary: "Enable Linode Managed",
        path: "/account/settings/managed-enable",
        scopes: &[Scope::AccountReadWrite],
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = Empty;
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    GetAccountSettings {}
    UpdateAccountSettings { body }
    EnableManaged {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use linode_models::account::ObjectStorageStatus;

    const SETTINGS: &str = r#"{"backups_enabled": false, "longview_subscription": null,
        "managed": false, "network_helper": true, "object_storage": "suspended"}"#;

    #[test]
    fn get_builds_and_parses_a_null_longview_plan() {
        let req = build(&GetAccountSettings);
        assert_request(&req, "GET", "/v4/account/settings", None);
        let settings = parse_ok::<GetAccountSettings>(200, SETTINGS);
        assert_eq!(settings.longview_subscription, None);
        assert_eq!(settings.object_storage, ObjectStorageStatus::Suspended);
        assert!(settings.network_helper);
        // null stays null on the way back.
        let json = serde_json::to_value(&settings).unwrap();
        assert!(json["longview_subscription"].is_null());

        let pro = parse_ok::<GetAccountSettings>(
            200,
            &SETTINGS.replace(
                r#""longview_subscription": null"#,
                r#""longview_subscription": "longview-40""#,
            ),
        );
        assert_eq!(pro.longview_subscription.as_deref(), Some("longview-40"));
    }

    #[test]
    fn update_sends_false_and_leaves_unset_fields_out() {
        let req = build(&UpdateAccountSettings::new(AccountSettingsUpdate {
            backups_enabled: Some(false),
            network_helper: None,
            ..Default::default()
        }));
        assert_request(
            &req,
            "PUT",
            "/v4/account/settings",
            Some(r#"{"backups_enabled":false}"#),
        );
        let req = build(&UpdateAccountSettings::default());
        assert_request(&req, "PUT", "/v4/account/settings", Some("{}"));
        assert!(!parse_ok::<UpdateAccountSettings>(200, SETTINGS).backups_enabled);
    }

    #[test]
    fn enable_managed_posts_without_a_body_and_is_not_idempotent() {
        let req = build(&EnableManaged);
        assert_request(&req, "POST", "/v4/account/settings/managed-enable", None);
        const { assert!(!EnableManaged::META.idempotent) };
        assert_eq!(parse_ok::<EnableManaged>(200, "{}"), Empty::default());
    }

    #[test]
    fn enable_managed_by_a_restricted_user_is_a_403() {
        let err = parse_err::<EnableManaged>(
            403,
            r#"{"errors": [{"reason": "You are not authorized to perform this action"}]}"#,
        );
        assert_eq!(err.status.as_u16(), 403);
        assert_eq!(err.required_scopes, &[Scope::AccountReadWrite]);
    }
}
