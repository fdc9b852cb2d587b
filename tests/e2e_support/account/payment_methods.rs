//! `account::payment_methods`: payment methods added, read, made default, deleted; the deprecated credit card.

use linode::models::account::PaymentMethodType;
use http::StatusCode;
use linode::account::*;

use super::{MASTERCARD, VISA, card};
use crate::e2e_support::{Api, Env};

#[allow(deprecated)]
pub async fn scenario<A: Api>(env: Env<A>) {
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
