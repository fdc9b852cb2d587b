//! Users of the account, and their grants: list, create, view, update, delete; view and
//! update a user's grants.
//!
//! Every operation here is open only to unrestricted users.

use bytes::Bytes;
use linode_models::account::{Grants, GrantsUpdate, User, UserCreate, UserGrants, UserUpdate};
use linode_models::{Empty, Page};

use crate::filter::Filter;
use crate::operation_info::OperationInfo;
use crate::{
    json_body, BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter,
    RequestBodyKind, ResponseBodyKind, Scope,
};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListUsers>(),
    OperationInfo::json::<CreateUser>(),
    OperationInfo::json::<GetUser>(),
    OperationInfo::json::<UpdateUser>(),
    OperationInfo::json::<DeleteUser>(),
    OperationInfo::json::<GetUserGrants>(),
    OperationInfo::json::<UpdateUserGrants>(),
];

filter_fields! {
    /// The fields users can be filtered and ordered on.
    pub enum UserField {
        /// `username`
        Username => "username",
    }
}

/// Lists the users of the account, a page at a time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListUsers {
    /// Which page, and its size.
    pub pagination: Pagination,
    /// Which users, in which order.
    pub filter: Option<Filter<UserField>>,
}

impl Operation for ListUsers {
    const META: Metadata = Metadata {
        id: "get-users",
        name: "account::ListUsers",
        summary: "List users",
        path: "/account/users",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<User>;

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

list_operation!(ListUsers);

/// Creates a user; the API emails it instructions to set a password. Not idempotent: a
/// second send fails on the now-taken username at best.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateUser {
    /// The user to create.
    pub body: UserCreate,
}

impl CreateUser {
    /// Creates `username` with `email` (restricted or not as the API decides).
    pub fn new(username: impl Into<String>, email: impl Into<String>) -> Self {
        Self {
            body: UserCreate::new(username, email),
        }
    }
}

impl Operation for CreateUser {
    const META: Metadata = Metadata {
        id: "post-user",
        name: "account::CreateUser",
        summary: "Create a user",
        path: "/account/users",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = User;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        crate::validation::validated_json_body(&self.body)
    }
}

/// Views one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetUser {
    /// The user's username.
    pub username: String,
}

impl GetUser {
    /// Views `username`.
    pub fn new(username: impl Into<String>) -> Self {
        Self {
            username: username.into(),
        }
    }
}

impl Operation for GetUser {
    const META: Metadata = Metadata {
        id: "get-user",
        name: "account::GetUser",
        summary: "Get a user",
        path: "/account/users/{username}",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = User;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.username)
    }
}

/// Changes a user's username, email or restricted status; fields left `None` stay as they
/// are. Making a user restricted leaves it with no grants until you set some
/// ([`UpdateUserGrants`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateUser {
    /// The user's current username.
    pub username: String,
    /// The fields to change.
    pub body: UserUpdate,
}

impl Operation for UpdateUser {
    const META: Metadata = Metadata {
        id: "put-user",
        name: "account::UpdateUser",
        summary: "Update a user",
        path: "/account/users/{username}",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::IDEMPOTENT_PUT
    };
    type Output = User;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.username)
    }

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        crate::validation::validated_json_body(&self.body)
    }
}

/// Deletes a user: it is logged out at once and its grants are removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteUser {
    /// The user's username.
    pub username: String,
}

impl DeleteUser {
    /// Deletes `username`.
    pub fn new(username: impl Into<String>) -> Self {
        Self {
            username: username.into(),
        }
    }
}

impl Operation for DeleteUser {
    const META: Metadata = Metadata {
        id: "delete-user",
        name: "account::DeleteUser",
        summary: "Delete a user",
        path: "/account/users/{username}",
        scopes: &[Scope::AccountReadWrite],
        ..Metadata::IDEMPOTENT_DELETE
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.username)
    }
}

/// Views a user's grants, listing every entity of the account with the user's access to it.
///
/// For an unrestricted user the API answers `204 No Content` with no body: the output is
/// then [`UserGrants::Unrestricted`]. Not for the account owner or yourself: use
/// [`crate::profile::GetProfileGrants`] for your own grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetUserGrants {
    /// The user's username.
    pub username: String,
}

