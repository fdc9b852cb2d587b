//! Two-factor authentication: create a secret, confirm, disable.
//!
//! Turning it on takes two calls: [`CreateTfaSecret`] gives a secret for an authenticator
//! app, and [`ConfirmTfa`] sends a code made from it (before the secret expires), which
//! turns two-factor authentication on and returns a scratch code. Secrets and codes are
//! [`linode_models::Secret`]s: `Debug` never shows them.

use bytes::Bytes;
use linode_models::profile::{TfaConfirmation, TfaScratchCode, TfaSecret};
use linode_models::{Empty, Secret};

use crate::operation_info::OperationInfo;
use crate::{json_body, BuildError, Metadata, Operation, RequestBodyKind, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<CreateTfaSecret>(),
    OperationInfo::json::<ConfirmTfa>(),
    OperationInfo::json::<DisableTfa>(),
];

/// Creates a new two-factor secret (the first step of turning two-factor authentication
/// on). Security questions must be answered first. Not idempotent: each call makes a new
/// secret and the previous one stops counting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CreateTfaSecret;

impl Operation for CreateTfaSecret {
    const META: Metadata = Metadata {
        id: "post-tfa-enable",
        name: "profile::CreateTfaSecret",
        summary: "Create a two factor secret",
        path: "/profile/tfa-enable",
        scopes: &[Scope::AccountReadWrite],
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = TfaSecret;
}

/// Turns two-factor authentication on, given a current code from the secret of
/// [`CreateTfaSecret`]. The answer holds a one-use scratch code: keep it safe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmTfa {
    /// The code.
    pub body: TfaConfirmation,
}

impl ConfirmTfa {
    /// Confirms with the time-based code `tfa_code`.
    pub fn new(tfa_code: impl Into<Secret>) -> Self {
        Self {
            body: TfaConfirmation {
                tfa_code: tfa_code.into(),
            },
        }
    }
}

impl Operation for ConfirmTfa {
    const META: Metadata = Metadata {
        id: "post-tfa-confirm",
        name: "profile::ConfirmTfa",
        summary: "Enable two factor authentication",
        path: "/profile/tfa-enable-confirm",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = TfaScratchCode;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        json_body(&self.body)
    }
}

/// Turns two-factor authentication off: logins from untrusted computers then need only the
/// password. Less secure; discouraged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DisableTfa;

impl Operation for DisableTfa {
    const META: Metadata = Metadata {
        id: "post-tfa-disable",
        name: "profile::DisableTfa",
        summary: "Disable two factor authentication",
        path: "/profile/tfa-disable",
        scopes: &[Scope::AccountReadWrite],
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = Empty;
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    CreateTfaSecret {}
    ConfirmTfa { body }
    DisableTfa {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    // Checked at compile time: a wrong classification (retries, paging) does not build.
    const _: () = assert!(!CreateTfaSecret::META.idempotent);
    const _: () = assert!(!ConfirmTfa::META.idempotent);
    const _: () = assert!(!DisableTfa::META.idempotent);

    #[test]
    fn create_secret_sends_no_body_and_hides_the_secret() {
        let req = build(&CreateTfaSecret);
        assert_request(&req, "POST", "/v4/profile/tfa-enable", None);
        let secret = parse_ok::<CreateTfaSecret>(
            200,
            r#"{"expiry": "2024-08-14T12:10:00", "secret": "KRUGS4ZANFZSAYJA"}"#,
        );
        assert_eq!(secret.secret.expose(), "KRUGS4ZANFZSAYJA");
        assert_eq!(secret.expiry.to_string(), "2024-08-14T12:10:00");
        let debug = format!("{secret:?}");
        assert!(!debug.contains("KRUGS4ZA"), "{debug}");
        assert!(debug.contains("2024-08-14T12:10:00"));
    }

    #[test]
    fn create_secret_without_security_questions_is_a_400() {
        let err = parse_err::<CreateTfaSecret>(
            400,
            r#"{"errors": [{"reason": "You must answer security questions before enabling TFA"}]}"#,
        );
        assert_eq!(err.errors[0].field, None);
    }

    #[test]
    fn confirm_sends_the_code_and_hides_the_scratch_code() {
        let op = ConfirmTfa::new("902114");
        assert_request(
            &build(&op),
            "POST",
            "/v4/profile/tfa-enable-confirm",
            Some(r#"{"tfa_code":"902114"}"#),
        );
        assert!(!format!("{op:?}").contains("902114"));
        let scratch = parse_ok::<ConfirmTfa>(200, r#"{"scratch": "h7Rk2-pQ9xW-4mZt"}"#);
        assert_eq!(scratch.scratch.expose(), "h7Rk2-pQ9xW-4mZt");
        assert!(!format!("{scratch:?}").contains("h7Rk2"));
    }

    #[test]
    fn confirm_with_a_stale_code_is_a_400() {
        let err = parse_err::<ConfirmTfa>(
            400,
            r#"{"errors": [{"field": "tfa_code", "reason": "Invalid token. Two-factor codes expire after 30 seconds."}]}"#,
        );
        assert_eq!(err.errors[0].field.as_deref(), Some("tfa_code"));
    }

    #[test]
    fn disable_builds_and_parses() {
        let req = build(&DisableTfa);
        assert_request(&req, "POST", "/v4/profile/tfa-disable", None);
        assert_eq!(parse_ok::<DisableTfa>(200, "{}"), Empty::default());
    }
}
