//! Agreements: view which are acknowledged, acknowledge them.

use bytes::Bytes;
use linode_models::account::{Agreements, AgreementsAcknowledge};
use linode_models::Empty;

use crate::operation_info::OperationInfo;
use crate::{json_body, BuildError, Metadata, Operation, RequestBodyKind, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<GetAgreements>(),
    OperationInfo::json::<AcknowledgeAgreements>(),
];

/// Views whether each agreement (master service agreement, privacy statement, EU model
/// clauses) is acknowledged on your account. One object, not a paginated list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GetAgreements;

impl Operation for GetAgreements {
    const META: Metadata = Metadata {
        id: "get-account-agreements",
        name: "account::GetAgreements",
        summary: "List agreements",
        path: "/account/agreements",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Agreements;
}

/// Acknowledges agreements: those set to `Some(true)` are accepted, those left `None` are not
/// sent and stay as they are. The API refuses `false` (undoing takes a support ticket).
///
/// Not idempotent by the project's rule for legal acceptance: it records a consent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AcknowledgeAgreements {
    /// The agreements to acknowledge.
    pub body: AgreementsAcknowledge,
}

impl AcknowledgeAgreements {
    /// Acknowledges every agreement.
    pub const fn all() -> Self {
        Self {
            body: AgreementsAcknowledge::all(),
        }
    }
}

impl Operation for AcknowledgeAgreements {
    const META: Metadata = Metadata {
        id: "post-account-agreements",
        name: "account::AcknowledgeAgreements",
        summary: "Acknowledge agreements",
        path: "/account/agreements",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = Empty;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        json_body(&self.body)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    GetAgreements {}
    AcknowledgeAgreements { body }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetAgreements);
        assert_request(&req, "GET", "/v4/account/agreements", None);
        let a = parse_ok::<GetAgreements>(
            200,
            r#"{"eu_model": false, "master_service_agreement": true, "privacy_policy": true}"#,
        );
        assert_eq!(
            a,
            Agreements {
                extra: Default::default(),
                eu_model: false,
                master_service_agreement: true,
                privacy_policy: true,
            }
        );
    }

    #[test]
    fn acknowledge_sends_only_the_chosen_agreements() {
        let op = AcknowledgeAgreements {
            body: AgreementsAcknowledge {
                eu_model: Some(true),
                ..Default::default()
            },
        };
        let req = build(&op);
        assert_request(
            &req,
            "POST",
            "/v4/account/agreements",
            Some(r#"{"eu_model":true}"#),
        );
        let req = build(&AcknowledgeAgreements::all());
        assert_request(
            &req,
            "POST",
            "/v4/account/agreements",
            Some(r#"{"eu_model":true,"master_service_agreement":true,"privacy_policy":true}"#),
        );
        const { assert!(!AcknowledgeAgreements::META.idempotent) };
        assert_eq!(
            parse_ok::<AcknowledgeAgreements>(200, "{}"),
            Empty::default()
        );
    }

    #[test]
    fn declining_an_agreement_is_refused() {
        let err = parse_err::<AcknowledgeAgreements>(
            400,
            r#"{"errors": [{"field": "privacy_policy", "reason": "Agreements can only be accepted"}]}"#,
        );
        assert_eq!(err.errors[0].field.as_deref(), Some("privacy_policy"));
    }

    #[test]
    fn a_read_only_token_cannot_acknowledge() {
        let err = parse_err::<AcknowledgeAgreements>(
            403,
            r#"{"errors": [{"reason": "Your OAuth token is not authorized to use this endpoint."}]}"#,
        );
        assert_eq!(err.status.as_u16(), 403);
        assert_eq!(err.required_scopes, &[Scope::AccountReadWrite]);
    }
}
