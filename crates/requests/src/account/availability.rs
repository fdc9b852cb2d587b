//! Service availability: which services your account can use in each region.

use linode_models::account::AccountAvailability;
use linode_models::Page;

use crate::operation_info::OperationInfo;
use crate::{BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListAvailability>(),
    OperationInfo::json::<GetRegionAvailability>(),
];

/// Lists, for every region, the services available and unavailable to your account, a page
/// at a time. The API documents no filterable field here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListAvailability {
    /// Which page, and its size.
    pub pagination: Pagination,
}

impl Operation for ListAvailability {
    const META: Metadata = Metadata {
        id: "get-availability",
        name: "account::ListAvailability",
        summary: "List available services",
        path: "/account/availability",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<AccountAvailability>;

    fn write_query(&self, query: &mut QueryWriter<'_>) -> Result<(), BuildError> {
        self.pagination.write_query(query)
    }
}

list_operation!(ListAvailability);

/// Views the services available and unavailable to your account in one region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetRegionAvailability {
    /// The region's id (slug), e.g. `us-east`.
    pub region_id: String,
}

impl GetRegionAvailability {
    /// The availability in this region.
    pub fn new(region_id: impl Into<String>) -> Self {
        Self {
            region_id: region_id.into(),
        }
    }
}

impl Operation for GetRegionAvailability {
    const META: Metadata = Metadata {
        id: "get-account-availability",
        name: "account::GetRegionAvailability",
        summary: "Get a region's service availability",
        path: "/account/availability/{region_id}",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = AccountAvailability;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.region_id)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListAvailability { pagination }
    GetRegionAvailability { region_id }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const FRANKFURT: &str = r#"{"region": "de-fra-2", "available": ["Linodes", "Cloud Firewall", "Object Storage"], "unavailable": ["GPU Linodes"]}"#;

    #[test]
    fn list_builds_with_pagination_only() {
        let req = build(&ListAvailability {
            pagination: Pagination::new().page(2).page_size(100),
        });
        assert_request(
            &req,
            "GET",
            "/v4/account/availability?page=2&page_size=100",
            None,
        );
        assert_eq!(header(&req, "x-filter"), None);
        let req = build(&ListAvailability::default());
        assert_request(&req, "GET", "/v4/account/availability", None);
    }

    #[test]
    fn list_refuses_a_page_size_out_of_range() {
        let op = ListAvailability {
            pagination: Pagination::new().page_size(10),
        };
        assert!(op.to_http_request(&config()).is_err());
    }

    #[test]
    fn list_parses_a_page() {
        let page = parse_ok::<ListAvailability>(
            200,
            &format!(r#"{{"data": [{FRANKFURT}], "page": 1, "pages": 3, "results": 61}}"#),
        );
        assert!(page.has_next());
        assert_eq!(page.data[0].region, "de-fra-2");
        assert_eq!(page.data[0].unavailable, vec!["GPU Linodes".to_owned()]);
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetRegionAvailability::new("de-fra-2"));
        assert_request(&req, "GET", "/v4/account/availability/de-fra-2", None);
        let a = parse_ok::<GetRegionAvailability>(200, FRANKFURT);
        assert_eq!(a.available.len(), 3);
    }

    #[test]
    fn a_region_id_cannot_escape_its_segment() {
        let req = build(&GetRegionAvailability::new("../../account"));
        assert_request(
            &req,
            "GET",
            "/v4/account/availability/..%2F..%2Faccount",
            None,
        );
    }

    #[test]
    fn an_unknown_region_is_a_404() {
        let err = parse_err::<GetRegionAvailability>(
            404,
            r#"{"errors": [{"reason": "Region not found"}]}"#,
        );
        assert_eq!(err.status.as_u16(), 404);
    }
}
