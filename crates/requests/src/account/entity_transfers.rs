//! Entity transfers: list, create, view, cancel, accept. **Deprecated by the API**: every
//! operation here has a service-transfer replacement in [`super::service_transfers`] with the
//! same shapes, and carries `#[deprecated]` naming it. The API may answer these with status
//! 299 and `warnings`, which [`crate::ApiResponse::warnings`] keeps.
//!
//! A transfer is addressed by its token, percent-encoded as one path segment.

// The types of this module are deprecated; their own impls and tests use them on purpose.
#![allow(deprecated)]

use bytes::Bytes;
use linode_models::account::{EntityTransfer, TransferCreate};
use linode_models::{Empty, Page, Secret};

use super::service_transfers::TransferField;
use crate::filter::Filter;
use crate::operation_info::OperationInfo;
use crate::{
    json_body, BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter,
    RequestBodyKind, Scope,
};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListEntityTransfers>(),
    OperationInfo::json::<CreateEntityTransfer>(),
    OperationInfo::json::<GetEntityTransfer>(),
    OperationInfo::json::<CancelEntityTransfer>(),
    OperationInfo::json::<AcceptEntityTransfer>(),
];

/// Lists the entity transfers your account created or accepted, a page at a time.
///
/// Deprecated: use [`super::ListServiceTransfers`].
#[deprecated(note = "the API deprecated entity transfers: use account::ListServiceTransfers")]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListEntityTransfers {
    /// Which page, and its size.
    pub pagination: Pagination,
    /// Which transfers, in which order.
    pub filter: Option<Filter<TransferField>>,
}

impl Operation for ListEntityTransfers {
    const META: Metadata = Metadata {
        id: "get-entity-transfers",
        name: "account::ListEntityTransfers",
        summary: "List entity transfers",
        path: "/account/entity-transfers",
        scopes: &[Scope::AccountReadOnly],
        deprecated: Some("use account::ListServiceTransfers instead"),
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<EntityTransfer>;

    fn write_query(&self, query: &mut QueryWriter<'_>) -> Result<(), BuildError> {
        self.pagination.write_query(query)
    }

    fn x_filter(&self) -> Result<Option<http::HeaderValue>, BuildError> {
        self.filter
            .as_ref()
            .map(Filter::to_header_value)
            .transpose()
    }
}

list_operation!(ListEntityTransfers);

/// Creates a transfer of entities (Linodes) to another account. Not idempotent: each call
/// creates a transfer.
///
/// Deprecated: use [`super::CreateServiceTransfer`].
#[deprecated(note = "the API deprecated entity transfers: use account::CreateServiceTransfer")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateEntityTransfer {
    /// What to transfer.
    pub body: TransferCreate,
}

impl CreateEntityTransfer {
    /// A transfer of these Linodes.
    pub fn linodes(ids: impl IntoIterator<Item = u64>) -> Self {
        Self {
            body: TransferCreate::linodes(ids),
        }
    }
}

impl Operation for CreateEntityTransfer {
    const META: Metadata = Metadata {
        id: "post-entity-transfer",
        name: "account::CreateEntityTransfer",
        summary: "Create an entity transfer",
        path: "/account/entity-transfers",
        scopes: &[Scope::AccountReadWrite],
        deprecated: Some("use account::CreateServiceTransfer instead"),
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = EntityTransfer;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        json_body(&self.body)
    }
}

/// Views one entity transfer.
///
/// Deprecated: use [`super::GetServiceTransfer`].
///
/// The attribute is real: code that denies deprecated items does not compile with it.
///
/// ```compile_fail
/// #![deny(deprecated)]
/// let _op = linode_requests::account::GetEntityTransfer { token: "5D2E0B71".into() };
/// ```
///
/// Code that still needs it says so:
///
/// ```
/// #![deny(deprecated)]
/// use linode_requests::Operation;
/// #[allow(deprecated)]
/// let op = linode_requests::account::GetEntityTransfer { token: "5D2E0B71".into() };
/// #[allow(deprecated)]
/// let advice = linode_requests::account::GetEntityTransfer::META.deprecated;
/// assert_eq!(advice, Some("use account::GetServiceTransfer instead"));
/// # let _ = op;
/// ```
#[deprecated(note = "the API deprecated entity transfers: use account::GetServiceTransfer")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetEntityTransfer {
    /// The transfer's token (a capability: never shown by `Debug`).
    pub token: Secret,
}

