//! Beta programs: list the ones your account is enrolled in, enroll, view one.

use bytes::Bytes;
use linode_models::account::{BetaProgramEnroll, EnrolledBetaProgram};
use linode_models::{Empty, Page};

use crate::filter::Filter;
use crate::operation_info::OperationInfo;
use crate::{
    json_body, BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter,
    RequestBodyKind, Scope,
};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListEnrolledBetaPrograms>(),
    OperationInfo::json::<EnrollInBetaProgram>(),
    OperationInfo::json::<GetEnrolledBetaProgram>(),
];

filter_fields! {
    /// The fields enrolled beta programs can be filtered and ordered on.
    pub enum BetaProgramField {
        /// `ended`: when the program ended (`null` while ongoing).
        Ended => "ended",
        /// `enrolled`: when your account enrolled.
        Enrolled => "enrolled",
        /// `label`: the program's name.
        Label => "label",
        /// `started`: when the program started.
        Started => "started",
    }
}

/// Lists the beta programs your account is enrolled in, ended ones included, a page at a
/// time. Only unrestricted users can.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListEnrolledBetaPrograms {
    /// Which page, and its size.
    pub pagination: Pagination,
    /// Which programs, in which order.
    pub filter: Option<Filter<BetaProgramField>>,
}

impl Operation for ListEnrolledBetaPrograms {
    const META: Metadata = Metadata {
        id: "get-enrolled-beta-programs",
        name: "account::ListEnrolledBetaPrograms",
        summary: "List enrolled Beta programs",
        path: "/account/betas",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<EnrolledBetaProgram>;

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

list_operation!(ListEnrolledBetaPrograms);

/// Enrolls your account in a beta program. Not idempotent: enrollment is an agreement to
/// the program's terms, and a repeat is answered with an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrollInBetaProgram {
    /// The program to join.
    pub body: BetaProgramEnroll,
}

impl EnrollInBetaProgram {
    /// Enrolls in the program with this id.
    pub fn new(beta_id: impl Into<String>) -> Self {
        Self {
            body: BetaProgramEnroll { id: beta_id.into() },
        }
    }
}

impl Operation for EnrollInBetaProgram {
    const META: Metadata = Metadata {
        id: "post-beta-program",
        name: "account::EnrollInBetaProgram",
        summary: "Enroll in a Beta program",
        path: "/account/betas",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = Empty;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        json_body(&self.body)
    }
}

/// Views one beta program your account is enrolled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetEnrolledBetaProgram {
    /// The program's id.
    pub beta_id: String,
}

impl GetEnrolledBetaProgram {
    /// The enrolled program with this id.
    pub fn new(beta_id: impl Into<String>) -> Self {
        Self {
            beta_id: beta_id.into(),
        }
    }
}

impl Operation for GetEnrolledBetaProgram {
    const META: Metadata = Metadata {
        id: "get-enrolled-beta-program",
        name: "account::GetEnrolledBetaProgram",
        summary: "Get an enrolled Beta program",
        path: "/account/betas/{beta_id}",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = EnrolledBetaProgram;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.beta_id)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListEnrolledBetaPrograms { pagination, filter }
    EnrollInBetaProgram { body }
    GetEnrolledBetaProgram { beta_id }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use crate::Order;

    const ONGOING: &str = r#"{"id": "nvme_block_storage", "label": "NVMe Block Storage", "description": "Block Storage volumes backed by NVMe drives.", "started": "2024-02-01T00:00:00", "ended": null, "enrolled": "2024-02-13T18:27:40"}"#;
    const ENDED: &str = r#"{"id": "edge_dns", "label": "Edge DNS", "description": null, "started": "2023-05-02T00:00:00", "ended": "2023-11-30T00:00:00", "enrolled": "2023-06-20T08:00:12"}"#;

    #[test]
    fn list_builds_with_pagination_and_filter() {
        let op = ListEnrolledBetaPrograms {
            pagination: Pagination::new().page(1),
            filter: Some(
                Filter::gte(BetaProgramField::Started, "2024-01-01T00:00:00")
                    .and(Filter::contains(BetaProgramField::Label, "Storage"))
                    .order_by(BetaProgramField::Enrolled, Order::Desc),
            ),
        };
        let req = build(&op);
        assert_request(&req, "GET", "/v4/account/betas?page=1", None);
        assert_eq!(
            header(&req, "x-filter"),
            Some(
                r#"{"+and":[{"started":{"+gte":"2024-01-01T00:00:00"}},{"label":{"+contains":"Storage"}}],"+order":"desc","+order_by":"enrolled"}"#
            )
        );
        let ended = ListEnrolledBetaPrograms {
            filter: Some(Filter::neq(BetaProgramField::Ended, "2023-11-30T00:00:00")),
            ..Default::default()
        };
        assert_eq!(
            header(&build(&ended), "x-filter"),
            Some(r#"{"ended":{"+neq":"2023-11-30T00:00:00"}}"#)
        );
    }

    #[test]
    fn list_parses_ongoing_and_ended_programs() {
        let page = parse_ok::<ListEnrolledBetaPrograms>(
            200,
            &format!(r#"{{"data": [{ONGOING}, {ENDED}], "page": 1, "pages": 1, "results": 2}}"#),
        );
        assert_eq!(page.data.len(), 2);
        assert_eq!(page.data[0].ended, None);
        assert_eq!(
            page.data[1].ended.map(|t| t.to_string()).as_deref(),
            Some("2023-11-30T00:00:00")
        );
        assert_eq!(page.data[1].description, None);
        // Nulls are written back as nulls, not dropped.
        let back = serde_json::to_value(&page.data[1]).unwrap_or_default();
        assert!(back["description"].is_null());
        assert!(back
            .as_object()
            .is_some_and(|o| o.contains_key("description")));
    }

    #[test]
    fn enroll_sends_the_id_and_is_not_idempotent() {
        let req = build(&EnrollInBetaProgram::new("nvme_block_storage"));
        assert_request(
            &req,
            "POST",
            "/v4/account/betas",
            Some(r#"{"id":"nvme_block_storage"}"#),
        );
        const { assert!(!EnrollInBetaProgram::META.idempotent) };
        assert_eq!(parse_ok::<EnrollInBetaProgram>(200, "{}"), Empty::default());
    }

    #[test]
    fn enrolling_in_an_unknown_program_is_refused() {
        let err = parse_err::<EnrollInBetaProgram>(
            400,
            r#"{"errors": [{"field": "id", "reason": "Beta program not found or not open for enrollment"}]}"#,
        );
        assert_eq!(err.errors[0].field.as_deref(), Some("id"));
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetEnrolledBetaProgram::new("nvme_block_storage"));
        assert_request(&req, "GET", "/v4/account/betas/nvme_block_storage", None);
        let beta = parse_ok::<GetEnrolledBetaProgram>(200, ONGOING);
        assert_eq!(beta.label, "NVMe Block Storage");
        assert_eq!(beta.enrolled.to_string(), "2024-02-13T18:27:40");
    }

    #[test]
    fn a_beta_id_cannot_escape_its_segment() {
        let req = build(&GetEnrolledBetaProgram::new("x/../../profile"));
        assert_request(&req, "GET", "/v4/account/betas/x%2F..%2F..%2Fprofile", None);
    }

    #[test]
    fn restricted_users_are_refused() {
        let err = parse_err::<ListEnrolledBetaPrograms>(
            403,
            r#"{"errors": [{"reason": "Unauthorized"}]}"#,
        );
        assert_eq!(err.status.as_u16(), 403);
    }
}
