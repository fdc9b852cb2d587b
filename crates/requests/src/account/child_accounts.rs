//! Child accounts (parent/child accounts): list, view, and create a proxy user token.

use linode_models::account::{ChildAccount, ProxyUserToken};
use linode_models::Page;

use crate::filter::Filter;
use crate::operation_info::OperationInfo;
use crate::{BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListChildAccounts>(),
    OperationInfo::json::<GetChildAccount>(),
    OperationInfo::json::<CreateProxyToken>(),
];

filter_fields! {
    /// The fields child accounts can be filtered and ordered on (the spec marks the contact and
    /// address fields filterable).
    pub enum ChildAccountField {
        /// `address_1`
        Address1 => "address_1",
        /// `address_2`
        Address2 => "address_2",
        /// `city`
        City => "city",
        /// `company`
        Company => "company",
        /// `country`
        Country => "country",
        /// `email`
        Email => "email",
        /// `first_name`
        FirstName => "first_name",
        /// `last_name`
        LastName => "last_name",
        /// `phone`
        Phone => "phone",
        /// `state`
        State => "state",
        /// `zip`
        Zip => "zip",
    }
}

/// Lists the child accounts of your parent account, a page at a time. Needs a token with
/// `child_account:read_only` (parent account users only).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListChildAccounts {
    /// Which page, and its size.
    pub pagination: Pagination,
    /// Which child accounts, in which order.
    pub filter: Option<Filter<ChildAccountField>>,
}

impl Operation for ListChildAccounts {
    const META: Metadata = Metadata {
        id: "get-child-accounts",
        name: "account::ListChildAccounts",
        summary: "List child accounts",
        path: "/account/child-accounts",
        scopes: &[Scope::ChildAccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<ChildAccount>;

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

list_operation!(ListChildAccounts);

/// Views one child account, by its euuid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetChildAccount {
    /// The child account's euuid.
    pub euuid: String,
}

impl GetChildAccount {
    /// The child account with this euuid.
    pub fn new(euuid: impl Into<String>) -> Self {
        Self {
            euuid: euuid.into(),
        }
    }
}

impl Operation for GetChildAccount {
    const META: Metadata = Metadata {
        id: "get-child-account",
        name: "account::GetChildAccount",
        summary: "Get a child account",
        path: "/account/child-accounts/{euuid}",
        scopes: &[Scope::ChildAccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = ChildAccount;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.euuid)
    }
}

/// Creates a token for the proxy user of a child account, valid 15 minutes, so that your
/// user can work in the child account. The answer is the only place the full token appears;
/// it is a [`linode_models::Secret`], hidden from `Debug`.
///
/// Not idempotent: each call mints a new token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateProxyToken {
    /// The child account's euuid.
    pub euuid: String,
}

impl CreateProxyToken {
    /// A proxy user token for the child account with this euuid.
    pub fn new(euuid: impl Into<String>) -> Self {
        Self {
            euuid: euuid.into(),
        }
    }
}

impl Operation for CreateProxyToken {
    const META: Metadata = Metadata {
        id: "post-child-account-token",
        name: "account::CreateProxyToken",
        summary: "Create a proxy user token",
        path: "/account/child-accounts/{euuid}/token",
        scopes: &[Scope::ChildAccountReadWrite],
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = ProxyUserToken;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.euuid)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListChildAccounts { pagination, filter }
    GetChildAccount { euuid }
    CreateProxyToken { euuid }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use linode_models::account::ChildAccountBillingSource;

    const EUUID: &str = "9B2E41C7-0D3A-4F85-A6E1-57C8D20F3B94";
    const CHILD: &str = r#"{
        "euuid": "9B2E41C7-0D3A-4F85-A6E1-57C8D20F3B94",
        "company": "Harbor Freightways",
        "email": "ops@harbor-freightways.example",
        "first_name": "Marta",
        "last_name": "Okonkwo",
        "phone": "+1 503 555 0142",
        "address_1": "1800 NW Front Ave",
        "address_2": "Dock 4",
        "city": "Portland",
        "state": "OR",
        "zip": "97209",
        "country": "US",
        "tax_id": "",
        "balance": 0,
        "balance_uninvoiced": 38.62,
        "billing_source": "external",
        "capabilities": ["Linodes", "Cloud Firewall", "Object Storage"],
        "credit_card": {"last_four": "", "expiry": ""},
        "active_since": "2023-08-21T15:44:03"
    }"#;
    const PROXY_TOKEN_VALUE: &str =
        "4f1c9a7e03b2d58e6a0f7c1b9d24e3a8c5b70f61d2e9a4c3b8f07e5d1a6c2b94";

