//! Personal access tokens: list, create, view, update, revoke.

use bytes::Bytes;
use linode_models::profile::{
    PersonalAccessToken, PersonalAccessTokenCreate, PersonalAccessTokenUpdate,
};
use linode_models::{Empty, Page, Scopes};

use crate::filter::Filter;
use crate::operation_info::OperationInfo;
use crate::{
    BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter, RequestBodyKind, Scope,
};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListPersonalAccessTokens>(),
    OperationInfo::json::<CreatePersonalAccessToken>(),
    OperationInfo::json::<GetPersonalAccessToken>(),
    OperationInfo::json::<UpdatePersonalAccessToken>(),
    OperationInfo::json::<RevokePersonalAccessToken>(),
];

filter_fields! {
    /// The fields personal access tokens can be filtered and ordered on (those the spec marks
    /// filterable).
    pub enum PersonalAccessTokenField {
        /// `label`
        Label => "label",
        /// `created`
        Created => "created",
    }
}

/// Lists your active personal access tokens, a page at a time. Each shows only the first 16
/// characters of its token.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListPersonalAccessTokens {
    /// Which page, and its size.
    pub pagination: Pagination,
    /// Which tokens, in which order.
    pub filter: Option<Filter<PersonalAccessTokenField>>,
}

impl Operation for ListPersonalAccessTokens {
    const META: Metadata = Metadata {
        id: "get-personal-access-tokens",
        name: "profile::ListPersonalAccessTokens",
        summary: "List personal access tokens",
        path: "/profile/tokens",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<PersonalAccessToken>;

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

list_operation!(ListPersonalAccessTokens);

/// Creates a personal access token with at most the scopes of the token making the request.
///
/// The answer is the only time the API sends the whole token: keep it (it is a
/// [`linode_models::Secret`]; read it with `expose()`). Not idempotent: sending it twice
/// makes two tokens. Proxy users of child accounts cannot create these tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreatePersonalAccessToken {
    /// The new token's label, scopes and expiry.
    pub body: PersonalAccessTokenCreate,
}

impl CreatePersonalAccessToken {
    /// A token labelled `label` with `scopes` ([`Scopes::all`] for all of yours), valid until
    /// revoked.
    pub fn new(label: impl Into<String>, scopes: impl Into<Scopes>) -> Self {
        Self {
            body: PersonalAccessTokenCreate {
                expiry: None,
                label: Some(label.into()),
                scopes: Some(scopes.into()),
            },
        }
    }
}

impl Operation for CreatePersonalAccessToken {
    const META: Metadata = Metadata {
        id: "post-personal-access-token",
        name: "profile::CreatePersonalAccessToken",
        summary: "Create a personal access token",
        path: "/profile/tokens",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = PersonalAccessToken;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        crate::validation::validated_json_body(&self.body)
    }
}

/// Views one personal access token (its token shortened to the first 16 characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetPersonalAccessToken {
    /// The token's id.
    pub token_id: u64,
}

impl Operation for GetPersonalAccessToken {
    const META: Metadata = Metadata {
        id: "get-personal-access-token",
        name: "profile::GetPersonalAccessToken",
        summary: "Get a personal access token",
        path: "/profile/tokens/{token_id}",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = PersonalAccessToken;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.token_id)
    }
}

/// Changes a personal access token's label (nothing else can change).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdatePersonalAccessToken {
    /// The token's id.
    pub token_id: u64,
    /// The fields to change.
    pub body: PersonalAccessTokenUpdate,
}

impl UpdatePersonalAccessToken {
    /// Renames token `token_id` to `label`.
    pub fn relabel(token_id: u64, label: impl Into<String>) -> Self {
        Self {
            token_id,
            body: PersonalAccessTokenUpdate {
                label: Some(label.into()),
            },
        }
    }
}

impl Operation for UpdatePersonalAccessToken {
    const META: Metadata = Metadata {
        id: "put-personal-access-token",
        name: "profile::UpdatePersonalAccessToken",
        summary: "Update a personal access token",
        path: "/profile/tokens/{token_id}",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::IDEMPOTENT_PUT
    };
    type Output = PersonalAccessToken;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.token_id)
    }

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        crate::validation::validated_json_body(&self.body)
    }
}

/// Revokes a personal access token at once: requests made with it then get a 401. Revoking
/// the token this request is sent with is allowed, and locks this client out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevokePersonalAccessToken {
    /// The token's id.
    pub token_id: u64,
}

impl Operation for RevokePersonalAccessToken {
    const META: Metadata = Metadata {
        id: "delete-personal-access-token",
        name: "profile::RevokePersonalAccessToken",
        summary: "Revoke a personal access token",
        path: "/profile/tokens/{token_id}",
        scopes: &[Scope::AccountReadWrite],
        ..Metadata::IDEMPOTENT_DELETE
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.token_id)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListPersonalAccessTokens { pagination, filter }
    CreatePersonalAccessToken { body }
    GetPersonalAccessToken { token_id }
    UpdatePersonalAccessToken { token_id, body }
    RevokePersonalAccessToken { token_id }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Order;
    use crate::testing::*;
    use linode_models::Timestamp;

