//! Payments: list, view, make; PayPal (deprecated).
//!
//! # Money
//!
//! Amounts are exact decimals, never binary floats (`f64` cannot hold `0.10`, and a payment
//! must be for exactly what was asked):
//!
//! - [`Money`](linode_models::Money) for amounts the API writes as JSON numbers (invoice
//!   totals, taxes);
//! - [`MoneyString`] for amounts written as JSON strings, as a payment's `usd` is sent
//!   (`"120.50"`; parsing accepts a leading `$`, and [`CreatePayment`] always sends two
//!   decimals, refusing rather than rounding a third one);
//! - [`Amount`](linode_models::account::Amount) where the spec allows either form (a
//!   payment's `usd` in responses): it keeps the exact value and the form it came in.
//!
//! # Never twice
//!
//! [`CreatePayment`] is not idempotent: sending it twice charges twice. Its metadata says so,
//! and the clients' retry policy never re-sends it after a failure that may have reached the
//! API. Any 2xx answer (200, or 202 "accepted with warnings") means the payment was taken,
//! even if the body then fails to decode: check [`crate::Error::status`] before acting on an
//! error, and list the payments rather than paying again.

use bytes::Bytes;
use linode_models::account::{
    PayPalPaymentCreate, PayPalPaymentExecute, PayPalPaymentStaged, Payment, PaymentCreate,
};
use linode_models::{Empty, MoneyString, Page};

use crate::operation_info::OperationInfo;
use crate::{
    json_body, BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter,
    RequestBodyKind, Scope,
};

#[allow(deprecated)]
pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListPayments>(),
    OperationInfo::json::<GetPayment>(),
    OperationInfo::json::<CreatePayment>(),
    OperationInfo::json::<StagePayPalPayment>(),
    OperationInfo::json::<ExecutePayPalPayment>(),
];

/// Lists the payments made to the account, a page at a time. The API documents no filterable
/// field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListPayments {
    /// Which page, and its size.
    pub pagination: Pagination,
}

impl Operation for ListPayments {
    const META: Metadata = Metadata {
        id: "get-payments",
        name: "account::ListPayments",
        summary: "List payments",
        path: "/account/payments",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<Payment>;

    fn write_query(&self, query: &mut QueryWriter<'_>) -> Result<(), BuildError> {
        self.pagination.write_query(query)
    }
}

list_operation!(ListPayments);

/// Views one payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetPayment {
    /// The payment's id.
    pub payment_id: u64,
}

impl Operation for GetPayment {
    const META: Metadata = Metadata {
        id: "get-payment",
        name: "account::GetPayment",
        summary: "Get a payment",
        path: "/account/payments/{payment_id}",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Payment;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.payment_id)
    }
}

/// Makes a payment: charges `usd` to a payment method (the default one unless given).
///
/// **Not idempotent: each request charges again.** Its metadata says so, and the clients'
/// retry policy never re-sends it after a failure that may have reached the API. Any 2xx
/// answer means the payment was taken, even if its body then fails to decode
/// ([`Error::Decode`](crate::Error::Decode) carries the status): list the payments rather
/// than paying again. After a `5xx` or a dropped connection the payment may have gone through
/// too: the error says so ([`Error::may_have_been_applied`](crate::Error::may_have_been_applied)
/// is `Maybe`), and its advice is to list payments ([`ListPayments`]) before paying again.
///
/// The API answers 200 with the payment, or 202 with the payment plus warnings (read them
/// from [`ApiResponse::warnings`](crate::ApiResponse::warnings)).
///
/// The amount is an exact [`MoneyString`] (parse it from text such as `"$120.50"`; never
/// from a float) and is sent as a string with exactly two decimals (`"120.50"`). An amount
/// with a non-zero third decimal fails to build rather than being rounded.
///
/// ```
/// use linode_requests::{account::CreatePayment, Operation, RequestConfig};
/// let op = CreatePayment::new("$120.50".parse()?).with_payment_method(4411);
/// let request = op.to_http_request(&RequestConfig::new().with_token("t0ken")?)?;
/// assert_eq!(request.body().as_ref(), br#"{"payment_method_id":4411,"usd":"120.50"}"#);
/// assert!(!CreatePayment::META.idempotent);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatePayment {
    /// The payment.
    pub body: PaymentCreate,
}

