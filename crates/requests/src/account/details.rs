//! The account itself: view, update, cancel; network transfer.

use bytes::Bytes;
use linode_models::account::{
    Account, AccountCancel, AccountCancellation, AccountUpdate, NetworkTransfer,
};

use crate::operation_info::OperationInfo;
use crate::{json_body, ApiError, BuildError, Metadata, Operation, RequestBodyKind, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<GetAccount>(),
    OperationInfo::json::<UpdateAccount>(),
    OperationInfo::json::<CancelAccount>(),
    OperationInfo::json::<GetNetworkTransfer>(),
];

/// Views your account: contact and billing details, balance, active promotions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GetAccount;

impl Operation for GetAccount {
    const META: Metadata = Metadata {
        id: "get-account",
        name: "account::GetAccount",
        summary: "Get your account",
        path: "/account",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Account;
}

/// Changes your account's contact and billing details. Fields left `None` in the body are
/// not sent and stay as they are.
///
/// Child account users cannot do this, and a parent account's `company` cannot change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateAccount {
    /// The fields to change.
    pub body: AccountUpdate,
}

impl UpdateAccount {
    /// Sends `body`.
    pub fn new(body: AccountUpdate) -> Self {
        Self { body }
    }
}

impl Operation for UpdateAccount {
    const META: Metadata = Metadata {
        id: "put-account",
        name: "account::UpdateAccount",
        summary: "Update your account",
        path: "/account",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::IDEMPOTENT_PUT
    };
    type Output = Account;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        json_body(&self.body)
    }
}

/// Cancels your account. Not idempotent, and not reversible.
///
/// Linode first charges the card on file for the remaining balance; when that charge fails
/// the API answers **409** (`{"errors": [{"reason": "..."}]}`, no `field`) and the account
/// stays open: see [`CancelAccount::is_unpaid_balance`]. Only unrestricted users can cancel;
/// a parent account with an active child account cannot be canceled.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CancelAccount {
    /// Your comments on leaving (optional).
    pub body: AccountCancel,
}

impl CancelAccount {
    /// Cancels with a comment for Linode.
    pub fn with_comments(comments: impl Into<String>) -> Self {
        Self {
            body: AccountCancel {
                comments: Some(comments.into()),
            },
        }
    }

    /// Whether `error` is the 409 the API answers when the remaining balance could not be
    /// charged: pay the balance (or update the payment method), then cancel again.
    pub fn is_unpaid_balance(error: &ApiError) -> bool {
        error.status == http::StatusCode::CONFLICT
    }
}

impl Operation for CancelAccount {
    const META: Metadata = Metadata {
        id: "post-cancel-account",
        name: "account::CancelAccount",
        summary: "Cancel your account",
        path: "/account/cancel",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = AccountCancellation;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        json_body(&self.body)
    }
}

/// Views the account's network transfer (in GB) for the current month: the global pool and
/// the regions that have their own quota.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GetNetworkTransfer;

