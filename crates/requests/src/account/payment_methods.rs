//! Payment methods: list, view, add, delete, make default; credit card (deprecated).
//!
//! Card numbers, CVVs and expiry dates in the request bodies are redacted from `Debug`
//! ([`linode_models::Secret`] and [`CreditCardCreate`]'s own `Debug`), so logging an
//! operation never logs card data.

use bytes::Bytes;
use linode_models::account::{CreditCardCreate, PaymentMethod, PaymentMethodCreate};
use linode_models::{Empty, Page};

use crate::operation_info::OperationInfo;
use crate::{
    BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter, RequestBodyKind, Scope,
};

#[allow(deprecated)]
pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListPaymentMethods>(),
    OperationInfo::json::<AddPaymentMethod>(),
    OperationInfo::json::<GetPaymentMethod>(),
    OperationInfo::json::<DeletePaymentMethod>(),
    OperationInfo::json::<SetDefaultPaymentMethod>(),
    OperationInfo::json::<AddCreditCard>(),
];

/// Lists the account's payment methods, a page at a time. The API documents no filterable
/// field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListPaymentMethods {
    /// Which page, and its size.
    pub pagination: Pagination,
}

impl Operation for ListPaymentMethods {
    const META: Metadata = Metadata {
        id: "get-payment-methods",
        name: "account::ListPaymentMethods",
        summary: "List payment methods",
        path: "/account/payment-methods",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<PaymentMethod>;

    fn write_query(&self, query: &mut QueryWriter<'_>) -> Result<(), BuildError> {
        self.pagination.write_query(query)
    }
}

list_operation!(ListPaymentMethods);

/// Adds a credit card as a payment method, optionally making it the default (which takes
/// default status from any other method). An account holds at most 6 active methods.
///
/// Not idempotent: sending it twice adds the card twice. Its `Debug` shows no card data.
///
/// ```
/// use linode_requests::account::AddPaymentMethod;
/// use linode_requests::models::account::CreditCardCreate;
/// let op = AddPaymentMethod::credit_card(CreditCardCreate::new("4000001234567899", "321", 8, 2030), true);
/// assert!(!format!("{op:?}").contains("4000001234567899"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddPaymentMethod {
    /// The method to add.
    pub body: PaymentMethodCreate,
}

impl AddPaymentMethod {
    /// Adds `card`, as the default method if `is_default`.
    pub fn credit_card(card: CreditCardCreate, is_default: bool) -> Self {
        Self {
            body: PaymentMethodCreate::credit_card(card, is_default),
        }
    }
}

impl Operation for AddPaymentMethod {
    const META: Metadata = Metadata {
        id: "post-payment-method",
        name: "account::AddPaymentMethod",
        summary: "Add a payment method",
        path: "/account/payment-methods",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = Empty;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        crate::validation::validated_json_body(&self.body)
    }
}

/// Views one payment method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetPaymentMethod {
    /// The payment method's id.
    pub payment_method_id: u64,
}

impl Operation for GetPaymentMethod {
    const META: Metadata = Metadata {
        id: "get-payment-method",
        name: "account::GetPaymentMethod",
        summary: "Get a payment method",
        path: "/account/payment-methods/{payment_method_id}",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = PaymentMethod;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.payment_method_id)
    }
}

/// Deactivates a payment method. The default method cannot be deleted: make another one the
/// default first ([`SetDefaultPaymentMethod`]).
///
/// The spec lists `account:read_only` as its OAuth scope, and that is what its metadata
/// says, surprising as it is for a deletion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeletePaymentMethod {
    /// The payment method's id.
    pub payment_method_id: u64,
}

impl Operation for DeletePaymentMethod {
    const META: Metadata = Metadata {
        id: "delete-payment-method",
        name: "account::DeletePaymentMethod",
        summary: "Delete a payment method",
        path: "/account/payment-methods/{payment_method_id}",
        // As the spec says (read_only for a delete is the spec's, not a typo here).
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_DELETE
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.payment_method_id)
    }
}

/// Makes a payment method the default one for automatic charges, removing default status
/// from any other.
///
/// Marked not idempotent, like every billing change: repeating it would be harmless, but the
/// SDK never re-sends billing operations on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetDefaultPaymentMethod {
    /// The payment method's id.
    pub payment_method_id: u64,
}

impl Operation for SetDefaultPaymentMethod {
    const META: Metadata = Metadata {
        id: "post-make-payment-method-default",
        name: "account::SetDefaultPaymentMethod",
        summary: "Set a default payment method",
        path: "/account/payment-methods/{payment_method_id}/make-default",
        scopes: &[Scope::AccountReadWrite],
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.payment_method_id)
    }
}

/// Adds a credit card and makes it the default payment method.
///
/// Deprecated: use [`AddPaymentMethod`]. Not idempotent. Its `Debug` shows no card data.
#[deprecated(note = "use AddPaymentMethod (post-payment-method) instead")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddCreditCard {
    /// The card.
    pub body: CreditCardCreate,
}