    // Checked at compile time: a wrong classification (retries, paging) does not build.
    const _: () = assert!(ListPersonalAccessTokens::META.paginated);
    const _: () = assert!(!CreatePersonalAccessToken::META.idempotent);

    const LISTED: &str = r#"{"created": "2024-03-18T14:02:51", "expiry": "2025-03-18T14:02:51",
        "id": 77310, "label": "terraform-staging", "scopes": "linodes:read_write domains:read_only",
        "token": "9be1c7a4e05d3f21"}"#;
    const CREATED: &str = r#"{"created": "2024-07-01T08:00:00", "expiry": null,
        "id": 77345, "label": "backup-bot", "scopes": "*",
        "token": "9be1c7a4e05d3f2186aa0c4b17e2d95f3306e8c1b7a24d59f0e1c3b6a8d7e4f2"}"#;

    #[test]
    fn list_builds_with_pagination_and_filter() {
        let op = ListPersonalAccessTokens {
            pagination: Pagination::new().page(2).page_size(50),
            filter: Some(
                Filter::contains(PersonalAccessTokenField::Label, "terraform")
                    .order_by(PersonalAccessTokenField::Created, Order::Desc),
            ),
        };
        let req = build(&op);
        assert_request(&req, "GET", "/v4/profile/tokens?page=2&page_size=50", None);
        assert_eq!(
            header(&req, "x-filter"),
            Some(r#"{"+order":"desc","+order_by":"created","label":{"+contains":"terraform"}}"#)
        );
    }

    #[test]
    fn list_parses_a_page() {
        let page = parse_ok::<ListPersonalAccessTokens>(
            200,
            &format!(r#"{{"data": [{LISTED}], "page": 1, "pages": 1, "results": 1}}"#),
        );
        assert_eq!(page.data[0].id, 77310);
        assert_eq!(page.data[0].token.expose(), "9be1c7a4e05d3f21");
        assert_eq!(
            page.data[0].expiry.map(|t| t.to_string()).as_deref(),
            Some("2025-03-18T14:02:51")
        );
    }

    #[test]
    fn create_sends_json_and_is_not_idempotent() {
        let mut op =
            CreatePersonalAccessToken::new("backup-bot", Scopes::none().read_only("linodes"));
        let req = build(&op);
        assert_request(
            &req,
            "POST",
            "/v4/profile/tokens",
            Some(r#"{"label":"backup-bot","scopes":"linodes:read_only"}"#),
        );
        op.body.expiry = Some("2025-01-31T23:59:59".parse::<Timestamp>().unwrap());
        assert_request(
            &build(&op),
            "POST",
            "/v4/profile/tokens",
            Some(
                r#"{"expiry":"2025-01-31T23:59:59","label":"backup-bot","scopes":"linodes:read_only"}"#,
            ),
        );
    }

    #[test]
    fn create_parses_the_full_token_and_hides_it_from_debug() {
        let token = parse_ok::<CreatePersonalAccessToken>(200, CREATED);
        assert_eq!(token.expiry, None);
        assert_eq!(token.token.expose().len(), 64);
        let debug = format!("{token:?}");
        assert!(!debug.contains("9be1c7a4"), "{debug}");
        assert!(debug.contains("backup-bot"));
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetPersonalAccessToken { token_id: 77310 });
        assert_request(&req, "GET", "/v4/profile/tokens/77310", None);
        assert_eq!(
            parse_ok::<GetPersonalAccessToken>(200, LISTED).label,
            "terraform-staging"
        );
    }

    #[test]
    fn update_sends_only_the_label() {
        let req = build(&UpdatePersonalAccessToken::relabel(77310, "terraform-prod"));
        assert_request(
            &req,
            "PUT",
            "/v4/profile/tokens/77310",
            Some(r#"{"label":"terraform-prod"}"#),
        );
        let req = build(&UpdatePersonalAccessToken {
            token_id: 77310,
            body: PersonalAccessTokenUpdate::default(),
        });
        assert_request(&req, "PUT", "/v4/profile/tokens/77310", Some("{}"));
        assert_eq!(parse_ok::<UpdatePersonalAccessToken>(200, LISTED).id, 77310);
    }

    #[test]
    fn revoke_builds_and_parses_the_empty_object() {
        let req = build(&RevokePersonalAccessToken { token_id: 77310 });
        assert_request(&req, "DELETE", "/v4/profile/tokens/77310", None);
        assert_eq!(
            parse_ok::<RevokePersonalAccessToken>(200, "{}"),
            Empty::default()
        );
    }

    #[test]
    fn too_wide_scopes_are_a_400_and_a_revoked_token_a_401() {
        let err = parse_err::<CreatePersonalAccessToken>(
            400,
            r#"{"errors": [{"field": "scopes", "reason": "Scopes cannot exceed those of the acting token"}]}"#,
        );
        assert_eq!(err.errors[0].field.as_deref(), Some("scopes"));
        let err = parse_err::<GetPersonalAccessToken>(
            401,
            r#"{"errors": [{"reason": "Invalid Token"}]}"#,
        );
        assert_eq!(err.status.as_u16(), 401);
    }
}
