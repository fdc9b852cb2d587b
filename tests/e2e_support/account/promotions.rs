//! `account::promotions`: a promo code added once.

use linode::account::*;
use rust_decimal::Decimal;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
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
