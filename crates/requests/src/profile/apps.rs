//! Apps you authorized with OAuth: list, view, revoke.

use linode_models::profile::AuthorizedApp;
use linode_models::{Empty, Page};

use crate::filter::Filter;
use crate::operation_info::OperationInfo;
use crate::{BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListAuthorizedApps>(),
    OperationInfo::json::<GetAuthorizedApp>(),
    OperationInfo::json::<RevokeAuthorizedApp>(),
];

filter_fields! {
    /// The fields authorized apps can be filtered and ordered on (those the spec marks
    /// filterable).
    pub enum AuthorizedAppField {
        /// `label`
        Label => "label",
        /// `created`
        Created => "created",
        /// `expiry`
        Expiry => "expiry",
    }
}

/// Lists the OAuth apps you let into your account, with the access each has, a page at a
/// time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListAuthorizedApps {
    /// Which page, and its size.
    pub pagination: Pagination,
    /// Which apps, in which order.
    pub filter: Option<Filter<AuthorizedAppField>>,
}

impl Operation for ListAuthorizedApps {
    const META: Metadata = Metadata {
        id: "get-profile-apps",
        name: "profile::ListAuthorizedApps",
        summary: "List authorized apps",
        path: "/profile/apps",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<AuthorizedApp>;

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

list_operation!(ListAuthorizedApps);

/// Views one app you authorized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetAuthorizedApp {
    /// The authorization's id.
    pub app_id: u64,
}

impl Operation for GetAuthorizedApp {
    const META: Metadata = Metadata {
        id: "get-profile-app",
        name: "profile::GetAuthorizedApp",
        summary: "Get an authorized app",
        path: "/profile/apps/{app_id}",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = AuthorizedApp;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.app_id)
    }
}

/// Revokes an app's access: its token stops working.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevokeAuthorizedApp {
    /// The authorization's id.
    pub app_id: u64,
}

impl Operation for RevokeAuthorizedApp {
    const META: Metadata = Metadata {
        id: "delete-profile-app",
        name: "profile::RevokeAuthorizedApp",
        summary: "Revoke app access",
        path: "/profile/apps/{app_id}",
        scopes: &[Scope::AccountReadWrite],
        ..Metadata::IDEMPOTENT_DELETE
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.app_id)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListAuthorizedApps { pagination, filter }
    GetAuthorizedApp { app_id }
    RevokeAuthorizedApp { app_id }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    // Checked at compile time: a wrong classification (retries, paging) does not build.
    const _: () = assert!(RevokeAuthorizedApp::META.idempotent);

    const APP: &str = r#"{"created": "2023-11-20T16:40:12", "expiry": "2024-11-20T16:40:12",
        "id": 4412, "label": "StatusBoard", "scopes": "linodes:read_only events:read_only",
        "thumbnail_url": "https://statusboard.example.com/icon.png",
        "website": "https://statusboard.example.com"}"#;

    #[test]
    fn list_builds_with_pagination_and_filter() {
        let op = ListAuthorizedApps {
            pagination: Pagination::new().page(1).page_size(100),
            filter: Some(Filter::lt(
                AuthorizedAppField::Expiry,
                "2025-01-01T00:00:00",
            )),
        };
        let req = build(&op);
        assert_request(&req, "GET", "/v4/profile/apps?page=1&page_size=100", None);
        assert_eq!(
            header(&req, "x-filter"),
            Some(r#"{"expiry":{"+lt":"2025-01-01T00:00:00"}}"#)
        );
    }

    #[test]
    fn list_parses_a_page_with_null_expiry_and_thumbnail() {
        let other = r#"{"created": "2022-05-02T10:00:00", "expiry": null, "id": 4413,
            "label": "cli-helper", "scopes": "*", "thumbnail_url": null,
            "website": "https://cli-helper.example.net"}"#;
        let page = parse_ok::<ListAuthorizedApps>(
            200,
            &format!(r#"{{"data": [{APP}, {other}], "page": 1, "pages": 1, "results": 2}}"#),
        );
        assert_eq!(page.results, 2);
        assert!(page.data[0].expiry.is_some());
        assert_eq!(page.data[1].expiry, None);
        assert_eq!(page.data[1].thumbnail_url, None);
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetAuthorizedApp { app_id: 4412 });
        assert_request(&req, "GET", "/v4/profile/apps/4412", None);
        let app = parse_ok::<GetAuthorizedApp>(200, APP);
        assert_eq!(app.label, "StatusBoard");
        assert_eq!(app.scopes.to_string(), "events:read_only linodes:read_only");
    }

    #[test]
    fn revoke_builds_and_parses_the_empty_object() {
        let req = build(&RevokeAuthorizedApp { app_id: 4412 });
        assert_request(&req, "DELETE", "/v4/profile/apps/4412", None);
        assert_eq!(parse_ok::<RevokeAuthorizedApp>(200, "{}"), Empty::default());
    }

    #[test]
    fn a_missing_app_is_a_404() {
        let err = parse_err::<RevokeAuthorizedApp>(404, r#"{"errors": [{"reason": "Not found"}]}"#);
        assert_eq!(err.status.as_u16(), 404);
    }
}