impl CreatePayment {
    /// Pays `usd` with the account's default payment method.
    pub fn new(usd: MoneyString) -> Self {
        Self {
            body: PaymentCreate {
                payment_method_id: None,
                usd,
            },
        }
    }

    /// Charges the payment method `payment_method_id` instead of the default one.
    #[must_use]
    pub fn with_payment_method(mut self, payment_method_id: u64) -> Self {
        self.body.payment_method_id = Some(payment_method_id);
        self
    }
}

impl Operation for CreatePayment {
    const META: Metadata = Metadata {
        id: "post-payment",
        name: "account::CreatePayment",
        summary: "Make a payment",
        path: "/account/payments",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        // WRITE: not idempotent. A payment must never be sent twice.
        check_before_retry: Some(
            "the payment may have gone through: list payments (ListPayments) before paying again",
        ),
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = Payment;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        crate::validation::validated_json_body(&self.body)
    }
}

/// Stages a PayPal payment, to be approved at PayPal and then executed.
///
/// Deprecated and disabled by the API: add PayPal as a payment method in Cloud Manager and
/// pay with [`CreatePayment`]. A `299` answer is a success carrying warnings
/// ([`ApiResponse::warnings`](crate::ApiResponse::warnings)). Not idempotent.
#[deprecated(
    note = "the API has disabled PayPal payments: add PayPal as a payment method in Cloud Manager and use CreatePayment (post-payment)"
)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagePayPalPayment {
    /// The amount and the URLs PayPal returns the payer to.
    pub body: PayPalPaymentCreate,
}

#[allow(deprecated)]
impl Operation for StagePayPalPayment {
    const META: Metadata = Metadata {
        id: "post-pay-pal-payment",
        name: "account::StagePayPalPayment",
        summary: "Stage a PayPal payment",
        path: "/account/payments/paypal",
        scopes: &[Scope::AccountReadWrite],
        deprecated: Some(
            "disabled by the API: add PayPal as a payment method in Cloud Manager and use post-payment (CreatePayment)",
        ),
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = PayPalPaymentStaged;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        crate::validation::validated_json_body(&self.body)
    }
}

/// Executes a staged PayPal payment once the payer approved it, crediting the account.
///
/// Deprecated and disabled by the API: add PayPal as a payment method in Cloud Manager and
/// pay with [`CreatePayment`]. Answers `{}`; `202` and `299` are successes carrying warnings
/// ([`ApiResponse::warnings`](crate::ApiResponse::warnings)). Not idempotent.
#[deprecated(
    note = "the API has disabled PayPal payments: add PayPal as a payment method in Cloud Manager and use CreatePayment (post-payment)"
)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecutePayPalPayment {
    /// The PayPal payment and payer ids.
    pub body: PayPalPaymentExecute,
}

#[allow(deprecated)]
impl Operation for ExecutePayPalPayment {
    const META: Metadata = Metadata {
        id: "post-execute-pay-pal-payment",
        name: "account::ExecutePayPalPayment",
        summary: "Execute a PayPal payment",
        path: "/account/payments/paypal/execute",
        scopes: &[Scope::AccountReadWrite],
        deprecated: Some(
            "disabled by the API: add PayPal as a payment method in Cloud Manager and use post-payment (CreatePayment)",
        ),
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = Empty;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        json_body(&self.body)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListPayments { pagination }
    GetPayment { payment_id }
    CreatePayment { body }
    StagePayPalPayment { body }
    ExecutePayPalPayment { body }
}

#[cfg(test)]
#[allow(deprecated)]
mod tests {
    use super::*;
    use crate::testing::*;
    use linode_models::account::Amount;

    const PAYMENT: &str = r#"{"id": 770231, "date": "2025-04-03T17:45:09", "usd": "5.10"}"#;