impl GetUserGrants {
    /// Views the grants of `username`.
    pub fn new(username: impl Into<String>) -> Self {
        Self {
            username: username.into(),
        }
    }
}

impl Operation for GetUserGrants {
    const META: Metadata = Metadata {
        id: "get-user-grants",
        name: "account::GetUserGrants",
        summary: "List a user's grants",
        path: "/account/users/{username}/grants",
        scopes: &[Scope::AccountReadOnly],
        response_body: ResponseBodyKind::JsonOrNoContent,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = UserGrants;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.username)
    }
}

/// Changes a restricted user's grants and answers with all of them.
///
/// The body is partial: lists and flags left `None` are not sent, and entities not listed
/// keep their access. Sending it twice has the same effect as once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateUserGrants {
    /// The user's username.
    pub username: String,
    /// The grants to change.
    pub body: GrantsUpdate,
}

impl Operation for UpdateUserGrants {
    const META: Metadata = Metadata {
        id: "put-user-grants",
        name: "account::UpdateUserGrants",
        summary: "Update a user's grants",
        path: "/account/users/{username}/grants",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::IDEMPOTENT_PUT
    };
    type Output = Grants;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.username)
    }

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        json_body(&self.body)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListUsers { pagination, filter }
    CreateUser { body }
    GetUser { username }
    UpdateUser { username, body }
    DeleteUser { username }
    GetUserGrants { username }
    UpdateUserGrants { username, body }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use linode_models::account::{
        EntityGrantUpdate, GlobalGrantsUpdate, GrantPermission, LastLoginStatus, UserType,
    };
    use linode_models::Update;

    const USER: &str = r#"{
        "username": "mfernandes", "email": "mfernandes@quarry-labs.example",
        "restricted": true,
        "last_login": {"login_datetime": "2025-02-11T08:42:17", "status": "failed"},
        "password_created": "2024-11-03T16:05:00", "ssh_keys": ["workstation", "ci-runner"],
        "tfa_enabled": false, "verified_phone_number": "+351912345678", "user_type": "default"
    }"#;

    /// A complete grants structure: every global flag, one entry in every entity list.
    const GRANTS: &str = r#"{
        "global": {
            "account_access": "read_only", "add_databases": false, "add_domains": true,
            "add_firewalls": true, "add_images": false, "add_linodes": true,
            "add_longview": false, "add_nodebalancers": true, "add_placement_groups": false,
            "add_stackscripts": true, "add_volumes": true, "add_vpcs": false,
            "cancel_account": false, "child_account_access": null,
            "longview_subscription": false
        },
        "database": [{"id": 2210, "label": "orders-pg", "permissions": "read_only"}],
        "domain": [{"id": 88410, "label": "quarry-labs.example", "permissions": "read_write"}],
        "firewall": [{"id": 5120, "label": "edge-fw", "permissions": null}],
        "image": [{"id": 30117, "label": "golden-debian", "permissions": "read_only"}],
        "linode": [{"id": 61207334, "label": "web-01", "permissions": "read_write"}],
        "longview": [{"id": 412, "label": "lv-web", "permissions": null}],
        "nodebalancer": [{"id": 90233, "label": "front-nb", "permissions": "read_only"}],
        "placement_group": [{"id": 771, "label": "pg-anti-affinity", "permissions": "read_only"}],
        "stackscript": [{"id": 1043, "label": "bootstrap-docker", "permissions": "read_write"}],
        "volume": [{"id": 55190, "label": "uploads-vol", "permissions": "read_write"}],
        "vpc": [{"id": 3391, "label": "vpc-prod", "permissions": "read_only"}]
    }"#;

    #[test]
    fn list_builds_with_pagination_and_filter() {
        let op = ListUsers {
            pagination: Pagination::new().page(2).page_size(100),
            filter: Some(Filter::eq(UserField::Username, "mfernandes")),
        };
        let req = build(&op);
        assert_request(&req, "GET", "/v4/account/users?page=2&page_size=100", None);
        assert_eq!(
            header(&req, "x-filter"),
            Some(r#"{"username":"mfernandes"}"#)
        );
    }

    #[test]
    fn list_parses_a_page() {
        let page = parse_ok::<ListUsers>(
            200,
            &format!(r#"{{"data": [{USER}], "page": 1, "pages": 3, "results": 51}}"#),
        );
        assert!(page.has_next());
        let user = &page.data[0];
        assert_eq!(user.username, "mfernandes");
        assert_eq!(user.user_type, Some(UserType::Default));
        let last = user.last_login.as_ref().expect("last login");
        assert_eq!(last.status, LastLoginStatus::Failed);
        assert_eq!(last.login_datetime.to_string(), "2025-02-11T08:42:17");
    }

    #[test]
    fn create_sends_json_and_is_not_idempotent() {
        let mut op = CreateUser::new("obarros", "obarros@quarry-labs.example");
        op.body.restricted = Some(true);
        let req = build(&op);
        assert_request(
            &req,
            "POST",
            "/v4/account/users",
            Some(
                r#"{"username":"obarros","email":"obarros@quarry-labs.example","restricted":true}"#,
            ),
        );
        const { assert!(!CreateUser::META.idempotent) };
        // The answer to a create documents no user_type, and a new user has no login yet.
        let user = parse_ok::<CreateUser>(
            200,
            r#"{"username": "obarros", "email": "obarros@quarry-labs.example",
                "restricted": true, "last_login": null, "password_created": null,
                "ssh_keys": [], "tfa_enabled": false, "verified_phone_number": null}"#,
        );
        assert_eq!(user.user_type, None);
        assert_eq!(user.last_login, None);
        assert_eq!(user.password_created, None);
    }

    #[test]
    fn a_taken_username_is_a_400_with_the_field() {
        let err = parse_err::<CreateUser>(
            400,
            r#"{"errors": [{"field": "username", "reason": "Username is taken"}]}"#,
        );
        assert_eq!(err.status.as_u16(), 400);
        assert_eq!(err.errors[0].field.as_deref(), Some("username"));
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetUser::new("mfernandes"));
        assert_request(&req, "GET", "/v4/account/users/mfernandes", None);
        assert_eq!(parse_ok::<GetUser>(200, USER).ssh_keys.len(), 2);
    }

    #[test]
    fn usernames_stay_in_their_path_segment() {
        let req = build(&GetUser::new("../grants?x=1"));
        assert_request(&req, "GET", "/v4/account/users/..%2Fgrants%3Fx%3D1", None);
        let err = GetUser::new("")
            .to_http_request(&config())
            .expect_err("an empty username must be refused");
        assert!(matches!(
            err,
            crate::Error::Build {
                source: BuildError::EmptyPathParam { .. },
                ..
            }
        ));
    }

    #[test]
    fn update_sends_only_what_changes() {
        let req = build(&UpdateUser {
            username: "mfernandes".into(),
            body: UserUpdate::default(),
        });
        assert_request(&req, "PUT", "/v4/account/users/mfernandes", Some("{}"));
        let req = build(&UpdateUser {
            username: "mfernandes".into(),
            body: UserUpdate {
                restricted: Some(false),
                ..Default::default()
            },
        });
        assert_request(
            &req,
            "PUT",
            "/v4/account/users/mfernandes",
            Some(r#"{"restricted":false}"#),
        );
        const { assert!(UpdateUser::META.idempotent) };
        assert!(parse_ok::<UpdateUser>(200, USER).restricted);
    }

    #[test]
    fn delete_builds_and_parses_the_empty_object() {
        let req = build(&DeleteUser::new("obarros"));
        assert_request(&req, "DELETE", "/v4/account/users/obarros", None);
        assert_eq!(parse_ok::<DeleteUser>(200, "{}"), Empty::default());
    }

    #[test]
    fn a_missing_user_is_a_404_api_error() {
        let err = parse_err::<DeleteUser>(404, r#"{"errors": [{"reason": "Not found"}]}"#);
        assert_eq!(err.status.as_u16(), 404);
        assert_eq!(err.errors[0].reason, "Not found");
    }

    #[test]
    fn user_grants_build_and_parse_the_full_structure() {
        let req = build(&GetUserGrants::new("mfernandes"));
        assert_request(&req, "GET", "/v4/account/users/mfernandes/grants", None);
        let grants = parse_ok::<GetUserGrants>(200, GRANTS);
        let grants = grants.restricted().expect("a restricted user");
        assert_eq!(
            grants.global.account_access,
            Some(GrantPermission::ReadOnly)
        );
        assert!(grants.global.add_linodes && grants.global.add_stackscripts);
        assert!(!grants.global.cancel_account);
        assert_eq!(grants.global.child_account_access, None);
        for (kind, list) in [
            ("database", &grants.database),
            ("domain", &grants.domain),
            ("firewall", &grants.firewall),
            ("image", &grants.image),
            ("linode", &grants.linode),
            ("longview", &grants.longview),
            ("nodebalancer", &grants.nodebalancer),
            ("placement_group", &grants.placement_group),
            ("stackscript", &grants.stackscript),
            ("volume", &grants.volume),
            ("vpc", &grants.vpc),
        ] {
            assert_eq!(list.len(), 1, "{kind}");
        }
        assert_eq!(grants.linode[0].id, 61207334);
        assert_eq!(
            grants.linode[0].permissions,
            Some(GrantPermission::ReadWrite)
        );
        assert_eq!(grants.firewall[0].permissions, None);
    }

    #[test]
    fn user_grants_of_an_unrestricted_user_are_an_empty_204() {
        assert_eq!(
            GetUserGrants::META.response_body,
            ResponseBodyKind::JsonOrNoContent
        );
        let grants = parse_ok::<GetUserGrants>(204, "");
        assert_eq!(grants, UserGrants::Unrestricted);
        assert!(grants.is_unrestricted());
    }

    #[test]
    fn an_unknown_permission_is_kept() {
        let body = r#"{"global": {"account_access": "read_audit"},
                       "linode": [{"id": 7, "label": "db-02", "permissions": "read_audit"}]}"#;
        let grants = parse_ok::<GetUserGrants>(200, body)
            .into_restricted()
            .expect("restricted");
        let unknown = GrantPermission::Unknown("read_audit".into());
        assert_eq!(grants.linode[0].permissions.as_ref(), Some(&unknown));
        assert_eq!(grants.global.account_access.as_ref(), Some(&unknown));
        assert_eq!(unknown.as_str(), "read_audit");
    }

    #[test]
    fn update_grants_sends_only_what_changes() {
        let op = UpdateUserGrants {
            username: "mfernandes".into(),
            body: GrantsUpdate {
                global: Some(GlobalGrantsUpdate {
                    add_linodes: Some(false),
                    account_access: Update::Set(GrantPermission::ReadWrite),
                    ..Default::default()
                }),
                volume: Some(vec![
                    EntityGrantUpdate::grant(55190, GrantPermission::ReadOnly),
                    EntityGrantUpdate::revoke(55191),
                ]),
                ..Default::default()
            },
        };
        let req = build(&op);
        assert_request(
            &req,
            "PUT",
            "/v4/account/users/mfernandes/grants",
            Some(
                r#"{"global": {"account_access": "read_write", "add_linodes": false},
                    "volume": [{"id": 55190, "permissions": "read_only"},
                               {"id": 55191, "permissions": null}]}"#,
            ),
        );
        const { assert!(UpdateUserGrants::META.idempotent) };
        let grants = parse_ok::<UpdateUserGrants>(200, GRANTS);
        assert_eq!(grants.vpc[0].label, "vpc-prod");
    }

    #[test]
    fn updating_grants_of_an_unrestricted_user_is_a_400() {
        let err = parse_err::<UpdateUserGrants>(
            400,
            r#"{"errors": [{"reason": "Cannot set grants for an unrestricted user"}]}"#,
        );
        assert_eq!(err.status.as_u16(), 400);
    }
}