#[allow(deprecated)]
impl Operation for AddCreditCard {
    const META: Metadata = Metadata {
        id: "post-credit-card",
        name: "account::AddCreditCard",
        summary: "Add or edit a credit card",
        path: "/account/credit-card",
        scopes: &[Scope::AccountReadWrite],
        deprecated: Some("use post-payment-method (AddPaymentMethod) instead"),
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = Empty;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        crate::validation::validated_json_body(&self.body)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListPaymentMethods { pagination }
    AddPaymentMethod { body }
    GetPaymentMethod { payment_method_id }
    DeletePaymentMethod { payment_method_id }
    SetDefaultPaymentMethod { payment_method_id }
    AddCreditCard { body }
}

#[cfg(test)]
#[allow(deprecated)]
mod tests {
    use super::*;
    use crate::testing::*;
    use linode_models::account::{PaymentMethodData, PaymentMethodType};

    const CARD_NUMBER: &str = "4000001234567899";
    const CVV: &str = "321";

    const CARD: &str = r#"{"id": 5120, "type": "credit_card", "is_default": true,
        "created": "2024-09-14T12:30:00",
        "data": {"card_type": "Visa", "expiry": "08/2030", "last_four": "7899"}}"#;
    const GOOGLE_PAY: &str = r#"{"id": 5121, "type": "google_pay", "is_default": false,
        "created": "2024-10-01T08:15:42",
        "data": {"card_type": "MasterCard", "expiry": "02/2028", "last_four": "0412"}}"#;
    const PAYPAL: &str = r#"{"id": 5122, "type": "paypal", "is_default": false,
        "created": "2025-01-20T19:03:11",
        "data": {"email": "accounts@example.net", "paypal_id": "M7QW2ZK3PX9"}}"#;

    fn card() -> CreditCardCreate {
        CreditCardCreate::new(CARD_NUMBER, CVV, 8, 2030)
    }

    #[test]
    fn list_builds_and_parses_every_kind_of_method() {
        let op = ListPaymentMethods {
            pagination: Pagination::new().page(1).page_size(25),
        };
        let req = build(&op);
        assert_request(
            &req,
            "GET",
            "/v4/account/payment-methods?page=1&page_size=25",
            None,
        );
        let page = parse_ok::<ListPaymentMethods>(
            200,
            &format!(
                r#"{{"data": [{CARD}, {GOOGLE_PAY}, {PAYPAL}], "page": 1, "pages": 1, "results": 3}}"#
            ),
        );
        let [card, gpay, paypal] = &page.data[..] else {
            panic!("three methods expected: {page:?}");
        };
        assert_eq!(card.method_type, PaymentMethodType::CreditCard);
        assert!(card.is_default);
        assert_eq!(card.card().map(|c| c.last_four.as_str()), Some("7899"));
        assert_eq!(gpay.method_type, PaymentMethodType::GooglePay);
        assert_eq!(
            gpay.card().map(|c| c.card_type.as_str()),
            Some("MasterCard")
        );
        assert_eq!(paypal.method_type, PaymentMethodType::Paypal);
        assert_eq!(
            paypal.paypal().map(|p| p.email.as_str()),
            Some("accounts@example.net")
        );
        assert!(paypal.card().is_none());
    }

    #[test]
    fn add_sends_the_card_and_is_not_idempotent() {
        let req = build(&AddPaymentMethod::credit_card(card(), true));
        assert_request(
            &req,
            "POST",
            "/v4/account/payment-methods",
            Some(
                r#"{"type":"credit_card","is_default":true,
                    "data":{"card_number":"4000001234567899","cvv":"321","expiry_month":8,"expiry_year":2030}}"#,
            ),
        );
        const { assert!(!AddPaymentMethod::META.idempotent) };
        assert_eq!(parse_ok::<AddPaymentMethod>(200, "{}"), Empty::default());
    }

    #[test]
    fn card_adding_requests_never_show_card_data_in_debug() {
        let add = format!("{:?}", AddPaymentMethod::credit_card(card(), false));
        let legacy = format!("{:?}", AddCreditCard { body: card() });
        for debug in [add, legacy] {
            assert!(!debug.contains(CARD_NUMBER), "card number leaked: {debug}");
            assert!(!debug.contains(CVV), "CVV leaked: {debug}");
            assert!(!debug.contains("2030"), "expiry leaked: {debug}");
            assert!(debug.contains("redacted"), "{debug}");
        }
    }

    #[test]
    fn an_invalid_card_is_a_400_naming_the_field() {
        let err = parse_err::<AddPaymentMethod>(
            400,
            r#"{"errors": [{"field": "data.card_number", "reason": "Invalid credit card number"}]}"#,
        );
        assert_eq!(err.errors[0].field.as_deref(), Some("data.card_number"));
        assert_eq!(err.errors[0].reason, "Invalid credit card number");
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetPaymentMethod {
            payment_method_id: 5122,
        });
        assert_request(&req, "GET", "/v4/account/payment-methods/5122", None);
        let method = parse_ok::<GetPaymentMethod>(200, PAYPAL);
        assert!(
            matches!(method.data, PaymentMethodData::PayPal(ref p) if p.paypal_id == "M7QW2ZK3PX9")
        );
        assert_eq!(method.created.to_string(), "2025-01-20T19:03:11");
    }

    #[test]
    fn get_keeps_an_unknown_kind_of_method() {
        let method = parse_ok::<GetPaymentMethod>(
            200,
            r#"{"id": 5130, "type": "bank_debit", "is_default": false, "created": "2025-05-05T05:05:05",
                "data": {"bank": "First Example", "account_last_four": "0033"}}"#,
        );
        assert_eq!(
            method.method_type,
            PaymentMethodType::Unknown("bank_debit".into())
        );
        assert!(matches!(method.data, PaymentMethodData::Other(_)));
    }

    #[test]
    fn delete_builds_and_refusing_the_default_is_a_400() {
        let req = build(&DeletePaymentMethod {
            payment_method_id: 5120,
        });
        assert_request(&req, "DELETE", "/v4/account/payment-methods/5120", None);
        assert_eq!(DeletePaymentMethod::META.scopes, &[Scope::AccountReadOnly]);
        assert_eq!(parse_ok::<DeletePaymentMethod>(200, "{}"), Empty::default());
        let err = parse_err::<DeletePaymentMethod>(
            400,
            r#"{"errors": [{"reason": "You cannot delete your default payment method."}]}"#,
        );
        assert_eq!(err.status.as_u16(), 400);
    }

    #[test]
    fn set_default_posts_without_a_body() {
        let req = build(&SetDefaultPaymentMethod {
            payment_method_id: 5121,
        });
        assert_request(
            &req,
            "POST",
            "/v4/account/payment-methods/5121/make-default",
            None,
        );
        const { assert!(!SetDefaultPaymentMethod::META.idempotent) };
        assert_eq!(
            parse_ok::<SetDefaultPaymentMethod>(200, "{}"),
            Empty::default()
        );
        let err =
            parse_err::<SetDefaultPaymentMethod>(404, r#"{"errors": [{"reason": "Not found"}]}"#);
        assert_eq!(err.status.as_u16(), 404);
    }

    #[test]
    fn add_credit_card_is_deprecated_and_sends_the_card() {
        let req = build(&AddCreditCard { body: card() });
        assert_request(
            &req,
            "POST",
            "/v4/account/credit-card",
            Some(
                r#"{"card_number":"4000001234567899","cvv":"321","expiry_month":8,"expiry_year":2030}"#,
            ),
        );
        let meta = AddCreditCard::META;
        assert!(meta
            .deprecated
            .is_some_and(|d| d.contains("post-payment-method")));
        assert!(!meta.idempotent);
        assert_eq!(parse_ok::<AddCreditCard>(200, "{}"), Empty::default());
        let answer = AddCreditCard::from_http_response(response(
            299,
            r#"{"warnings": [{"title": "Deprecated", "details": "Use payment methods."}]}"#,
        ))
        .unwrap();
        assert_eq!(answer.warnings[0].title, "Deprecated");
    }
}

