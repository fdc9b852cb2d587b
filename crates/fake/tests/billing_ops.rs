//! Each billing operation the fake implements (invoices, payments, payment methods, promo
//! codes, and the deprecated credit card and PayPal operations): the happy path and an
//! error, through the SDK's own operation types. Amounts are compared as exact decimals.

mod support;

use http::{Method, StatusCode};
use linode_fake::{FakeLinode, PROMO_CODE, REDACTED_BODY};
use linode_models::account::{
    CreditCardCreate, PayPalPaymentCreate, PayPalPaymentExecute, PaymentMethodData,
    PaymentMethodType,
};
use linode_models::MoneyString;
use linode_requests::account::*;
use linode_requests::filter::Filter;
use linode_requests::{Order, Pagination};
use rust_decimal::Decimal;
use support::*;

/// An exact amount from its text.
#[allow(clippy::unwrap_used)] // a test helper: a bad literal is a failed test
fn usd(text: &str) -> Decimal {
    text.parse::<MoneyString>().unwrap().amount()
}

/// Card numbers made up for these tests (they pass the Luhn check).
const VISA: &str = "4526018159083012";
const MASTERCARD: &str = "5396030824628190";
const LONG_VISA: &str = "4710497465075291703";

/// A card that expires in the future, whatever year the tests run.
#[allow(clippy::unwrap_used)] // a test helper: a failure is a failed test
fn card(number: &str, cvv: &str) -> CreditCardCreate {
    let year = u16::try_from(time::OffsetDateTime::now_utc().year() + 3).unwrap();
    CreditCardCreate::new(number, cvv, 8, year)
}

