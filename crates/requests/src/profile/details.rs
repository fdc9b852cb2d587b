//! Your profile: view and update.

use bytes::Bytes;
use linode_models::profile::{Profile, ProfileUpdate};

use crate::operation_info::OperationInfo;
use crate::{json_body, BuildError, Metadata, Operation, RequestBodyKind, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<GetProfile>(),
    OperationInfo::json::<UpdateProfile>(),
];

/// Views the profile of the user the token acts as. Works with any token, whatever its
/// scopes: it is how an app finds out whom it is acting for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GetProfile;

impl Operation for GetProfile {
    const META: Metadata = Metadata {
        id: "get-profile",
        name: "profile::GetProfile",
        summary: "Get a profile",
        path: "/profile",
        scopes: &[],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Profile;
}

/// Changes settings of your profile; fields not set in the body stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateProfile {
    /// The fields to change.
    pub body: ProfileUpdate,
}

impl UpdateProfile {
    /// An update of the fields set in `body`.
    pub fn new(body: ProfileUpdate) -> Self {
        Self { body }
    }
}

impl Operation for UpdateProfile {
    const META: Metadata = Metadata {
        id: "put-profile",
        name: "profile::UpdateProfile",
        summary: "Update a profile",
        path: "/profile",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::IDEMPOTENT_PUT
    };
    type Output = Profile;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        json_body(&self.body)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    GetProfile {}
    UpdateProfile { body }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use linode_models::profile::{AuthenticationType, LishAuthMethod};
    use linode_models::Update;

    // Checked at compile time: a wrong classification (retries, paging) does not build.
    const _: () = assert!(UpdateProfile::META.idempotent);

    const PROFILE: &str = r#"{
        "authentication_type": "password",
        "authorized_keys": ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK7q dana@workstation"],
        "email": "dana.okafor@example.org",
        "email_notifications": true,
        "ip_whitelist_enabled": false,
        "lish_auth_method": "keys_only",
        "referrals": {"code": "5c1e0aa7d3", "completed": 2, "credit": 40, "pending": 1,
                      "total": 3, "url": "https://www.linode.com/?r=5c1e0aa7d3"},
        "restricted": false,
        "timezone": "Africa/Lagos",
        "two_factor_auth": true,
        "uid": 318204,
        "username": "dokafor",
        "verified_phone_number": null
    }"#;

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetProfile);
        assert_request(&req, "GET", "/v4/profile", None);
        assert!(GetProfile::META.scopes.is_empty());
        let profile = parse_ok::<GetProfile>(200, PROFILE);
        assert_eq!(profile.uid, 318204);
        assert_eq!(profile.authentication_type, AuthenticationType::Password);
        assert_eq!(profile.lish_auth_method, LishAuthMethod::KeysOnly);
        assert_eq!(profile.referrals.credit.amount().to_string(), "40");
        assert_eq!(profile.verified_phone_number, None);
    }

    #[test]
    fn get_keeps_unknown_enum_values_and_null_keys() {
        let body = PROFILE
            .replace(r#""password""#, r#""okta""#)
            .replace(r#""keys_only""#, r#""passkeys_only""#)
            .replace(
                r#"["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK7q dana@workstation"]"#,
                "null",
            );
        let profile = parse_ok::<GetProfile>(200, &body);
        assert_eq!(
            profile.authentication_type,
            AuthenticationType::Unknown("okta".into())
        );
        assert_eq!(profile.lish_auth_method.as_str(), "passkeys_only");
        assert_eq!(profile.authorized_keys, None);
    }

    #[test]
    fn update_sends_only_the_changed_fields() {
        let req = build(&UpdateProfile::default());
        assert_request(&req, "PUT", "/v4/profile", Some("{}"));

        let op = UpdateProfile::new(ProfileUpdate {
            timezone: Some("Europe/Lisbon".into()),
            email_notifications: Some(false),
            ..Default::default()
        });
        assert_request(
            &build(&op),
            "PUT",
            "/v4/profile",
            Some(r#"{"timezone":"Europe/Lisbon","email_notifications":false}"#),
        );
        assert_eq!(parse_ok::<UpdateProfile>(200, PROFILE).username, "dokafor");
    }

    #[test]
    fn update_can_clear_the_authorized_keys_with_an_explicit_null() {
        let op = UpdateProfile::new(ProfileUpdate {
            authorized_keys: Update::Null,
            lish_auth_method: Some(LishAuthMethod::Disabled),
            ..Default::default()
        });
        assert_request(
            &build(&op),
            "PUT",
            "/v4/profile",
            Some(r#"{"authorized_keys":null,"lish_auth_method":"disabled"}"#),
        );
    }

    #[test]
    fn update_reports_field_errors() {
        let err = parse_err::<UpdateProfile>(
            400,
            r#"{"errors": [{"field": "email", "reason": "Invalid email address"}]}"#,
        );
        assert_eq!(err.status.as_u16(), 400);
        assert_eq!(err.errors[0].field.as_deref(), Some("email"));
    }
}