    #[test]
    fn list_builds_with_pagination_and_parses_exact_amounts() {
        let op = ListPayments {
            pagination: Pagination::new().page(2).page_size(100),
        };
        let req = build(&op);
        assert_request(
            &req,
            "GET",
            "/v4/account/payments?page=2&page_size=100",
            None,
        );
        assert_eq!(header(&req, "x-filter"), None);
        let page = parse_ok::<ListPayments>(
            200,
            &format!(
                r#"{{"data": [{PAYMENT}, {{"id": 770198, "date": "2025-03-02T09:00:00", "usd": 132.5}}],
                     "page": 2, "pages": 2, "results": 102}}"#
            ),
        );
        assert!(!page.has_next());
        assert_eq!(page.data[0].usd.amount().to_string(), "5.10");
        assert_eq!(page.data[1].usd.amount().to_string(), "132.5");
        assert!(matches!(page.data[1].usd, Amount::Number(_)));
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetPayment { payment_id: 770231 });
        assert_request(&req, "GET", "/v4/account/payments/770231", None);
        let payment = parse_ok::<GetPayment>(200, PAYMENT);
        assert_eq!(payment.id, 770231);
        assert_eq!(payment.usd, Amount::Text("5.10".parse().unwrap()));
        assert_eq!(payment.date.to_string(), "2025-04-03T17:45:09");
    }

    #[test]
    fn create_sends_the_amount_as_an_exact_string() {
        let req = build(&CreatePayment::new("$5.10".parse().unwrap()));
        assert_request(
            &req,
            "POST",
            "/v4/account/payments",
            Some(r#"{"usd":"5.10"}"#),
        );
        let req = build(&CreatePayment::new("250".parse().unwrap()).with_payment_method(4411));
        assert_request(
            &req,
            "POST",
            "/v4/account/payments",
            Some(r#"{"payment_method_id":4411,"usd":"250.00"}"#),
        );
        assert_eq!(parse_ok::<CreatePayment>(200, PAYMENT).id, 770231);
    }

    #[test]
    fn create_refuses_fractions_of_a_cent_instead_of_rounding() {
        let op = CreatePayment::new("19.999".parse().unwrap());
        match op.to_http_request(&config()) {
            Err(crate::Error::Build {
                source: BuildError::InvalidValue { field, problem },
                ..
            }) => assert!(
                field == "usd" && problem.contains("two decimals"),
                "{problem}"
            ),
            other => panic!("expected an invalid value, got {other:?}"),
        }
    }

    #[test]
    fn create_is_not_idempotent() {
        let meta = CreatePayment::META;
        assert!(!meta.idempotent);
        assert_eq!(meta.deprecated, None);
        assert_eq!(meta.scopes, &[Scope::AccountReadWrite]);
    }

    #[test]
    fn create_reads_the_warnings_of_a_202() {
        let body = r#"{"id": 770232, "date": "2025-04-03T17:46:00", "usd": "120.50",
            "warnings": [{"title": "Payment accepted for review",
                          "details": "Your payment will be applied once the review completes."}]}"#;
        let answer = CreatePayment::from_http_response(response(202, body)).unwrap();
        assert_eq!(answer.status.as_u16(), 202);
        assert_eq!(answer.value.usd.amount().to_string(), "120.50");
        assert_eq!(answer.warnings.len(), 1);
        assert_eq!(answer.warnings[0].title, "Payment accepted for review");
        // A plain 200 carries no warnings.
        let answer = CreatePayment::from_http_response(response(200, PAYMENT)).unwrap();
        assert!(answer.warnings.is_empty());
    }

    #[test]
    fn create_reports_a_refused_amount_with_its_field() {
        let err = parse_err::<CreatePayment>(
            400,
            r#"{"errors": [{"field": "usd", "reason": "Payments must be at least $5.00."}]}"#,
        );
        assert_eq!(err.status.as_u16(), 400);
        assert_eq!(err.errors[0].field.as_deref(), Some("usd"));
    }

    fn stage() -> StagePayPalPayment {
        StagePayPalPayment {
            body: PayPalPaymentCreate {
                cancel_url: "https://billing.example.net/paypal/cancel".into(),
                redirect_url: "https://billing.example.net/paypal/done".into(),
                usd: "75.00".parse().unwrap(),
            },
        }
    }

    #[test]
    fn stage_paypal_builds_and_is_deprecated() {
        let req = build(&stage());
        assert_request(
            &req,
            "POST",
            "/v4/account/payments/paypal",
            Some(
                r#"{"cancel_url":"https://billing.example.net/paypal/cancel",
                    "redirect_url":"https://billing.example.net/paypal/done","usd":"75.00"}"#,
            ),
        );
        assert!(StagePayPalPayment::META.deprecated.is_some());
        const { assert!(!StagePayPalPayment::META.idempotent) };
        let staged = parse_ok::<StagePayPalPayment>(
            200,
            r#"{"checkout_token": "EC-7XK21934LM5580311", "payment_id": "PAYID-MZ3Q7RA0041"}"#,
        );
        assert_eq!(staged.payment_id, "PAYID-MZ3Q7RA0041");
    }

    #[test]
    fn stage_paypal_299_is_a_success_with_readable_warnings() {
        let body = r#"{"checkout_token": "EC-7XK21934LM5580311", "payment_id": "PAYID-MZ3Q7RA0041",
            "warnings": [{"title": "Deprecated endpoint",
                          "details": "PayPal payments are deprecated; add PayPal as a payment method."}]}"#;
        let answer = StagePayPalPayment::from_http_response(response(299, body)).unwrap();
        assert_eq!(answer.status.as_u16(), 299);
        assert_eq!(answer.value.checkout_token.expose(), "EC-7XK21934LM5580311");
        assert_eq!(answer.warnings.len(), 1);
        assert_eq!(answer.warnings[0].title, "Deprecated endpoint");
        assert!(answer.warnings[0].details.contains("payment method"));
    }

    #[test]
    fn execute_paypal_builds_and_parses_200_202_and_299() {
        let op = ExecutePayPalPayment {
            body: PayPalPaymentExecute {
                payer_id: "JQ4TZ8WPL2K6A".into(),
                payment_id: "PAYID-MZ3Q7RA0041".into(),
            },
        };
        assert_request(
            &build(&op),
            "POST",
            "/v4/account/payments/paypal/execute",
            Some(r#"{"payer_id":"JQ4TZ8WPL2K6A","payment_id":"PAYID-MZ3Q7RA0041"}"#),
        );
        assert!(ExecutePayPalPayment::META.deprecated.is_some());
        assert_eq!(
            parse_ok::<ExecutePayPalPayment>(200, "{}"),
            Empty::default()
        );
        let warned = r#"{"warnings": [{"title": "Deprecated endpoint", "details": "Use payment methods."}]}"#;
        for status in [202, 299] {
            let answer =
                ExecutePayPalPayment::from_http_response(response(status, warned)).unwrap();
            assert_eq!(answer.warnings.len(), 1, "status {status}");
            assert_eq!(answer.warnings[0].details, "Use payment methods.");
        }
    }

    #[test]
    fn disabled_paypal_is_an_api_error() {
        let err = parse_err::<StagePayPalPayment>(
            400,
            r#"{"errors": [{"reason": "PayPal payments are no longer accepted."}]}"#,
        );
        assert_eq!(err.status.as_u16(), 400);
        assert!(err.errors[0].field.is_none());
    }
}