#[tokio::test]
async fn invoices_filter_order_and_page_their_items() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let all = ok(url, token, &ListInvoices::default()).await;
    assert_eq!(all.results, 22);
    assert!(all.data.windows(2).all(|w| w[0].date < w[1].date));
    for invoice in &all.data {
        assert_eq!(
            invoice.subtotal.amount() + invoice.tax.amount(),
            invoice.total.amount()
        );
        assert_eq!(invoice.tax_summary[0].tax, invoice.tax);
    }

    let list = |filter| ListInvoices {
        pagination: Pagination::new(),
        filter: Some(filter),
    };
    let akamai = ok(
        url,
        token,
        &list(Filter::eq(InvoiceField::BillingSource, "akamai")),
    )
    .await;
    assert_eq!(akamai.results, 6);
    assert!(akamai
        .data
        .iter()
        .all(|i| i.billing_source.as_ref().map(|b| b.as_str()) == Some("akamai")));
    let since = all.data[20].date;
    let recent = ok(url, token, &list(Filter::gte(InvoiceField::Date, since))).await;
    assert_eq!(recent.results, 2);
    let label = all.data[3].label.clone();
    assert!(label.starts_with("Invoice - "), "{label}");
    let by_label = ok(url, token, &list(Filter::eq(InvoiceField::Label, label))).await;
    assert_eq!(by_label.data, vec![all.data[3].clone()]);
    // The month a render cluster ran is the one invoice over $300.
    let big = ok(url, token, &list(Filter::gt(InvoiceField::Total, 300))).await;
    assert_eq!(big.results, 1);
    let render = big.data[0].clone();
    let largest_first = ok(
        url,
        token,
        &list(
            Filter::eq(InvoiceField::BillingSource, "linode")
                .order_by(InvoiceField::Total, Order::Desc),
        ),
    )
    .await;
    // 16 invoices under Linode terms, less the oldest, which predates `billing_source`.
    assert_eq!(largest_first.results, 15);
    assert_eq!(largest_first.data[0], render);
    assert!(largest_first
        .data
        .windows(2)
        .all(|w| w[0].total >= w[1].total));
    // Only the documented fields filter.
    let raw_filter = send(
        http::Request::builder()
            .uri(format!("{url}/v4/account/invoices"))
            .header("authorization", format!("Bearer {token}"))
            .header("x-filter", r#"{"subtotal": {"+gt": 1}}"#)
            .body(bytes::Bytes::new())
            .unwrap(),
    )
    .await;
    assert_eq!(raw_filter.status, StatusCode::BAD_REQUEST);
    assert_eq!(raw_filter.field().as_deref(), Some("X-Filter"));

    assert_eq!(
        ok(
            url,
            token,
            &GetInvoice {
                invoice_id: render.id
            }
        )
        .await,
        render
    );
    let missing = api_err(url, token, &GetInvoice { invoice_id: 9 }).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    let first = ok(url, token, &ListInvoiceItems::new(render.id)).await;
    assert_eq!(
        (first.results, first.pages, first.data.len()),
        (120, 2, 100)
    );
    let second = ok(
        url,
        token,
        &ListInvoiceItems {
            invoice_id: render.id,
            pagination: Pagination::new().page(2),
        },
    )
    .await;
    assert_eq!(second.data.len(), 20);
    let items: Vec<_> = first.data.iter().chain(&second.data).collect();
    let subtotal: Decimal = items.iter().map(|i| i.amount.amount()).sum();
    assert_eq!(subtotal, render.subtotal.amount());
    for item in &items {
        assert_eq!(
            item.amount.amount(),
            (item.unit_price.amount() * Decimal::from(item.quantity))
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        );
    }
    assert!(items
        .iter()
        .any(|i| i.label.starts_with("Dedicated 16GB - render-")));
    let missing = api_err(url, token, &ListInvoiceItems::new(9)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    fake.stop().await;
}

#[tokio::test]
async fn a_payment_lowers_the_balance_exactly() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let before = ok(url, token, &GetAccount).await.balance.amount();
    assert_eq!(before, Decimal::ZERO);
    let payments = ok(url, token, &ListPayments::default()).await;
    assert_eq!(payments.results, 22);

    let paid = ok(url, token, &CreatePayment::new("$120.50".parse().unwrap())).await;
    assert_eq!(paid.usd.amount(), usd("120.50"));
    assert_eq!(serde_json::to_value(paid.usd).unwrap(), "120.50");
    let methods = ok(url, token, &ListPaymentMethods::default()).await;
    let paypal = methods
        .data
        .iter()
        .find(|m| m.method_type == PaymentMethodType::Paypal)
        .unwrap();
    let more =
        CreatePayment::new("0.10".parse::<MoneyString>().unwrap()).with_payment_method(paypal.id);
    let err = api_err(url, token, &more).await;
    assert!(err.has_field_error("usd"), "below the $5.00 minimum: {err}");
    let more = CreatePayment::new("35.20".parse().unwrap()).with_payment_method(paypal.id);
    ok(url, token, &more).await;
    let after = ok(url, token, &GetAccount).await.balance.amount();
    assert_eq!(after, usd("-155.70"));

    assert_eq!(
        ok(
            url,
            token,
            &GetPayment {
                payment_id: paid.id
            }
        )
        .await,
        paid
    );
    let missing = api_err(url, token, &GetPayment { payment_id: 9 }).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(ok(url, token, &ListPayments::default()).await.results, 24);
    let submitted = ok(
        url,
        token,
        &ListEvents {
            pagination: Pagination::new(),
            filter: Some(Filter::eq(EventField::Action, "payment_submitted")),
        },
    )
    .await;
    assert_eq!(submitted.results, 2);

    let unknown = CreatePayment::new("20.00".parse().unwrap()).with_payment_method(9);
    let err = api_err(url, token, &unknown).await;
    assert!(err.has_field_error("payment_method_id"), "{err}");
    fake.stop().await;
}