impl Operation for GetNetworkTransfer {
    const META: Metadata = Metadata {
        id: "get-transfer",
        name: "account::GetNetworkTransfer",
        summary: "Get network usage",
        path: "/account/transfer",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = NetworkTransfer;
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    GetAccount {}
    UpdateAccount { body }
    CancelAccount { body }
    GetNetworkTransfer {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use linode_models::account::{BillingSource, PromotionServiceType};

    const ACCOUNT: &str = r#"{
        "active_promotions": [{
            "credit_monthly_cap": "10.00",
            "credit_remaining": "37.50",
            "description": "Twenty dollars a month off compute for three months.",
            "expire_dt": "2025-03-31T23:59:59",
            "image_url": "https://static.example.net/promo/spring.svg",
            "service_type": "linode",
            "summary": "$20 off Linodes monthly",
            "this_month_credit_remaining": "2.25"
        }],
        "active_since": "2021-06-14T09:30:12",
        "address_1": "42 Harbour Road",
        "address_2": "",
        "balance": 145.5,
        "balance_uninvoiced": 12.07,
        "billing_source": "linode",
        "capabilities": ["Linodes", "NodeBalancers", "Block Storage", "Object Storage"],
        "city": "Galway",
        "company": "Corrib Analytics",
        "country": "IE",
        "credit_card": {"expiry": "08/2027", "last_four": "0451"},
        "email": "billing@corrib.example",
        "euuid": "7D3C3A1E-2B4F-4C6A-9E0D5A8B1C2D3E4F",
        "first_name": "Niamh",
        "last_name": "Keane",
        "phone": "+353-91-555-0142",
        "state": "Galway",
        "tax_id": "IE6388047V",
        "zip": "H91-E2K3"
    }"#;

    #[test]
    fn get_builds_and_parses_with_exact_money() {
        let req = build(&GetAccount);
        assert_request(&req, "GET", "/v4/account", None);

        let account = parse_ok::<GetAccount>(200, ACCOUNT);
        assert_eq!(account.balance.amount().to_string(), "145.5");
        assert_eq!(account.balance_uninvoiced.amount().to_string(), "12.07");
        assert_eq!(account.billing_source, BillingSource::Linode);
        assert_eq!(
            account
                .credit_card
                .as_ref()
                .and_then(|c| c.last_four.as_deref()),
            Some("0451")
        );
        let promo = &account.active_promotions[0];
        assert_eq!(promo.service_type, PromotionServiceType::Linode);
        assert_eq!(promo.credit_monthly_cap.amount().to_string(), "10.00");

        // The amounts are written back exactly as they came: numbers stay numbers, strings
        // keep their scale.
        let json = serde_json::to_value(&account).unwrap();
        assert_eq!(json["balance"].to_string(), "145.5");
        assert_eq!(json["balance_uninvoiced"].to_string(), "12.07");
        assert_eq!(
            json["active_promotions"][0]["credit_monthly_cap"],
            serde_json::json!("10.00")
        );
        assert_eq!(
            json["active_promotions"][0]["this_month_credit_remaining"],
            serde_json::json!("2.25")
        );
        let original: serde_json::Value = serde_json::from_str(ACCOUNT).unwrap();
        assert_eq!(json, original);
    }

    #[test]
    fn get_accepts_a_card_less_account_and_unknown_enum_values() {
        let body = ACCOUNT
            .replace(
                r#"{"expiry": "08/2027", "last_four": "0451"}"#,
                r#"{"expiry": null, "last_four": null}"#,
            )
            .replace(
                r#""billing_source": "linode""#,
                r#""billing_source": "reseller""#,
            )
            .replace(r#""service_type": "linode""#, r#""service_type": "gpu""#);
        let account = parse_ok::<GetAccount>(200, &body);
        let card = account.credit_card.as_ref().unwrap();
        assert_eq!(card.last_four, None);
        assert_eq!(card.expiry, None);
        assert_eq!(account.billing_source.as_str(), "reseller");
        assert_eq!(
            account.active_promotions[0].service_type,
            PromotionServiceType::Unknown("gpu".into())
        );
    }

    #[test]
    fn a_numeric_last_four_is_read_as_text() {
        let body = ACCOUNT.replace(r#""last_four": "0451""#, r#""last_four": 7310"#);
        let account = parse_ok::<GetAccount>(200, &body);
        assert_eq!(
            account.credit_card.and_then(|c| c.last_four).as_deref(),
            Some("7310")
        );
    }

    #[test]
    fn update_sends_only_the_fields_set() {
        let req = build(&UpdateAccount::default());
        assert_request(&req, "PUT", "/v4/account", Some("{}"));

        let req = build(&UpdateAccount::new(AccountUpdate {
            email: Some("accounts@corrib.example".into()),
            address_2: Some(String::new()),
            ..AccountUpdate::default()
        }));
        assert_request(
            &req,
            "PUT",
            "/v4/account",
            Some(r#"{"email":"accounts@corrib.example","address_2":""}"#),
        );
        const { assert!(UpdateAccount::META.idempotent) };
        assert_eq!(parse_ok::<UpdateAccount>(200, ACCOUNT).city, "Galway");
    }

    #[test]
    fn update_reports_field_errors() {
        let err = parse_err::<UpdateAccount>(
            400,
            r#"{"errors": [{"field": "zip", "reason": "zip must be a valid US zip code"}]}"#,
        );
        assert_eq!(err.status.as_u16(), 400);
        assert!(err.has_field_error("zip"));
    }

    #[test]
    fn cancel_sends_comments_and_is_not_idempotent() {
        let req = build(&CancelAccount::with_comments("Moving everything in-house."));
        assert_request(
            &req,
            "POST",
            "/v4/account/cancel",
            Some(r#"{"comments":"Moving everything in-house."}"#),
        );
        const { assert!(!CancelAccount::META.idempotent) };
        let req = build(&CancelAccount::default());
        assert_request(&req, "POST", "/v4/account/cancel", Some("{}"));

        let done = parse_ok::<CancelAccount>(
            200,
            r#"{"survey_link": "https://survey.example.net/exit/81c2"}"#,
        );
        assert_eq!(done.survey_link, "https://survey.example.net/exit/81c2");
    }

    #[test]
    fn cancel_409_is_an_unpaid_balance() {
        let err = parse_err::<CancelAccount>(
            409,
            r#"{"errors": [{"reason": "We could not charge the card on file for the remaining balance. Settle it before canceling."}]}"#,
        );
        assert_eq!(err.status.as_u16(), 409);
        assert!(CancelAccount::is_unpaid_balance(&err));
        assert_eq!(err.errors.len(), 1);
        assert_eq!(err.errors[0].field, None);
        assert!(err.errors[0].reason.starts_with("We could not charge"));
        assert_eq!(err.operation, "account::CancelAccount");

        let forbidden =
            parse_err::<CancelAccount>(403, r#"{"errors": [{"reason": "Unauthorized"}]}"#);
        assert!(!CancelAccount::is_unpaid_balance(&forbidden));
    }

    #[test]
    fn transfer_builds_and_parses() {
        let req = build(&GetNetworkTransfer);
        assert_request(&req, "GET", "/v4/account/transfer", None);
        let transfer = parse_ok::<GetNetworkTransfer>(
            200,
            r#"{"billable": 3, "quota": 6120, "used": 6123,
                "region_transfers": [{"billable": 0, "id": "id-cgk", "quota": 1500, "used": 87}]}"#,
        );
        assert_eq!(transfer.billable, 3);
        assert_eq!(transfer.used, 6123);
        assert_eq!(transfer.region_transfers[0].id, "id-cgk");
        assert_eq!(transfer.region_transfers[0].quota, 1500);
    }
}
