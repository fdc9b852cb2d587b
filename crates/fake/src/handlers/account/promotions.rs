//! `/account/promo-codes`: adding a promotion with a promo code.
//!
//! Not modelled: the 90-day age limit on promo codes (the seeded account is two years old,
//! and the code would never work).

use linode_models::account::{Promotion, PromotionServiceType};
use linode_models::{MoneyString, Timestamp};
use linode_requests::account::AddPromoCode;

use super::payments::dollars;
use crate::handler::{check_length, collected, handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

/// The one promo code the fake accepts: $60 of credit, at most $20 a month, for 90 days. An
/// account holds one promotion at a time, so it works once per server.
pub const PROMO_CODE: &str = "TALLOW-START-60";

handlers! {
    AddPromoCode => add_promo_code,
}

fn add_promo_code(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: AddPromoCode,
) -> Result<Promotion, Failure> {
    let body = op.body;
    let mut errors = Vec::new();
    check_length(&mut errors, "promo_code", &body.promo_code, 1, 32);
    collected(errors)?;
    if !body.promo_code.trim().eq_ignore_ascii_case(PROMO_CODE) {
        return Err(Failure::field(
            "promo_code",
            "This promo code is not valid or has expired",
        ));
    }
    let account = store.account.details_mut();
    if !account.active_promotions.is_empty() {
        return Err(Failure::field(
            "promo_code",
            "This account already has an active promotion",
        ));
    }
    let expires = Timestamp::from_unix_seconds(ctx.now.to_utc().unix_timestamp() + 90 * 86_400)
        .unwrap_or(ctx.now);
    let promotion = Promotion {
        extra: Default::default(),
        summary: "$60 of credit over 90 days".to_owned(),
        description: "Up to $20 of credit a month on any service, for 90 days or until the \
                      $60 is spent. Credit left at the end expires."
            .to_owned(),
        service_type: PromotionServiceType::All,
        credit_monthly_cap: MoneyString::new(dollars(2_000)),
        credit_remaining: MoneyString::new(dollars(6_000)),
        this_month_credit_remaining: MoneyString::new(dollars(2_000)),
        expire_dt: Some(expires),
        image_url: "https://static.fake-linode.invalid/promotions/start-60.png".to_owned(),
    };
    account.active_promotions.push(promotion.clone());
    Ok(promotion)
}