#[tokio::test]
async fn payment_amounts_are_refused_unless_exact_positive_dollars() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    for body in [
        r#"{"usd": "120.505"}"#,
        r#"{"usd": "-20.00"}"#,
        r#"{"usd": "0.00"}"#,
        r#"{"usd": "1,200.00"}"#,
        r#"{"usd": "twenty"}"#,
        r#"{"usd": 120.5}"#,
        r#"{"usd": null}"#,
        r#"{"usd": "2000.01"}"#,
        r#"{"payment_method_id": 1}"#,
    ] {
        let answer = send(raw(
            url,
            Method::POST,
            "/v4/account/payments",
            Some(token),
            Some(body),
        ))
        .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(answer.field().as_deref(), Some("usd"), "{body}");
    }
    // Nothing was charged.
    assert_eq!(
        ok(url, token, &GetAccount).await.balance.amount(),
        Decimal::ZERO
    );
    // One decimal, and the $ form, are taken as they are.
    for (body, amount) in [
        (r#"{"usd": "7.5"}"#, "7.50"),
        (r#"{"usd": "$2000.00"}"#, "2000.00"),
    ] {
        let answer = send(raw(
            url,
            Method::POST,
            "/v4/account/payments",
            Some(token),
            Some(body),
        ))
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{body}");
        assert_eq!(answer.json()["usd"], amount);
    }
    assert_eq!(
        ok(url, token, &GetAccount).await.balance.amount(),
        usd("-2007.50")
    );
    // A read-only token sees the payments but cannot pay.
    fake.add_token("billing-viewer", "account:read_only")
        .unwrap();
    ok(url, "billing-viewer", &ListPayments::default()).await;
    let err = api_err(
        url,
        "billing-viewer",
        &CreatePayment::new("10.00".parse().unwrap()),
    )
    .await;
    assert_eq!(err.status, StatusCode::FORBIDDEN);
    fake.stop().await;
}

#[tokio::test]
#[allow(deprecated)]
async fn paypal_payments_answer_299_and_say_they_are_disabled() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let stage = StagePayPalPayment {
        body: PayPalPaymentCreate {
            cancel_url: "https://tallowbrook.example/billing/cancelled".into(),
            redirect_url: "https://tallowbrook.example/billing/approved".into(),
            usd: "45.00".parse().unwrap(),
        },
    };
    let staged = call(url, token, &stage).await.unwrap();
    assert_eq!(staged.status.as_u16(), 299);
    assert!(staged.value.checkout_token.expose().starts_with("EC-"));
    assert!(staged.value.payment_id.starts_with("PAYID-"));
    let titles: Vec<&str> = staged.warnings.iter().map(|w| w.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "This endpoint is deprecated",
            "PayPal payments are disabled"
        ]
    );

    let execute = ExecutePayPalPayment {
        body: PayPalPaymentExecute {
            payer_id: "TBPAYER7Q2".into(),
            payment_id: staged.value.payment_id.clone(),
        },
    };
    let executed = call(url, token, &execute).await.unwrap();
    assert_eq!(executed.status.as_u16(), 299);
    assert!(
        executed
            .warnings
            .iter()
            .any(|w| w.details.contains("disabled") && w.details.contains("nothing was charged")),
        "{:?}",
        executed.warnings
    );
    // Disabled: no payment, no change to the balance.
    assert_eq!(ok(url, token, &ListPayments::default()).await.results, 22);
    assert_eq!(
        ok(url, token, &GetAccount).await.balance.amount(),
        Decimal::ZERO
    );
    // A payment id is executed once.
    let err = api_err(url, token, &execute).await;
    assert!(err.has_field_error("payment_id"), "{err}");
    let mut bad = stage.clone();
    bad.body.cancel_url = "javascript:alert(1)".into();
    assert!(refused_before_sending(url, token, &bad).contains("`cancel_url`"));
    let answer = post_json(
        url,
        token,
        "/v4/account/payments/paypal",
        r#"{"usd": "10.00", "cancel_url": "javascript:alert(1)", "redirect_url": "https://a.example"}"#,
    )
    .await;
    assert_eq!(answer.field().as_deref(), Some("cancel_url"));
    let answer = send(raw(
        url,
        Method::POST,
        "/v4/account/payments/paypal",
        Some(token),
        Some(r#"{"usd": "4.999", "cancel_url": "https://a.example", "redirect_url": "https://a.example"}"#),
    ))
    .await;
    assert_eq!(answer.field().as_deref(), Some("usd"));
    fake.stop().await;
}

