//! Logins to the account's users: list, view.

use linode_models::account::Login;
use linode_models::Page;

use crate::operation_info::OperationInfo;
use crate::{BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListAccountLogins>(),
    OperationInfo::json::<GetAccountLogin>(),
];

/// Lists the logins of every user of the account over the last 90 days, a page at a time.
/// Only unrestricted users may call it (others get a 403). The API documents no filterable
/// field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListAccountLogins {
    /// Which page, and its size.
    pub pagination: Pagination,
}

impl Operation for ListAccountLogins {
    const META: Metadata = Metadata {
        id: "get-account-logins",
        name: "account::ListAccountLogins",
        summary: "List user logins",
        path: "/account/logins",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<Login>;

    fn write_query(&self, query: &mut QueryWriter<'_>) -> Result<(), BuildError> {
        self.pagination.write_query(query)
    }
}

list_operation!(ListAccountLogins);

/// Views one login of any user of the account. Only unrestricted users may call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetAccountLogin {
    /// The login record's id.
    pub login_id: u64,
}

impl Operation for GetAccountLogin {
    const META: Metadata = Metadata {
        id: "get-account-login",
        name: "account::GetAccountLogin",
        summary: "Get an account login",
        path: "/account/logins/{login_id}",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Login;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.login_id)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListAccountLogins { pagination }
    GetAccountLogin { login_id }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use linode_models::account::LoginStatus;

    const LOGIN: &str = r#"{"datetime": "2024-06-10T05:48:30", "id": 903311,
        "ip": "203.0.113.77", "restricted": true, "status": "failed", "username": "billing-ro"}"#;

    #[test]
    fn list_builds_with_pagination() {
        let req = build(&ListAccountLogins {
            pagination: Pagination::new().page(1).page_size(500),
        });
        assert_request(&req, "GET", "/v4/account/logins?page=1&page_size=500", None);
    }

    #[test]
    fn list_parses_a_page() {
        let page = parse_ok::<ListAccountLogins>(
            200,
            &format!(r#"{{"data": [{LOGIN}], "page": 1, "pages": 1, "results": 1}}"#),
        );
        assert_eq!(page.data[0].username, "billing-ro");
        assert!(page.data[0].restricted);
        assert_eq!(page.data[0].status, LoginStatus::Failed);
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetAccountLogin { login_id: 903311 });
        assert_request(&req, "GET", "/v4/account/logins/903311", None);
        assert_eq!(parse_ok::<GetAccountLogin>(200, LOGIN).id, 903311);
    }

    #[test]
    fn restricted_users_get_a_403() {
        let err =
            parse_err::<ListAccountLogins>(403, r#"{"errors": [{"reason": "Unauthorized"}]}"#);
        assert_eq!(err.status.as_u16(), 403);
        assert_eq!(err.required_scopes, &[Scope::AccountReadOnly]);
    }
}
