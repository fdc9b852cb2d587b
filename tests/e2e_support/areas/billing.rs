//! Billing: the 15 invoice, payment, payment-method and promotion operations, each sent
//! through the client and its typed answer checked. Amounts are compared as exact decimals.

use std::time::{SystemTime, UNIX_EPOCH};

use http::StatusCode;
use linode::account::*;
use linode::models::account::{
    CreditCardCreate, PayPalPaymentCreate, PayPalPaymentExecute, PaymentMethodType,
};
use linode::models::MoneyString;
use linode::requests::{Filter, Pagination};
use rust_decimal::Decimal;

use crate::e2e_support::{Api, Cursor, Env, Runs};

/// Card numbers made up for these tests (they pass the Luhn check).
const VISA: &str = "4517630288145792";
const MASTERCARD: &str = "5228410933662013";

/// An exact amount from its text.
fn usd(text: &str) -> Decimal {
    text.parse::<MoneyString>().unwrap().amount()
}

/// A card that expires in about three years, whenever the tests run.
fn card(number: &str, cvv: &str) -> CreditCardCreate {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    // 31 556 952 s: the mean Gregorian year; a day off around New Year does not matter here.
    let year = 1970 + seconds / 31_556_952 + 3;
    CreditCardCreate::new(number, cvv, 9, u16::try_from(year).unwrap())
}

/// Every billing scenario, each on a fresh fake.
pub fn all<A: Api>(runs: &mut Runs<A>) {
    runs.run("billing::invoices", invoices::<A>);
    runs.run("billing::payments", payments::<A>);
    runs.run("billing::payment_methods", payment_methods::<A>);
    runs.run("billing::promo_code", promo_code::<A>);
}