#[tokio::test]
async fn payment_methods_add_get_default_and_delete() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let seeded = ok(url, token, &ListPaymentMethods::default()).await;
    assert_eq!(seeded.results, 2);
    let default = seeded.data.iter().find(|m| m.is_default).unwrap().clone();
    assert_eq!(default.method_type, PaymentMethodType::CreditCard);
    let account = ok(url, token, &GetAccount).await;
    assert_eq!(
        account.credit_card.and_then(|c| c.last_four).as_deref(),
        Some(default.card().unwrap().last_four.as_str())
    );
    assert!(seeded.data.iter().any(|m| m.paypal().is_some()));

    ok(
        url,
        token,
        &AddPaymentMethod::credit_card(card(MASTERCARD, "204"), false),
    )
    .await;
    let methods = ok(url, token, &ListPaymentMethods::default()).await;
    assert_eq!(methods.results, 3);
    let added = methods.data.last().unwrap().clone();
    assert!(!added.is_default);
    let info = added.card().unwrap();
    assert_eq!(info.card_type, "MasterCard");
    assert_eq!(info.last_four, "8190");
    assert!(info.expiry.starts_with("08/"), "{}", info.expiry);
    assert_eq!(
        ok(
            url,
            token,
            &GetPaymentMethod {
                payment_method_id: added.id
            }
        )
        .await,
        added
    );
    let missing = api_err(
        url,
        token,
        &GetPaymentMethod {
            payment_method_id: 9,
        },
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // The default method cannot be deleted, as the API refuses it.
    let err = api_err(
        url,
        token,
        &DeletePaymentMethod {
            payment_method_id: default.id,
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::BAD_REQUEST);
    assert!(err.errors[0].reason.contains("default"), "{err}");
    assert_eq!(
        ok(url, token, &ListPaymentMethods::default()).await.results,
        3
    );

    ok(
        url,
        token,
        &SetDefaultPaymentMethod {
            payment_method_id: added.id,
        },
    )
    .await;
    let methods = ok(url, token, &ListPaymentMethods::default()).await;
    let defaults: Vec<u64> = methods
        .data
        .iter()
        .filter(|m| m.is_default)
        .map(|m| m.id)
        .collect();
    assert_eq!(defaults, vec![added.id]);
    assert_eq!(
        ok(url, token, &GetAccount)
            .await
            .credit_card
            .and_then(|c| c.last_four)
            .as_deref(),
        Some("8190")
    );
    let err = api_err(
        url,
        token,
        &SetDefaultPaymentMethod {
            payment_method_id: 9,
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);

    // The old default is an ordinary method now.
    ok(
        url,
        token,
        &DeletePaymentMethod {
            payment_method_id: default.id,
        },
    )
    .await;
    let err = api_err(
        url,
        token,
        &DeletePaymentMethod {
            payment_method_id: default.id,
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);

    // Six at most.
    for _ in 0..4 {
        ok(
            url,
            token,
            &AddPaymentMethod::credit_card(card(VISA, "311"), false),
        )
        .await;
    }
    let err = api_err(
        url,
        token,
        &AddPaymentMethod::credit_card(card(VISA, "311"), false),
    )
    .await;
    assert_eq!(err.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        ok(url, token, &ListPaymentMethods::default()).await.results,
        6
    );
    fake.stop().await;
}

#[tokio::test]
async fn card_data_is_checked() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    // Luhn fails, CVV too short, month out of range. The SDK refuses the CVV and the month
    // before sending (the spec's format); the fake reports all three to a client that sends
    // them anyway.
    let mut bad = card("4526018159083013", "31");
    bad.expiry_month = 13;
    let refused = refused_before_sending(
        url,
        token,
        &AddPaymentMethod::credit_card(bad.clone(), true),
    );
    assert!(refused.contains("`data.cvv`"), "{refused}");
    let raw_card = |number: &str, cvv: &str, month: u8| {
        format!(
            r#"{{"type": "credit_card", "is_default": true, "data": {{"card_number": "{number}",
                "cvv": "{cvv}", "expiry_month": {month}, "expiry_year": {}}}}}"#,
            bad.expiry_year
        )
    };
    let path = "/v4/account/payment-methods";
    let answer = post_json(url, token, path, &raw_card("4526018159083013", "31", 13)).await;
    let fields = answer.fields();
    for field in ["data.card_number", "data.cvv", "data.expiry_month"] {
        assert!(fields.iter().any(|f| f == field), "{field}: {fields:?}");
    }
    // A well-formed card with a past expiry: for the API (and the fake) to refuse.
    let expired = CreditCardCreate::new(VISA, "311", 1, 2020);
    let err = api_err(url, token, &AddPaymentMethod::credit_card(expired, true)).await;
    assert!(err.has_field_error("data.expiry_year"), "{err}");
    for number in [
        "4526 0181 5908 3012",
        "4526-0181-5908-3012",
        "4526018",
        "45260181590830120000000000",
    ] {
        let op = AddPaymentMethod::credit_card(card(number, "311"), true);
        let refused = refused_before_sending(url, token, &op);
        assert!(
            refused.contains("`data.card_number`"),
            "{number}: {refused}"
        );
        assert!(!refused.contains("4526"), "no card data in {refused}");
        let answer = post_json(url, token, path, &raw_card(number, "311", 8)).await;
        assert_eq!(
            answer.field().as_deref(),
            Some("data.card_number"),
            "{number}"
        );
    }
    let mut google = AddPaymentMethod::credit_card(card(VISA, "311"), true);
    google.body.method_type = PaymentMethodType::GooglePay;
    assert!(api_err(url, token, &google).await.has_field_error("type"));
    // A 19-digit card is fine.
    ok(
        url,
        token,
        &AddPaymentMethod::credit_card(card(LONG_VISA, "8264"), false),
    )
    .await;
    assert_eq!(
        ok(url, token, &ListPaymentMethods::default()).await.results,
        3
    );
    fake.stop().await;
}

