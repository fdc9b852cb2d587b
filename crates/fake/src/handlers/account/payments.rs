//! `/account/payments`, with the deprecated, disabled PayPal payments.
//!
//! Money is exact: amounts are [`Decimal`]s, computed and compared as decimals, never as
//! floats; a payment takes exactly its amount off the balance.
//!
//! Not modelled: restricted users and child accounts (the fake's tokens act as the owner).

// The deprecated operations are still served, as the API still answers them.
#![allow(deprecated)]

use std::str::FromStr;

use linode_models::account::{Amount, PayPalPaymentStaged, Payment};
use linode_models::{Empty, Money, MoneyString, Page, Warning};
use linode_requests::account::{CreatePayment, GetPayment, ListPayments};
use linode_requests::account::{ExecutePayPalPayment, StagePayPalPayment};
use linode_requests::RequestParts;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

use super::events;
use crate::handler::{check_length, collected, handlers, Ctx};
use crate::reply::{Answer, Failure};
use crate::state::Store;

handlers! {
    ListPayments => list_payments,
    GetPayment => get_payment,
    CreatePayment => pay where read_payment,
    StagePayPalPayment => stage_paypal where read_paypal,
    ExecutePayPalPayment => execute_paypal,
}

/// How many staged PayPal payments are remembered; older ones are forgotten.
const MAX_STAGED: usize = 64;

