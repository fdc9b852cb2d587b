//! Logins to your user: list, view.

use linode_models::account::Login;
use linode_models::Page;

use crate::operation_info::OperationInfo;
use crate::{BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListProfileLogins>(),
    OperationInfo::json::<GetProfileLogin>(),
];

/// Lists the logins to your own user over the last 90 days, a page at a time. (For every
/// user of the account, see [`crate::account::ListAccountLogins`].) The API documents no
/// filterable field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListProfileLogins {
    /// Which page, and its size.
    pub pagination: Pagination,
}

impl Operation for ListProfileLogins {
    const META: Metadata = Metadata {
        id: "get-profile-logins",
        name: "profile::ListProfileLogins",
        summary: "List logins",
        path: "/profile/logins",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<Login>;

    fn write_query(&self, query: &mut QueryWriter<'_>) -> Result<(), BuildError> {
        self.pagination.write_query(query)
    }
}

list_operation!(ListProfileLogins);

/// Views one login to your own user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetProfileLogin {
    /// The login record's id.
    pub login_id: u64,
}

impl Operation for GetProfileLogin {
    const META: Metadata = Metadata {
        id: "get-profile-login",
        name: "profile::GetProfileLogin",
        summary: "Get a profile's login",
        path: "/profile/logins/{login_id}",
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
    ListProfileLogins { pagination }
    GetProfileLogin { login_id }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use linode_models::account::LoginStatus;

    const LOGIN: &str = r#"{"datetime": "2024-05-27T21:14:03", "id": 880123,
        "ip": "2001:db8:4a::17", "restricted": false, "status": "successful", "username": "dokafor"}"#;

    #[test]
    fn list_builds_with_pagination() {
        let req = build(&ListProfileLogins {
            pagination: Pagination::new().page(2).page_size(25),
        });
        assert_request(&req, "GET", "/v4/profile/logins?page=2&page_size=25", None);
        let req = build(&ListProfileLogins::default());
        assert_request(&req, "GET", "/v4/profile/logins", None);
    }

    #[test]
    fn list_parses_a_page_and_keeps_unknown_statuses() {
        let odd = LOGIN
            .replace("880123", "880124")
            .replace(r#""successful""#, r#""blocked_by_policy""#);
        let page = parse_ok::<ListProfileLogins>(
            200,
            &format!(r#"{{"data": [{LOGIN}, {odd}], "page": 1, "pages": 3, "results": 52}}"#),
        );
        assert!(page.has_next());
        assert_eq!(page.data[0].status, LoginStatus::Successful);
        assert_eq!(
            page.data[1].status,
            LoginStatus::Unknown("blocked_by_policy".into())
        );
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetProfileLogin { login_id: 880123 });
        assert_request(&req, "GET", "/v4/profile/logins/880123", None);
        let login = parse_ok::<GetProfileLogin>(200, LOGIN);
        assert_eq!(login.ip, "2001:db8:4a::17");
        assert_eq!(login.datetime.to_string(), "2024-05-27T21:14:03");
    }

    #[test]
    fn a_missing_login_is_a_404() {
        let err = parse_err::<GetProfileLogin>(404, r#"{"errors": [{"reason": "Not found"}]}"#);
        assert_eq!(err.errors[0].reason, "Not found");
    }
}