#[tokio::test]
#[allow(deprecated)]
async fn the_deprecated_credit_card_operation_answers_299_and_sets_the_default() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let answer = call(
        url,
        token,
        &AddCreditCard {
            body: card(MASTERCARD, "5521"),
        },
    )
    .await
    .unwrap();
    assert_eq!(answer.status.as_u16(), 299);
    assert_eq!(answer.warnings.len(), 1);
    assert!(answer.warnings[0].details.contains("post-payment-method"));
    let methods = ok(url, token, &ListPaymentMethods::default()).await;
    let default = methods.data.iter().find(|m| m.is_default).unwrap();
    assert!(
        matches!(&default.data, PaymentMethodData::Card(c) if c.last_four == "8190"),
        "{default:?}"
    );
    assert_eq!(
        ok(url, token, &GetAccount)
            .await
            .credit_card
            .and_then(|c| c.last_four)
            .as_deref(),
        Some("8190")
    );
    let short = AddCreditCard {
        body: card("1234", "5521"),
    };
    assert!(refused_before_sending(url, token, &short).contains("`card_number`"));
    let answer = post_json(
        url,
        token,
        "/v4/account/credit-card",
        &format!(
            r#"{{"card_number": "1234", "cvv": "5521", "expiry_month": 8, "expiry_year": {}}}"#,
            short.body.expiry_year
        ),
    )
    .await;
    assert_eq!(answer.field().as_deref(), Some("card_number"));
    fake.stop().await;
}