impl GetEntityTransfer {
    /// The transfer with this token.
    pub fn new(token: impl Into<Secret>) -> Self {
        Self {
            token: token.into(),
        }
    }
}

impl Operation for GetEntityTransfer {
    const META: Metadata = Metadata {
        id: "get-entity-transfer",
        name: "account::GetEntityTransfer",
        summary: "Get an entity transfer",
        path: "/account/entity-transfers/{token}",
        scopes: &[Scope::AccountReadOnly],
        deprecated: Some("use account::GetServiceTransfer instead"),
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = EntityTransfer;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.token)
    }
}

/// Cancels a pending entity transfer your account created.
///
/// Deprecated: use [`super::CancelServiceTransfer`].
#[deprecated(note = "the API deprecated entity transfers: use account::CancelServiceTransfer")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancelEntityTransfer {
    /// The transfer's token (a capability: never shown by `Debug`).
    pub token: Secret,
}

impl CancelEntityTransfer {
    /// Cancels the transfer with this token.
    pub fn new(token: impl Into<Secret>) -> Self {
        Self {
            token: token.into(),
        }
    }
}

impl Operation for CancelEntityTransfer {
    const META: Metadata = Metadata {
        id: "delete-entity-transfer",
        name: "account::CancelEntityTransfer",
        summary: "Cancel an entity transfer",
        path: "/account/entity-transfers/{token}",
        scopes: &[Scope::AccountReadWrite],
        deprecated: Some("use account::CancelServiceTransfer instead"),
        ..Metadata::IDEMPOTENT_DELETE
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.token)
    }
}

/// Accepts a pending entity transfer sent by another account: its entities move to yours.
/// Not idempotent: it starts the move and its billing.
///
/// Deprecated: use [`super::AcceptServiceTransfer`].
#[deprecated(note = "the API deprecated entity transfers: use account::AcceptServiceTransfer")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptEntityTransfer {
    /// The transfer's token (a capability: never shown by `Debug`).
    pub token: Secret,
}

impl AcceptEntityTransfer {
    /// Accepts the transfer with this token.
    pub fn new(token: impl Into<Secret>) -> Self {
        Self {
            token: token.into(),
        }
    }
}

impl Operation for AcceptEntityTransfer {
    const META: Metadata = Metadata {
        id: "post-accept-entity-transfer",
        name: "account::AcceptEntityTransfer",
        summary: "Accept an entity transfer",
        path: "/account/entity-transfers/{token}/accept",
        scopes: &[Scope::AccountReadWrite],
        deprecated: Some("use account::AcceptServiceTransfer instead"),
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.token)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListEntityTransfers { pagination, filter }
    CreateEntityTransfer { body }
    GetEntityTransfer { token }
    CancelEntityTransfer { token }
    AcceptEntityTransfer { token }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use linode_models::account::TransferStatus;