/// get-invoices, get-invoice, get-invoice-items.
pub async fn invoices<A: Api>(env: Env<A>) {
    let all = env.ok(&ListInvoices::default()).await;
    assert_eq!(all.results, 22);
    for invoice in &all.data {
        assert_eq!(
            invoice.subtotal.amount() + invoice.tax.amount(),
            invoice.total.amount(),
            "{}",
            invoice.label
        );
    }
    // The one month over $300, and every item of it across its pages.
    let big = ListInvoices {
        pagination: Pagination::new(),
        filter: Some(Filter::gt(InvoiceField::Total, 300)),
    };
    let big = env.ok(&big).await;
    assert_eq!(big.results, 1);
    let invoice = env
        .ok(&GetInvoice {
            invoice_id: big.data[0].id,
        })
        .await;
    assert_eq!(invoice, big.data[0]);
    assert!(all.data.contains(&invoice));

    let first = env.ok(&ListInvoiceItems::new(invoice.id)).await;
    assert!(first.pages > 1, "enough items for several pages");
    let mut items = env.api.items(ListInvoiceItems::new(invoice.id));
    let mut subtotal = Decimal::ZERO;
    let mut count = 0;
    while let Some(item) = items.next_item().await {
        let item = item.unwrap();
        subtotal += item.amount.amount();
        count += 1;
    }
    assert_eq!(count, first.results);
    assert_eq!(
        subtotal,
        invoice.subtotal.amount(),
        "the items add up to the cent"
    );
    let missing = env.api_err(&ListInvoiceItems::new(7)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

/// get-payments, post-payment, get-payment, and the two deprecated PayPal operations.
#[allow(deprecated)]
pub async fn payments<A: Api>(env: Env<A>) {
    let before = env.ok(&GetAccount).await.balance.amount();
    let seeded = env.ok(&ListPayments::default()).await;
    assert_eq!(seeded.results, 22);

    let paid = env.ok(&CreatePayment::new("42.35".parse().unwrap())).await;
    assert_eq!(paid.usd.amount(), usd("42.35"));
    assert_eq!(
        env.ok(&GetPayment {
            payment_id: paid.id
        })
        .await,
        paid
    );
    let listed = env.ok(&ListPayments::default()).await;
    assert_eq!(listed.results, 23);
    assert!(listed.data.contains(&paid));
    assert_eq!(
        env.ok(&GetAccount).await.balance.amount(),
        before - usd("42.35"),
        "the balance moves by the exact amount"
    );

    let staged = env
        .ok_meta(&StagePayPalPayment {
            body: PayPalPaymentCreate {
                cancel_url: "https://tallowbrook.example/billing/back".into(),
                redirect_url: "https://tallowbrook.example/billing/done".into(),
                usd: "25.00".parse().unwrap(),
            },
        })
        .await;
    assert_eq!(staged.status.as_u16(), 299);
    assert!(
        !staged.value.payment_id.is_empty() && !staged.value.checkout_token.expose().is_empty()
    );
    assert!(!staged.warnings.is_empty());
    let executed = env
        .ok_meta(&ExecutePayPalPayment {
            body: PayPalPaymentExecute {
                payer_id: "E2EPAYER31".into(),
                payment_id: staged.value.payment_id.clone(),
            },
        })
        .await;
    assert_eq!(executed.status.as_u16(), 299);
    assert!(
        executed
            .warnings
            .iter()
            .any(|w| w.details.contains("disabled")),
        "{:?}",
        executed.warnings
    );
    assert_eq!(
        env.ok(&ListPayments::default()).await.results,
        23,
        "PayPal is disabled: nothing was charged"
    );
}

/// get-payment-methods, post-payment-method, get-payment-method,
/// post-make-payment-method-default, delete-payment-method, post-credit-card.
#[allow(deprecated)]
pub async fn payment_methods<A: Api>(env: Env<A>) {
    let seeded = env.ok(&ListPaymentMethods::default()).await;
    assert_eq!(seeded.results, 2);
    let old_default = seeded.data.iter().find(|m| m.is_default).unwrap().clone();
    assert!(seeded
        .data
        .iter()
        .any(|m| m.method_type == PaymentMethodType::Paypal));

    env.ok(&AddPaymentMethod::credit_card(card(VISA, "417"), false))
        .await;
    let methods = env.ok(&ListPaymentMethods::default()).await;
    assert_eq!(methods.results, 3);
    let added = methods
        .data
        .iter()
        .find(|m| !seeded.data.contains(m))
        .unwrap()
        .clone();
    assert!(!added.is_default);
    assert_eq!(added.card().unwrap().last_four, "5792");
    assert_eq!(
        env.ok(&GetPaymentMethod {
            payment_method_id: added.id
        })
        .await,
        added
    );

    env.ok(&SetDefaultPaymentMethod {
        payment_method_id: added.id,
    })
    .await;
    let now = env
        .ok(&GetPaymentMethod {
            payment_method_id: added.id,
        })
        .await;
    assert!(now.is_default);
    assert_eq!(
        env.ok(&GetAccount)
            .await
            .credit_card
            .and_then(|c| c.last_four)
            .as_deref(),
        Some("5792")
    );
    env.ok(&DeletePaymentMethod {
        payment_method_id: old_default.id,
    })
    .await;
    let gone = env
        .api_err(&GetPaymentMethod {
            payment_method_id: old_default.id,
        })
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);

    // The deprecated way: answers 299 and makes the card the default.
    let replaced = env
        .ok_meta(&AddCreditCard {
            body: card(MASTERCARD, "2208"),
        })
        .await;
    assert_eq!(replaced.status.as_u16(), 299);
    assert_eq!(
        env.ok(&GetAccount)
            .await
            .credit_card
            .and_then(|c| c.last_four)
            .as_deref(),
        Some("2013")
    );
    let methods = env.ok(&ListPaymentMethods::default()).await;
    let default = methods.data.iter().find(|m| m.is_default).unwrap();
    assert_eq!(default.card().unwrap().last_four, "2013");
    // No answer and no log entry carries a card number.
    let log = format!("{:?}", env.log());
    assert!(!log.contains(VISA) && !log.contains(MASTERCARD));
}

/// post-promo-credit.
pub async fn promo_code<A: Api>(env: Env<A>) {
    assert!(env.ok(&GetAccount).await.active_promotions.is_empty());
    let promotion = env.ok(&AddPromoCode::new(linode_fake::PROMO_CODE)).await;
    assert!(promotion.credit_remaining.amount() > Decimal::ZERO);
    assert_eq!(env.ok(&GetAccount).await.active_promotions, vec![promotion]);
    let again = env
        .api_err(&AddPromoCode::new(linode_fake::PROMO_CODE))
        .await;
    assert!(
        again.has_field_error("promo_code"),
        "one promotion at a time: {again}"
    );
}