    #[test]
    fn list_builds_with_pagination_and_filter() {
        let op = ListChildAccounts {
            pagination: Pagination::new().page(4).page_size(500),
            filter: Some(Filter::contains(ChildAccountField::Company, "Harbor")),
        };
        let req = build(&op);
        assert_request(
            &req,
            "GET",
            "/v4/account/child-accounts?page=4&page_size=500",
            None,
        );
        assert_eq!(
            header(&req, "x-filter"),
            Some(r#"{"company":{"+contains":"Harbor"}}"#)
        );
        assert_eq!(
            ListChildAccounts::META.scopes,
            &[Scope::ChildAccountReadOnly]
        );
    }

    #[test]
    fn list_parses_a_page() {
        let page = parse_ok::<ListChildAccounts>(
            200,
            &format!(r#"{{"data": [{CHILD}], "page": 1, "pages": 1, "results": 1}}"#),
        );
        let child = &page.data[0];
        assert_eq!(child.euuid, EUUID);
        assert_eq!(child.billing_source, ChildAccountBillingSource::External);
        assert_eq!(child.balance_uninvoiced.amount().to_string(), "38.62");
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetChildAccount::new(EUUID));
        assert_request(
            &req,
            "GET",
            &format!("/v4/account/child-accounts/{EUUID}"),
            None,
        );
        let child = parse_ok::<GetChildAccount>(200, CHILD);
        assert_eq!(child.city, "Portland");
        assert_eq!(child.active_since.to_string(), "2023-08-21T15:44:03");
    }

    #[test]
    fn an_unknown_billing_source_is_kept() {
        let body = CHILD.replace(r#""external""#, r#""reseller""#);
        let child = parse_ok::<GetChildAccount>(200, &body);
        assert_eq!(
            child.billing_source,
            ChildAccountBillingSource::Unknown("reseller".into())
        );
    }

    #[test]
    fn a_euuid_cannot_escape_its_segment() {
        let req = build(&CreateProxyToken::new("../../profile/tokens#"));
        assert_request(
            &req,
            "POST",
            "/v4/account/child-accounts/..%2F..%2Fprofile%2Ftokens%23/token",
            None,
        );
    }

    #[test]
    fn create_token_posts_without_a_body_and_is_not_idempotent() {
        let req = build(&CreateProxyToken::new(EUUID));
        assert_request(
            &req,
            "POST",
            &format!("/v4/account/child-accounts/{EUUID}/token"),
            None,
        );
        const { assert!(!CreateProxyToken::META.idempotent) };
        assert_eq!(
            CreateProxyToken::META.scopes,
            &[Scope::ChildAccountReadWrite]
        );
    }

    #[test]
    fn the_proxy_token_is_parsed_but_never_shown_in_debug() {
        let body = format!(
            r#"{{"id": 30417, "label": "parentops_8812_2024-10-02T11:20:00", "scopes": "*",
                "token": "{PROXY_TOKEN_VALUE}", "created": "2024-10-02T11:20:00",
                "expiry": "2024-10-02T11:35:00"}}"#
        );
        let answer = CreateProxyToken::from_http_response(response(200, &body))
            .unwrap_or_else(|e| panic!("{e}"));
        let token = &answer.value;
        assert_eq!(token.token.expose(), PROXY_TOKEN_VALUE);
        assert!(token.scopes.is_all());
        assert_eq!(token.expiry.to_string(), "2024-10-02T11:35:00");
        for shown in [format!("{token:?}"), format!("{answer:?}")] {
            assert!(!shown.contains(PROXY_TOKEN_VALUE), "{shown}");
            assert!(!shown.contains("4f1c9a7e03b2"), "{shown}");
            assert!(shown.contains("redacted"), "{shown}");
        }
        // The token still goes back out in JSON (a caller may store it).
        let back = serde_json::to_value(token).unwrap_or_default();
        assert_eq!(back["token"], PROXY_TOKEN_VALUE);
    }

    #[test]
    fn a_child_token_without_the_child_scope_is_refused() {
        let err = parse_err::<CreateProxyToken>(
            403,
            r#"{"errors": [{"reason": "Your OAuth token is not authorized to use this endpoint."}]}"#,
        );
        assert_eq!(err.status.as_u16(), 403);
        assert_eq!(err.required_scopes, &[Scope::ChildAccountReadWrite]);
    }

    #[test]
    fn a_missing_child_account_is_a_404() {
        let err = parse_err::<GetChildAccount>(404, r#"{"errors": [{"reason": "Not found"}]}"#);
        assert_eq!(err.errors[0].reason, "Not found");
    }
}
