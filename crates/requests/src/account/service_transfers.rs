//! Service transfers: list, request, view, cancel, accept.
//!
//! A transfer is addressed by its token (a UUID the API mails to the sender). The token is a
//! path parameter: it is percent-encoded as one segment, so no token can reach another
//! endpoint.

use bytes::Bytes;
use linode_models::account::{ServiceTransfer, TransferCreate};
use linode_models::{Empty, Page, Secret};

use crate::filter::Filter;
use crate::operation_info::OperationInfo;
use crate::{
    json_body, BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter,
    RequestBodyKind, Scope,
};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListServiceTransfers>(),
    OperationInfo::json::<CreateServiceTransfer>(),
    OperationInfo::json::<GetServiceTransfer>(),
    OperationInfo::json::<CancelServiceTransfer>(),
    OperationInfo::json::<AcceptServiceTransfer>(),
];

filter_fields! {
    /// The fields transfers (service and entity) can be filtered and ordered on.
    pub enum TransferField {
        /// `is_sender`: whether your account created the transfer.
        IsSender => "is_sender",
        /// `status`, e.g. `pending`.
        Status => "status",
    }
}

/// Lists the service transfers your account created or accepted, a page at a time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListServiceTransfers {
    /// Which page, and its size.
    pub pagination: Pagination,
    /// Which transfers, in which order.
    pub filter: Option<Filter<TransferField>>,
}

impl Operation for ListServiceTransfers {
    const META: Metadata = Metadata {
        id: "get-service-transfers",
        name: "account::ListServiceTransfers",
        summary: "List service transfers",
        path: "/account/service-transfers",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<ServiceTransfer>;

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

list_operation!(ListServiceTransfers);

/// Requests a transfer of services (today: Linodes) to another account. The API mails the
/// token to your account; the receiving account accepts with it within 24 hours.
///
/// Not idempotent: sending it twice creates two transfers (the second fails while the first
/// is pending, as a service can be in one transfer only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateServiceTransfer {
    /// What to transfer.
    pub body: TransferCreate,
}

impl CreateServiceTransfer {
    /// A transfer of these Linodes.
    pub fn linodes(ids: impl IntoIterator<Item = u64>) -> Self {
        Self {
            body: TransferCreate::linodes(ids),
        }
    }
}

impl Operation for CreateServiceTransfer {
    const META: Metadata = Metadata {
        id: "post-service-transfer",
        name: "account::CreateServiceTransfer",
        summary: "Request a service transfer",
        path: "/account/service-transfers",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = ServiceTransfer;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        json_body(&self.body)
    }
}

/// Views one service transfer. While it is pending, any unrestricted user of any account
/// holding the token can view it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetServiceTransfer {
    /// The transfer's token (a capability: never shown by `Debug`).
    pub token: Secret,
}

impl GetServiceTransfer {
    /// The transfer with this token.
    pub fn new(token: impl Into<Secret>) -> Self {
        Self {
            token: token.into(),
        }
    }
}

impl Operation for GetServiceTransfer {
    const META: Metadata = Metadata {
        id: "get-service-transfer",
        name: "account::GetServiceTransfer",
        summary: "Get a service transfer request",
        path: "/account/service-transfers/{token}",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = ServiceTransfer;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.token)
    }
}

/// Cancels a pending service transfer your account created. A canceled transfer cannot be
/// revived: request a new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CancelServiceTransfer {
    /// The transfer's token (a capability: never shown by `Debug`).
    pub token: Secret,
}

impl CancelServiceTransfer {
    /// Cancels the transfer with this token.
    pub fn new(token: impl Into<Secret>) -> Self {
        Self {
            token: token.into(),
        }
    }
}

impl Operation for CancelServiceTransfer {
    const META: Metadata = Metadata {
        id: "delete-service-transfer",
        name: "account::CancelServiceTransfer",
        summary: "Cancel a service transfer",
        path: "/account/service-transfers/{token}",
        scopes: &[Scope::AccountReadWrite],
        ..Metadata::IDEMPOTENT_DELETE
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.token)
    }
}

/// Accepts a pending service transfer sent by another account: its services move to yours
/// (up to three hours) and you start paying for them.
///
/// Not idempotent: it starts the move and its billing; a repeat is refused once the transfer
/// is no longer pending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptServiceTransfer {
    /// The transfer's token (a capability: never shown by `Debug`).
    pub token: Secret,
}