#[cfg(test)]
#[allow(deprecated)]
mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any card the spec allows (14 to 24 digits, a 3- or 4-digit CVV, a month, a
        /// four-digit year) builds, and its `Debug` never shows the card number or CVV.
        /// (What the spec refuses is refused before sending: `crate::validation`.)
        #[test]
        fn any_card_builds_and_stays_redacted(
            number in "[0-9]{14,24}",
            cvv in "[0-9]{3,4}",
            month in 1u8..=12,
            year in 1000u16..=9999,
            id in any::<u64>(),
        ) {
            let card = CreditCardCreate::new(number.as_str(), cvv.as_str(), month, year);
            let add = AddPaymentMethod::credit_card(card.clone(), true);
            let legacy = AddCreditCard { body: card };
            prop_assert!(add.to_http_request(&crate::testing::config()).is_ok());
            prop_assert!(legacy.to_http_request(&crate::testing::config()).is_ok());
            for debug in [format!("{add:?}"), format!("{legacy:?}")] {
                // No digit at all: neither the number, the CVV nor the expiry shows.
                let has_digit = debug.chars().any(|c| c.is_ascii_digit());
                prop_assert!(!has_digit, "card data in {}", debug);
            }
            let expected = format!("/v4/account/payment-methods/{id}");
            let get = GetPaymentMethod { payment_method_id: id }
                .to_http_request(&crate::testing::config());
            let path = get.map(|r| r.uri().path().to_owned()).unwrap_or_default();
            prop_assert_eq!(path, expected);
        }
    }
}