#[cfg(test)]
mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any amount either goes out exactly, as a string with two decimals, or (when it has
        /// fractions of a cent) fails to build: never rounded, never a panic.
        #[test]
        fn a_payment_amount_is_sent_exactly_or_refused(
            whole in 0u64..10_000_000,
            fraction in "[0-9]{0,6}",
            method in proptest::option::of(any::<u64>()),
        ) {
            let text = if fraction.is_empty() {
                whole.to_string()
            } else {
                format!("{whole}.{fraction}")
            };
            let usd: MoneyString = text
                .parse()
                .map_err(|e| TestCaseError::fail(format!("{e}")))?;
            let mut op = CreatePayment::new(usd);
            op.body.payment_method_id = method;
            let cents_only = fraction.trim_end_matches('0').len() <= 2;
            match op.to_http_request(&crate::testing::config()) {
                Ok(req) => {
                    prop_assert!(cents_only, "{text} was not refused");
                    let body: serde_json::Value = serde_json::from_slice(req.body())
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    let sent = body["usd"].as_str().unwrap_or_default();
                    let (_, decimals) = sent.split_once('.').unwrap_or_default();
                    prop_assert_eq!(decimals.len(), 2, "{}", sent);
                    let back: MoneyString = sent
                        .parse()
                        .map_err(|e| TestCaseError::fail(format!("{e}")))?;
                    prop_assert_eq!(back.amount(), usd.amount());
                    prop_assert_eq!(body.get("payment_method_id").and_then(|v| v.as_u64()), method);
                }
                Err(e) => {
                    prop_assert!(!cents_only, "{text} refused: {e}");
                    let is_build_error = matches!(e, crate::Error::Build { .. });
                    prop_assert!(is_build_error);
                }
            }
        }
    }
}
