//! Free-form user preferences: view, update.

use bytes::Bytes;
use linode_models::profile::UserPreferences;

use crate::operation_info::OperationInfo;
use crate::{json_body, BuildError, Metadata, Operation, RequestBodyKind, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<GetUserPreferences>(),
    OperationInfo::json::<UpdateUserPreferences>(),
];

/// Views the preferences stored for your user and the OAuth client of the token: whatever
/// JSON object the client saved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GetUserPreferences;

impl Operation for GetUserPreferences {
    const META: Metadata = Metadata {
        id: "get-user-preferences",
        name: "profile::GetUserPreferences",
        summary: "Get user preferences",
        path: "/profile/preferences",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = UserPreferences;
}

/// Replaces the stored preferences with the given JSON object (not a merge: keys left out
/// are gone). At most 65,535 characters of JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateUserPreferences {
    /// The complete new preferences.
    pub body: UserPreferences,
}

impl UpdateUserPreferences {
    /// Stores `preferences`, replacing what was there.
    pub fn new(preferences: impl Into<UserPreferences>) -> Self {
        Self {
            body: preferences.into(),
        }
    }
}

impl Operation for UpdateUserPreferences {
    const META: Metadata = Metadata {
        id: "put-user-preferences",
        name: "profile::UpdateUserPreferences",
        summary: "Update a user's preferences",
        path: "/profile/preferences",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::IDEMPOTENT_PUT
    };
    type Output = UserPreferences;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        json_body(&self.body)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    GetUserPreferences {}
    UpdateUserPreferences { body }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use serde_json::{json, Value};

    // Checked at compile time: a wrong classification (retries, paging) does not build.
    const _: () = assert!(UpdateUserPreferences::META.idempotent);

    const PREFS: &str = r#"{"sortKeys": {"linodes": "label:asc"}, "theme": "dark",
        "desktop_notifications": false, "recent_regions": ["fr-par", "se-sto"], "density": 2,
        "dismissed": null}"#;

    #[test]
    fn get_builds_and_parses_any_json_object() {
        let req = build(&GetUserPreferences);
        assert_request(&req, "GET", "/v4/profile/preferences", None);
        let prefs = parse_ok::<GetUserPreferences>(200, PREFS);
        assert_eq!(prefs.0["sortKeys"]["linodes"], "label:asc");
        assert_eq!(prefs.0["dismissed"], Value::Null);
        let back = serde_json::to_value(&prefs).unwrap();
        assert_eq!(back, serde_json::from_str::<Value>(PREFS).unwrap());
    }

    #[test]
    fn get_parses_empty_preferences() {
        assert!(parse_ok::<GetUserPreferences>(200, "{}").0.is_empty());
    }

    #[test]
    fn update_sends_the_whole_object_as_is() {
        let Value::Object(map) = json!({"theme": "light", "nested": {"a": [1, {"b": null}]}})
        else {
            unreachable!()
        };
        let op = UpdateUserPreferences::new(map);
        assert_request(
            &build(&op),
            "PUT",
            "/v4/profile/preferences",
            Some(r#"{"theme": "light", "nested": {"a": [1, {"b": null}]}}"#),
        );
        let stored = parse_ok::<UpdateUserPreferences>(200, r#"{"theme": "light"}"#);
        assert_eq!(stored.0.len(), 1);
    }

    #[test]
    fn a_non_object_answer_is_a_decode_error() {
        let err = GetUserPreferences::from_http_response(response(200, r#"["dark"]"#));
        assert!(matches!(err, Err(crate::Error::Decode(_))));
    }

    #[test]
    fn too_long_preferences_are_a_400() {
        let err = parse_err::<UpdateUserPreferences>(
            400,
            r#"{"errors": [{"reason": "Preferences may not exceed 65535 characters"}]}"#,
        );
        assert_eq!(err.status.as_u16(), 400);
    }
}