impl AcceptServiceTransfer {
    /// Accepts the transfer with this token.
    pub fn new(token: impl Into<Secret>) -> Self {
        Self {
            token: token.into(),
        }
    }
}

impl Operation for AcceptServiceTransfer {
    const META: Metadata = Metadata {
        id: "post-accept-service-transfer",
        name: "account::AcceptServiceTransfer",
        summary: "Accept a service transfer",
        path: "/account/service-transfers/{token}/accept",
        scopes: &[Scope::AccountReadWrite],
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.token)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListServiceTransfers { pagination, filter }
    CreateServiceTransfer { body }
    GetServiceTransfer { token }
    CancelServiceTransfer { token }
    AcceptServiceTransfer { token }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use crate::Error;
    use linode_models::account::TransferStatus;

    const TOKEN_A: &str = "7F3C2A10-5B8E-4D61-9A2F-0C4E8B1D6A37";
    const TRANSFER: &str = r#"{
        "token": "7F3C2A10-5B8E-4D61-9A2F-0C4E8B1D6A37",
        "status": "pending",
        "is_sender": true,
        "entities": {"linodes": [5501203, 5501377]},
        "created": "2024-11-04T09:12:45",
        "updated": "2024-11-04T09:12:45",
        "expiry": "2024-11-05T09:12:45"
    }"#;

    #[test]
    fn list_builds_with_pagination_and_filter() {
        let op = ListServiceTransfers {
            pagination: Pagination::new().page(2).page_size(50),
            filter: Some(
                Filter::eq(TransferField::IsSender, true)
                    .and(Filter::eq(TransferField::Status, "pending")),
            ),
        };
        let req = build(&op);
        assert_request(
            &req,
            "GET",
            "/v4/account/service-transfers?page=2&page_size=50",
            None,
        );
        assert_eq!(
            header(&req, "x-filter"),
            Some(r#"{"+and":[{"is_sender":true},{"status":"pending"}]}"#)
        );
        const { assert!(ListServiceTransfers::META.paginated) };
    }

    #[test]
    fn list_parses_a_page() {
        let page = parse_ok::<ListServiceTransfers>(
            200,
            &format!(r#"{{"data": [{TRANSFER}], "page": 1, "pages": 1, "results": 1}}"#),
        );
        assert_eq!(page.results, 1);
        let t = &page.data[0];
        assert_eq!(t.token.expose(), TOKEN_A);
        assert_eq!(t.status, TransferStatus::Pending);
        assert_eq!(t.entities.linodes, vec![5501203, 5501377]);
        assert_eq!(t.expiry.to_string(), "2024-11-05T09:12:45");
    }

    #[test]
    fn create_sends_the_entities_and_is_not_idempotent() {
        let req = build(&CreateServiceTransfer::linodes([5501203, 5501377]));
        assert_request(
            &req,
            "POST",
            "/v4/account/service-transfers",
            Some(r#"{"entities":{"linodes":[5501203,5501377]}}"#),
        );
        const { assert!(!CreateServiceTransfer::META.idempotent) };
        assert!(CreateServiceTransfer::META.deprecated.is_none());
        let created = parse_ok::<CreateServiceTransfer>(200, TRANSFER);
        assert!(created.is_sender);
        assert_eq!(created.token.expose(), TOKEN_A);
    }

    #[test]
    fn create_refused_names_the_field() {
        let err = parse_err::<CreateServiceTransfer>(
            400,
            r#"{"errors": [{"field": "entities.linodes", "reason": "Linode 5501203 has attached Block Storage Volumes"}]}"#,
        );
        assert_eq!(err.status.as_u16(), 400);
        assert_eq!(err.errors[0].field.as_deref(), Some("entities.linodes"));
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetServiceTransfer::new(TOKEN_A));
        assert_request(
            &req,
            "GET",
            &format!("/v4/account/service-transfers/{TOKEN_A}"),
            None,
        );
        assert_eq!(
            parse_ok::<GetServiceTransfer>(200, TRANSFER)
                .created
                .to_string(),
            "2024-11-04T09:12:45"
        );
    }

    #[test]
    fn an_unknown_status_is_kept() {
        let body = TRANSFER.replace(r#""pending""#, r#""awaiting_review""#);
        let t = parse_ok::<GetServiceTransfer>(200, &body);
        assert_eq!(t.status, TransferStatus::Unknown("awaiting_review".into()));
        assert_eq!(t.status.as_str(), "awaiting_review");
        let back = serde_json::to_value(&t).unwrap_or_default();
        assert_eq!(back["status"], "awaiting_review");
    }

    #[test]
    fn transfer_tokens_are_capabilities_never_shown_by_debug() {
        let op = GetServiceTransfer::new(TOKEN_A);
        assert!(!format!("{op:?}").contains(TOKEN_A));
        assert!(build(&op).uri().path().ends_with(TOKEN_A));
        let body = format!(
            r#"{{"token": "{TOKEN_A}", "status": "pending", "is_sender": true, "entities": {{"linodes": [1]}}, "created": "2024-01-01T00:00:00", "updated": "2024-01-01T00:00:00", "expiry": "2024-01-02T00:00:00"}}"#
        );
        let parsed: ServiceTransfer = serde_json::from_str(&body).unwrap();
        assert!(!format!("{parsed:?}").contains(TOKEN_A));
        assert_eq!(parsed.token.expose(), TOKEN_A);
    }

    #[test]
    fn a_hostile_token_stays_in_its_segment() {
        let req = build(&GetServiceTransfer::new("../../profile/tokens"));
        assert_request(
            &req,
            "GET",
            "/v4/account/service-transfers/..%2F..%2Fprofile%2Ftokens",
            None,
        );
        let req = build(&AcceptServiceTransfer::new(".."));
        assert_request(
            &req,
            "POST",
            "/v4/account/service-transfers/%2E%2E/accept",
            None,
        );
        let req = build(&CancelServiceTransfer::new("a/b?c#d"));
        assert_request(
            &req,
            "DELETE",
            "/v4/account/service-transfers/a%2Fb%3Fc%23d",
            None,
        );
        // The encoded path routes back to the same operation, with the token intact.
        let route = crate::registry::route(
            &http::Method::GET,
            "/v4/account/service-transfers/..%2F..%2Fprofile%2Ftokens",
        );
        let route = route.map(|r| (r.info.meta.id, r.params));
        assert_eq!(
            route,
            Some((
                "get-service-transfer",
                vec!["../../profile/tokens".to_owned()]
            ))
        );
    }

    #[test]
    fn an_empty_token_is_refused_before_sending() {
        let err = GetServiceTransfer::new("").to_http_request(&config());
        assert!(matches!(
            err,
            Err(Error::Build {
                source: BuildError::EmptyPathParam { name: "token" },
                ..
            })
        ));
    }

    #[test]
    fn cancel_builds_and_parses_the_empty_object() {
        let req = build(&CancelServiceTransfer::new(TOKEN_A));
        assert_request(
            &req,
            "DELETE",
            &format!("/v4/account/service-transfers/{TOKEN_A}"),
            None,
        );
        const { assert!(CancelServiceTransfer::META.idempotent) };
        assert_eq!(
            parse_ok::<CancelServiceTransfer>(200, "{}"),
            Empty::default()
        );
    }

    #[test]
    fn accept_posts_without_a_body_and_is_not_idempotent() {
        let req = build(&AcceptServiceTransfer::new(TOKEN_A));
        assert_request(
            &req,
            "POST",
            &format!("/v4/account/service-transfers/{TOKEN_A}/accept"),
            None,
        );
        const { assert!(!AcceptServiceTransfer::META.idempotent) };
        assert_eq!(
            parse_ok::<AcceptServiceTransfer>(200, "{}"),
            Empty::default()
        );
    }

    #[test]
    fn accepting_your_own_transfer_is_refused() {
        let err = parse_err::<AcceptServiceTransfer>(
            403,
            r#"{"errors": [{"reason": "You cannot accept a transfer your account created"}]}"#,
        );
        assert_eq!(err.status.as_u16(), 403);
        assert_eq!(err.required_scopes, &[Scope::AccountReadWrite]);
    }

    #[test]
    fn a_missing_transfer_is_a_404() {
        let err = parse_err::<GetServiceTransfer>(404, r#"{"errors": [{"reason": "Not found"}]}"#);
        assert_eq!(err.status.as_u16(), 404);
        assert_eq!(err.errors[0].reason, "Not found");
    }
}