    const TOKEN_B: &str = "C41F9E02-7A3D-4B58-8E16-2D9F0A7B3C55";
    const TRANSFER: &str = r#"{
        "token": "C41F9E02-7A3D-4B58-8E16-2D9F0A7B3C55",
        "status": "accepted",
        "is_sender": false,
        "entities": {"linodes": [7720415]},
        "created": "2024-03-18T14:02:09",
        "updated": "2024-03-18T16:40:51",
        "expiry": "2024-03-19T14:02:09"
    }"#;

    #[test]
    fn every_operation_is_marked_deprecated_with_its_replacement() {
        let cases = [
            (ListEntityTransfers::META, "ListServiceTransfers"),
            (CreateEntityTransfer::META, "CreateServiceTransfer"),
            (GetEntityTransfer::META, "GetServiceTransfer"),
            (CancelEntityTransfer::META, "CancelServiceTransfer"),
            (AcceptEntityTransfer::META, "AcceptServiceTransfer"),
        ];
        for (meta, replacement) in cases {
            let advice = meta.deprecated.unwrap_or_default();
            assert!(advice.contains(replacement), "{}: {advice:?}", meta.id);
            // The replacement is a real operation of the registry.
            let name = format!("account::{replacement}");
            assert!(
                crate::registry::operations().any(|op| op.meta.name == name
                    && op.meta.deprecated.is_none()
                    && op.meta.method == meta.method),
                "{name}"
            );
        }
    }

    #[test]
    fn list_builds_with_pagination_and_filter() {
        let op = ListEntityTransfers {
            pagination: Pagination::new().page(1).page_size(25),
            filter: Some(Filter::eq(TransferField::Status, "pending")),
        };
        let req = build(&op);
        assert_request(
            &req,
            "GET",
            "/v4/account/entity-transfers?page=1&page_size=25",
            None,
        );
        assert_eq!(header(&req, "x-filter"), Some(r#"{"status":"pending"}"#));
    }

    #[test]
    fn list_parses_a_page() {
        let page = parse_ok::<ListEntityTransfers>(
            200,
            &format!(r#"{{"data": [{TRANSFER}], "page": 1, "pages": 1, "results": 1}}"#),
        );
        assert_eq!(page.data[0].status, TransferStatus::Accepted);
        assert!(!page.data[0].is_sender);
    }

    #[test]
    fn a_299_keeps_the_value_and_the_deprecation_warning() {
        let body = format!(
            r#"{{"data": [{TRANSFER}], "page": 1, "pages": 1, "results": 1,
                "warnings": [{{"title": "Deprecated endpoint", "details": "Use /account/service-transfers"}}]}}"#
        );
        let answer = ListEntityTransfers::from_http_response(response(299, &body))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(answer.status.as_u16(), 299);
        assert_eq!(answer.value.data[0].token.expose(), TOKEN_B);
        assert_eq!(answer.warnings.len(), 1);
        assert_eq!(answer.warnings[0].title, "Deprecated endpoint");
    }

    #[test]
    fn create_sends_the_entities_and_is_not_idempotent() {
        let req = build(&CreateEntityTransfer::linodes([7720415]));
        assert_request(
            &req,
            "POST",
            "/v4/account/entity-transfers",
            Some(r#"{"entities":{"linodes":[7720415]}}"#),
        );
        const { assert!(!CreateEntityTransfer::META.idempotent) };
        assert_eq!(
            parse_ok::<CreateEntityTransfer>(200, TRANSFER)
                .entities
                .linodes,
            vec![7720415]
        );
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetEntityTransfer::new(TOKEN_B));
        assert_request(
            &req,
            "GET",
            &format!("/v4/account/entity-transfers/{TOKEN_B}"),
            None,
        );
        assert_eq!(
            parse_ok::<GetEntityTransfer>(200, TRANSFER)
                .updated
                .to_string(),
            "2024-03-18T16:40:51"
        );
    }

    #[test]
    fn an_unknown_status_is_kept() {
        let body = TRANSFER.replace(r#""accepted""#, r#""on_hold""#);
        let t = parse_ok::<GetEntityTransfer>(200, &body);
        assert_eq!(t.status, TransferStatus::Unknown("on_hold".into()));
    }

    #[test]
    fn a_hostile_token_cannot_reach_another_endpoint() {
        let req = build(&GetEntityTransfer::new("../service-transfers/x"));
        assert_request(
            &req,
            "GET",
            "/v4/account/entity-transfers/..%2Fservice-transfers%2Fx",
            None,
        );
        let req = build(&AcceptEntityTransfer::new(".."));
        assert_request(
            &req,
            "POST",
            "/v4/account/entity-transfers/%2E%2E/accept",
            None,
        );
        let req = build(&CancelEntityTransfer::new("t%2F\r\nHost: x"));
        assert_request(
            &req,
            "DELETE",
            "/v4/account/entity-transfers/t%252F%0D%0AHost%3A%20x",
            None,
        );
    }

    #[test]
    fn cancel_builds_and_parses_the_empty_object() {
        let req = build(&CancelEntityTransfer::new(TOKEN_B));
        assert_request(
            &req,
            "DELETE",
            &format!("/v4/account/entity-transfers/{TOKEN_B}"),
            None,
        );
        assert_eq!(
            parse_ok::<CancelEntityTransfer>(200, "{}"),
            Empty::default()
        );
    }

    #[test]
    fn accept_posts_without_a_body_and_is_not_idempotent() {
        let req = build(&AcceptEntityTransfer::new(TOKEN_B));
        assert_request(
            &req,
            "POST",
            &format!("/v4/account/entity-transfers/{TOKEN_B}/accept"),
            None,
        );
        const { assert!(!AcceptEntityTransfer::META.idempotent) };
        assert_eq!(
            parse_ok::<AcceptEntityTransfer>(200, "{}"),
            Empty::default()
        );
    }

    #[test]
    fn a_stale_transfer_cannot_be_accepted() {
        let err = parse_err::<AcceptEntityTransfer>(
            400,
            r#"{"errors": [{"field": "token", "reason": "This transfer has expired"}]}"#,
        );
        assert_eq!(err.status.as_u16(), 400);
        assert_eq!(err.errors[0].field.as_deref(), Some("token"));
    }
}