#[tokio::test]
#[allow(deprecated)]
async fn a_card_number_never_appears_in_an_answer_or_the_log() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let cvv = "8264";
    let mut bodies = Vec::new();
    let send_json = |path: &'static str, body: String| {
        let request = raw(url, Method::POST, path, Some(token), Some(&body));
        async move { send(request).await }
    };

    // Accepted through the SDK, and through the deprecated operation.
    ok(
        url,
        token,
        &AddPaymentMethod::credit_card(card(VISA, cvv), true),
    )
    .await;
    ok(
        url,
        token,
        &AddCreditCard {
            body: card(VISA, cvv),
        },
    )
    .await;
    // Refused in every way that could make an error quote the value.
    let year = time::OffsetDateTime::now_utc().year() + 3;
    for data in [
        format!(
            r#"{{"card_number": {VISA}, "cvv": "{cvv}", "expiry_month": 8, "expiry_year": {year}}}"#
        ),
        format!(
            r#"{{"card_number": "{VISA}", "cvv": {cvv}, "expiry_month": 8, "expiry_year": {year}}}"#
        ),
        format!(
            r#"{{"card_number": "{VISA}x", "cvv": "{cvv}", "expiry_month": 8, "expiry_year": {year}}}"#
        ),
        format!(
            r#"{{"card_number": "{VISA}", "cvv": "{cvv}", "expiry_month": "{VISA}", "expiry_year": {year}}}"#
        ),
        format!(r#""{VISA}""#),
    ] {
        let answer = send_json(
            "/v4/account/payment-methods",
            format!(r#"{{"type": "credit_card", "is_default": false, "data": {data}}}"#),
        )
        .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{data}");
        bodies.push(answer.body);
        let answer = send_json("/v4/account/credit-card", data.clone()).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{data}");
        bodies.push(answer.body);
    }
    let answer = send_json(
        "/v4/account/payment-methods",
        format!("card {VISA} cvv {cvv}"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    bodies.push(answer.body);

    // Everything that could show the card afterwards.
    for path in [
        "/v4/account/payment-methods",
        "/v4/account",
        "/v4/account/events?page_size=500",
        "/v4/account/payments",
    ] {
        let answer = get(url, path, token).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        bodies.push(answer.body);
    }
    let methods = ok(url, token, &ListPaymentMethods::default()).await;
    for method in &methods.data {
        let answer = get(
            url,
            &format!("/v4/account/payment-methods/{}", method.id),
            token,
        )
        .await;
        bodies.push(answer.body);
    }
    let digits_of = |body: &bytes::Bytes| String::from_utf8_lossy(body).into_owned();
    for body in &bodies {
        let text = digits_of(body);
        assert!(!text.contains(VISA), "card number in {text}");
        assert!(!text.contains(&VISA[..12]), "card number prefix in {text}");
    }
    // The last four digits are all that is kept.
    assert!(methods
        .data
        .iter()
        .filter_map(|m| m.card())
        .any(|c| c.last_four == VISA[12..]));

    let log = fake.requests();
    let debug = format!("{log:?}");
    assert!(!debug.contains(VISA), "card number in the log");
    assert!(
        !debug.contains(&VISA[..12]),
        "card number prefix in the log"
    );
    assert!(!debug.contains(cvv), "CVV in the log");
    let added = log
        .iter()
        .find(|r| r.operation == Some("post-payment-method") && r.status == Some(200))
        .unwrap();
    let body = added.json().unwrap();
    assert_eq!(body["data"]["card_number"], "[redacted]");
    assert_eq!(body["data"]["cvv"], "[redacted]");
    assert_eq!(body["is_default"], true);
    let not_json = log
        .iter()
        .rfind(|r| r.operation == Some("post-payment-method") && r.json().is_none())
        .unwrap();
    assert_eq!(not_json.body.as_ref(), REDACTED_BODY);
    fake.stop().await;
}

#[tokio::test]
async fn a_promo_code_adds_one_promotion() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    assert!(ok(url, token, &GetAccount)
        .await
        .active_promotions
        .is_empty());
    let err = api_err(url, token, &AddPromoCode::new("FREE-MONEY")).await;
    assert!(err.has_field_error("promo_code"), "{err}");
    let refused = refused_before_sending(url, token, &AddPromoCode::new("X".repeat(33)));
    assert!(refused.contains("`promo_code`"), "{refused}");
    let long = "X".repeat(33);
    let answer = post_json(
        url,
        token,
        "/v4/account/promo-codes",
        &format!(r#"{{"promo_code": "{long}"}}"#),
    )
    .await;
    assert_eq!(answer.field().as_deref(), Some("promo_code"));

    let promotion = ok(url, token, &AddPromoCode::new(PROMO_CODE)).await;
    assert_eq!(promotion.credit_remaining.amount(), usd("60.00"));
    assert_eq!(
        serde_json::to_value(promotion.credit_monthly_cap).unwrap(),
        "20.00"
    );
    assert!(promotion.expire_dt.is_some());
    let account = ok(url, token, &GetAccount).await;
    assert_eq!(account.active_promotions, vec![promotion]);

    // One promotion at a time.
    let err = api_err(url, token, &AddPromoCode::new(PROMO_CODE)).await;
    assert!(err.has_field_error("promo_code"), "{err}");
    assert!(err.errors[0].reason.contains("already"), "{err}");
    fake.stop().await;
}
