//! `account::payments`: payments made and read, the disabled PayPal payments; amounts exact.

use linode::models::account::{PayPalPaymentCreate, PayPalPaymentExecute};
use linode::account::*;

use super::usd;
use crate::e2e_support::{Api, Env};

#[allow(deprecated)]
pub async fn scenario<A: Api>(env: Env<A>) {
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
    assert!(!staged.value.payment_id.is_empty() && !staged.value.checkout_token.expose().is_empty());
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