/// Dollars from cents, exactly.
pub(crate) fn dollars(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

fn list_payments(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListPayments,
) -> Result<Page<Payment>, Failure> {
    ctx.list(store.payments.payments.values(), op.pagination)
}

fn get_payment(store: &mut Store, _ctx: &Ctx<'_>, op: GetPayment) -> Result<Payment, Failure> {
    store
        .payments
        .payments
        .get(&op.payment_id)
        .cloned()
        .ok_or_else(Failure::not_found)
}

const USD_FORMAT: &str =
    "Must be a positive amount in dollars with at most two decimals, such as \"120.50\" or \"$120.50\"";

/// Reads an amount as the payments endpoints take it: a string of digits with at most two
/// decimals, optionally after a `$` (no sign, no commas, no exponent). `None` otherwise, or
/// when it is zero.
pub(crate) fn parse_usd(text: &str) -> Option<Decimal> {
    let digits = text.strip_prefix('$').unwrap_or(text);
    let (whole, cents) = match digits.split_once('.') {
        Some((whole, cents)) => (whole, Some(cents)),
        None => (digits, None),
    };
    let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // Twelve digits of dollars is far beyond any limit, and well inside a Decimal.
    if !is_digits(whole) || whole.len() > 12 {
        return None;
    }
    if let Some(cents) = cents {
        if !is_digits(cents) || cents.len() > 2 {
            return None;
        }
    }
    Decimal::from_str(digits)
        .ok()
        .filter(|amount| *amount > Decimal::ZERO)
}

/// The `usd` of a payment body, checked before the body is decoded so that every problem
/// with it is a 400 on `usd` with the same explanation.
fn read_usd(body: &serde_json::Value) -> Result<Decimal, Failure> {
    match body.get("usd") {
        None => Err(Failure::field("usd", "This field is required")),
        Some(serde_json::Value::String(text)) => {
            parse_usd(text).ok_or_else(|| Failure::field("usd", USD_FORMAT))
        }
        Some(_) => Err(Failure::field("usd", USD_FORMAT)),
    }
}

/// The smallest payment accepted: $5.00, or the balance owed when that is less.
fn minimum_payment(balance: Decimal) -> Decimal {
    let five = dollars(500);
    if balance > Decimal::ZERO {
        five.min(balance)
    } else {
        five
    }
}

/// The largest payment accepted: $2000.00, or the balance owed (up to $50000.00) when that
/// is more.
fn maximum_payment(balance: Decimal) -> Decimal {
    dollars(200_000).max(balance.min(dollars(5_000_000)))
}

/// An amount as the payments write it: a string with two decimals.
pub(crate) fn usd_text(amount: Decimal) -> MoneyString {
    let mut amount = amount;
    // Exact: amounts here have at most two decimals, so this only appends zeros.
    amount.rescale(2);
    MoneyString::new(amount)
}

/// Reads a body with a `usd` amount: the amount is checked first, as the payments endpoints
/// take it (a string, an optional `$`), so every problem with it is a 400 on `usd` with the
/// same explanation; then the body is decoded with the amount in the model's form.
fn read_with_usd<T: DeserializeOwned>(parts: &RequestParts<'_>) -> Result<T, Failure> {
    let mut raw: serde_json::Value = parts.json_body()?;
    let usd = read_usd(&raw)?;
    raw["usd"] = serde_json::Value::String(usd.to_string());
    serde_json::from_value(raw).map_err(|e| Failure::bad_request(e.to_string()))
}

fn read_payment(parts: &RequestParts<'_>) -> Result<CreatePayment, Failure> {
    read_with_usd(parts).map(|body| CreatePayment { body })
}

fn read_paypal(parts: &RequestParts<'_>) -> Result<StagePayPalPayment, Failure> {
    read_with_usd(parts).map(|body| StagePayPalPayment { body })
}

fn pay(store: &mut Store, ctx: &Ctx<'_>, op: CreatePayment) -> Result<Payment, Failure> {
    let body = op.body;
    let usd = body.usd.amount();
    let balance = store.account.details_mut().balance.amount();
    let minimum = minimum_payment(balance);
    if usd < minimum {
        return Err(Failure::field(
            "usd",
            format!("Payment amount must be at least ${}", usd_text(minimum)),
        ));
    }
    let maximum = maximum_payment(balance);
    if usd > maximum {
        return Err(Failure::field(
            "usd",
            format!("Payment amount must be at most ${}", usd_text(maximum)),
        ));
    }
    match body.payment_method_id {
        Some(id) if !store.payment_methods.contains(id) => {
            return Err(Failure::field(
                "payment_method_id",
                "Payment method not found",
            ));
        }
        Some(_) => {}
        None if store.payment_methods.default_id().is_none() => {
            return Err(Failure::field(
                "payment_method_id",
                "The account has no default payment method: add one, or give payment_method_id",
            ));
        }
        None => {}
    }
    let payment = Payment {
        extra: Default::default(),
        id: store.next_id(),
        date: ctx.now,
        usd: Amount::Text(usd_text(usd)),
    };
    store.payments.payments.insert(payment.id, payment.clone());
    let account = store.account.details_mut();
    account.balance = Money::new(balance - usd);
    events::record(
        store,
        "payment_submitted",
        ctx.now,
        Some(format!("A payment of ${} was submitted.", usd_text(usd))),
    );
    Ok(payment)
}

/// What the deprecated PayPal operations add to their answer (the server puts the
/// deprecation notice before it and answers 299).
fn paypal_disabled(nothing_charged: bool) -> Warning {
    let details = if nothing_charged {
        "The API has disabled PayPal payments: nothing was charged. Add PayPal as a payment \
         method in Cloud Manager and use post-payment."
    } else {
        "The API has disabled PayPal payments: this payment cannot be completed. Add PayPal \
         as a payment method in Cloud Manager and use post-payment."
    };
    Warning {
        title: "PayPal payments are disabled".to_owned(),
        details: details.to_owned(),
    }
}

fn check_url(errors: &mut Vec<linode_models::FieldError>, field: &str, url: &str) {
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() > 512 {
        errors.push(linode_models::FieldError {
            field: Some(field.to_owned()),
            reason: "Must be an http(s) URL".to_owned(),
        });
    }
}

/// Stages a PayPal payment as the spec documents (PayPal's ids), though the API has disabled
/// PayPal payments: the answer says so in a warning, and executing it charges nothing.
fn stage_paypal(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: StagePayPalPayment,
) -> Result<Answer<PayPalPaymentStaged>, Failure> {
    let body = op.body;
    let mut errors = Vec::new();
    check_url(&mut errors, "cancel_url", &body.cancel_url);
    check_url(&mut errors, "redirect_url", &body.redirect_url);
    collected(errors)?;
    let staged = PayPalPaymentStaged {
        extra: Default::default(),
        checkout_token: format!("EC-{}", store.new_secret(17).to_uppercase()).into(),
        payment_id: format!("PAYID-{}", store.new_secret(20).to_uppercase()),
    };
    let queue = &mut store.payments.paypal_staged;
    if queue.len() >= MAX_STAGED {
        queue.pop_front();
    }
    queue.push_back(staged.payment_id.clone());
    Ok(Answer::from(staged).with_warning(paypal_disabled(false)))
}

/// "Executes" a staged PayPal payment: answers `{}` as the spec documents, with a warning
/// that PayPal payments are disabled. Nothing is charged and the balance does not move.
fn execute_paypal(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: ExecutePayPalPayment,
) -> Result<Answer<Empty>, Failure> {
    let body = op.body;
    let mut errors = Vec::new();
    check_length(&mut errors, "payer_id", &body.payer_id, 1, 64);
    collected(errors)?;
    let queue = &mut store.payments.paypal_staged;
    let Some(position) = queue.iter().position(|id| *id == body.payment_id) else {
        return Err(Failure::field(
            "payment_id",
            "No staged PayPal payment has this id",
        ));
    };
    queue.remove(position);
    Ok(Answer::from(Empty::default()).with_warning(paypal_disabled(true)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usd_amounts_are_read_exactly_or_refused() {
        assert_eq!(parse_usd("120.50"), Some(dollars(12_050)));
        assert_eq!(parse_usd("$120.50"), Some(dollars(12_050)));
        assert_eq!(parse_usd("7.5"), Some(dollars(750)));
        assert_eq!(parse_usd("40"), Some(dollars(4_000)));
        for bad in [
            "",
            "$",
            "0.00",
            "-5.00",
            "+5.00",
            "5.001",
            "1,200.00",
            "5.",
            ".50",
            "1e3",
            " 5.00",
            "$$5.00",
            "5.0x",
            "NaN",
            "1234567890123.00",
        ] {
            assert_eq!(parse_usd(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn payment_limits_follow_the_balance() {
        assert_eq!(minimum_payment(Decimal::ZERO), dollars(500));
        assert_eq!(minimum_payment(dollars(320)), dollars(320));
        assert_eq!(minimum_payment(dollars(-1_000)), dollars(500));
        assert_eq!(maximum_payment(Decimal::ZERO), dollars(200_000));
        assert_eq!(maximum_payment(dollars(310_000)), dollars(310_000));
        assert_eq!(maximum_payment(dollars(9_000_000)), dollars(5_000_000));
    }
}
