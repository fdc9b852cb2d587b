//! `/account/invoices`, `/account/payments` (with the deprecated, disabled PayPal payments)
//! and `/account/promo-codes`. Payment methods are in [`super::payment_methods`].
//!
//! Money is exact from end to end: amounts are [`Decimal`]s inside the models' [`Money`] and
//! [`MoneyString`], computed and compared as decimals, never as floats. Seeded invoices add
//! up to the cent (`subtotal + tax == total`, each item's tax rounded once), and a payment
//! takes exactly its amount off the balance.
//!
//! Not modelled: the 90-day age limit on promo codes (the seeded account is two years old,
//! and the code would never work), restricted users and child accounts (the fake's tokens
//! act as the owner).

use std::collections::{BTreeMap, VecDeque};
use std::str::FromStr;

use linode_models::account::{
    Amount, Invoice, InvoiceBillingSource, InvoiceItem, InvoiceItemType, PayPalPaymentCreate,
    PayPalPaymentExecute, PayPalPaymentStaged, Payment, PaymentCreate, PromoCodeCreate, Promotion,
    PromotionServiceType, TaxSummary,
};
use linode_models::{Money, MoneyString, Timestamp, Warning};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use time::{Date, Duration, Month, PrimitiveDateTime};

use super::{check_length, collected, events, Ctx, Handler};
use crate::reply::{ok, to_value, Failure, Reply};
use crate::state::Store;

/// The one promo code the fake accepts: $60 of credit, at most $20 a month, for 90 days. An
/// account holds one promotion at a time, so it works once per server.
pub const PROMO_CODE: &str = "TALLOW-START-60";

/// The invoices (each with its items), the payments, and the PayPal payments staged but not
/// executed.
#[derive(Debug, Default)]
pub(crate) struct Billing {
    invoices: BTreeMap<u64, (Invoice, Vec<InvoiceItem>)>,
    payments: BTreeMap<u64, Payment>,
    paypal_staged: VecDeque<String>,
}

pub(crate) const HANDLERS: &[(&str, Handler)] = &[
    ("get-invoices", list_invoices),
    ("get-invoice", get_invoice),
    ("get-invoice-items", list_invoice_items),
    ("get-payments", list_payments),
    ("get-payment", get_payment),
    ("post-payment", pay),
    ("post-pay-pal-payment", stage_paypal),
    ("post-execute-pay-pal-payment", execute_paypal),
    ("post-promo-credit", add_promo_code),
];

/// The fields `ListInvoices` may filter and order on.
const INVOICE_FILTERABLE: &[&str] = &["billing_source", "date", "label", "total"];

/// How many staged PayPal payments are remembered; older ones are forgotten.
const MAX_STAGED: usize = 64;

/// Dollars from cents, exactly.
fn dollars(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// Rounds to the cent, half away from zero, as an invoice rounds each line.
fn to_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

// --- Invoices --------------------------------------------------------------------------------

fn list_invoices(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    ctx.list(
        store.billing.invoices.values().map(|(invoice, _)| invoice),
        INVOICE_FILTERABLE,
    )
}

fn find_invoice<'s>(
    store: &'s Store,
    ctx: &Ctx<'_>,
) -> Result<&'s (Invoice, Vec<InvoiceItem>), Failure> {
    let id = ctx.id(0)?;
    store
        .billing
        .invoices
        .get(&id)
        .ok_or_else(Failure::not_found)
}

fn get_invoice(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let (invoice, _) = find_invoice(store, ctx)?;
    ok(invoice)
}

fn list_invoice_items(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let (_, items) = find_invoice(store, ctx)?;
    ctx.list(items.iter(), &[])
}

// --- Payments --------------------------------------------------------------------------------

fn list_payments(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    ctx.list(store.billing.payments.values(), &[])
}

fn get_payment(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let id = ctx.id(0)?;
    let payment = store
        .billing
        .payments
        .get(&id)
        .ok_or_else(Failure::not_found)?;
    ok(payment)
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
fn usd_text(amount: Decimal) -> MoneyString {
    let mut amount = amount;
    // Exact: amounts here have at most two decimals, so this only appends zeros.
    amount.rescale(2);
    MoneyString::new(amount)
}

fn pay(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let raw: serde_json::Value = ctx.json()?;
    let usd = read_usd(&raw)?;
    let body: PaymentCreate = ctx.json()?;
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
    store.billing.payments.insert(payment.id, payment.clone());
    let account = store.account.details_mut();
    account.balance = Money::new(balance - usd);
    events::record(
        store,
        "payment_submitted",
        ctx.now,
        Some(format!("A payment of ${} was submitted.", usd_text(usd))),
    );
    ok(&payment)
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

/// `value` as a JSON object with `warning` in its `warnings`.
fn with_warning<T: Serialize>(value: &T, warning: Warning) -> Reply {
    let mut value = to_value(value)?;
    let warning = to_value(&warning)?;
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "warnings".to_owned(),
            serde_json::Value::Array(vec![warning]),
        );
    }
    ok(&value)
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
fn stage_paypal(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let raw: serde_json::Value = ctx.json()?;
    read_usd(&raw)?;
    let body: PayPalPaymentCreate = ctx.json()?;
    let mut errors = Vec::new();
    check_url(&mut errors, "cancel_url", &body.cancel_url);
    check_url(&mut errors, "redirect_url", &body.redirect_url);
    collected(errors)?;
    let staged = PayPalPaymentStaged {
        extra: Default::default(),
        checkout_token: format!("EC-{}", store.new_secret(17).to_uppercase()).into(),
        payment_id: format!("PAYID-{}", store.new_secret(20).to_uppercase()),
    };
    let queue = &mut store.billing.paypal_staged;
    if queue.len() >= MAX_STAGED {
        queue.pop_front();
    }
    queue.push_back(staged.payment_id.clone());
    with_warning(&staged, paypal_disabled(false))
}

/// "Executes" a staged PayPal payment: answers `{}` as the spec documents, with a warning
/// that PayPal payments are disabled. Nothing is charged and the balance does not move.
fn execute_paypal(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let body: PayPalPaymentExecute = ctx.json()?;
    let mut errors = Vec::new();
    check_length(&mut errors, "payer_id", &body.payer_id, 1, 64);
    collected(errors)?;
    let queue = &mut store.billing.paypal_staged;
    let Some(position) = queue.iter().position(|id| *id == body.payment_id) else {
        return Err(Failure::field(
            "payment_id",
            "No staged PayPal payment has this id",
        ));
    };
    queue.remove(position);
    with_warning(&serde_json::json!({}), paypal_disabled(true))
}

// --- Promo codes -----------------------------------------------------------------------------

fn add_promo_code(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let body: PromoCodeCreate = ctx.json()?;
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
    ok(&promotion)
}

// --- Seed ------------------------------------------------------------------------------------

/// How many monthly invoices the seed writes (the account is two years old).
pub(crate) const SEEDED_INVOICES: usize = 22;

/// The month (index from the oldest invoice) the studio rented a render cluster: that
/// invoice has more items than fit one page at the default page size.
pub(crate) const RENDER_MONTH: usize = 15;

/// How many render nodes that month billed.
const RENDER_NODES: u32 = 112;

/// Invoices from this index on are under Akamai terms.
const AKAMAI_FROM: usize = 16;

/// Portuguese VAT, which every seeded invoice carries.
fn vat_rate() -> Decimal {
    Decimal::new(23, 2)
}

/// The studio's steady services: label, region, hourly price in ten-thousandths of a
/// dollar, and the first invoice (by index) that bills it.
const SERVICES: &[(&str, &str, i64, usize)] = &[
    ("Linode 4GB - web-lis-1", "pt-lis", 360, 0),
    ("Backup Service - web-lis-1", "pt-lis", 75, 0),
    ("Linode 4GB - web-lis-2", "pt-lis", 360, 4),
    ("Backup Service - web-lis-2", "pt-lis", 75, 4),
    ("NodeBalancer - lb-lis", "pt-lis", 150, 4),
    ("Block Storage - assets-lis (100 GB)", "pt-lis", 150, 7),
    ("Linode 8GB - worker-fra-1", "eu-central", 720, 11),
];

/// One line, its amount and tax rounded to the cent.
fn item(
    label: String,
    kind: InvoiceItemType,
    region: Option<&str>,
    from: PrimitiveDateTime,
    to: PrimitiveDateTime,
    quantity: u32,
    unit_price: Decimal,
) -> InvoiceItem {
    let amount = to_cents(unit_price * Decimal::from(quantity));
    let tax = to_cents(amount * vat_rate());
    InvoiceItem {
        extra: Default::default(),
        label,
        item_type: kind,
        region: region.map(str::to_owned),
        from: Timestamp::from_utc(from),
        to: Timestamp::from_utc(to),
        quantity,
        unit_price: Amount::Text(MoneyString::new(unit_price.normalize())),
        amount: Money::new(amount),
        tax: Some(Money::new(tax)),
        total: Some(Money::new(amount + tax)),
    }
}

/// The lines of the invoice at `index`, billing the month from `start` to `end` (`hours`
/// long).
fn month_items(
    index: usize,
    start: PrimitiveDateTime,
    end: PrimitiveDateTime,
    hours: u32,
) -> Vec<InvoiceItem> {
    let mut items: Vec<InvoiceItem> = SERVICES
        .iter()
        .filter(|(_, _, _, since)| index >= *since)
        .map(|(label, region, price, _)| {
            item(
                (*label).to_owned(),
                InvoiceItemType::Hourly,
                Some(region),
                start,
                end,
                hours,
                Decimal::new(*price, 4),
            )
        })
        .collect();
    if index >= 9 {
        items.push(item(
            "Object Storage - tallowbrook-renders".to_owned(),
            InvoiceItemType::Misc,
            Some("eu-central"),
            start,
            end,
            1,
            dollars(500),
        ));
    }
    if index == 12 {
        let day = start + Duration::days(13);
        items.push(item(
            "Credit - Lisbon network incident".to_owned(),
            InvoiceItemType::Misc,
            None,
            day,
            day,
            1,
            dollars(-300),
        ));
    }
    if index == RENDER_MONTH {
        for node in 1..=RENDER_NODES {
            let hours_used = 4 + (node * 7) % 37;
            let from = start
                + Duration::days(i64::from(node % 24))
                + Duration::hours(i64::from(8 + node % 5));
            items.push(item(
                format!("Dedicated 16GB - render-{node:03}"),
                InvoiceItemType::Hourly,
                Some("eu-central"),
                from,
                from + Duration::hours(i64::from(hours_used)),
                hours_used,
                Decimal::new(2160, 4),
            ));
        }
    }
    items
}

/// The 1st of the month `back` months before `(year, month)`, at midnight.
fn month_start(year: i32, month: Month, back: usize) -> Option<PrimitiveDateTime> {
    let months = i64::from(year) * 12 + i64::from(u8::from(month)) - 1 - back as i64;
    let year = i32::try_from(months.div_euclid(12)).ok()?;
    let month = Month::try_from(u8::try_from(months.rem_euclid(12) + 1).ok()?).ok()?;
    Date::from_calendar_date(year, month, 1)
        .ok()
        .map(Date::midnight)
}

/// Monthly invoices for the last 22 months (one with 120 lines), each paid by card the day
/// after it was issued, so the balance is zero.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    let now = at(0);
    let today = now.to_utc();
    for index in 0..SEEDED_INVOICES {
        let back = SEEDED_INVOICES - 1 - index;
        let (Some(issued), Some(start)) = (
            month_start(today.year(), today.month(), back),
            month_start(today.year(), today.month(), back + 1),
        ) else {
            continue;
        };
        let end = issued - Duration::seconds(1);
        let hours = u32::try_from((issued - start).whole_hours()).unwrap_or(0);
        let items = month_items(index, start, end, hours);
        let subtotal: Decimal = items.iter().map(|i| i.amount.amount()).sum();
        let tax: Decimal = items.iter().filter_map(|i| i.tax).map(|t| t.amount()).sum();
        let total = subtotal + tax;
        let id = store.next_id();
        let invoice = Invoice {
            extra: Default::default(),
            id,
            date: Timestamp::from_utc(issued),
            label: format!("Invoice - {} {}", start.month(), start.year()),
            // The oldest invoices predate `billing_source`: the live API leaves it out.
            billing_source: match index {
                0 => None,
                i if i >= AKAMAI_FROM => Some(InvoiceBillingSource::Akamai),
                _ => Some(InvoiceBillingSource::Linode),
            },
            subtotal: Money::new(subtotal),
            tax: Money::new(tax),
            tax_summary: vec![TaxSummary {
                extra: Default::default(),
                name: "PT VAT (23%)".to_owned(),
                tax: Money::new(tax),
            }],
            total: Money::new(total),
        };
        store.billing.invoices.insert(id, (invoice, items));

        // Charged to the default card the next morning (never later than the seed time).
        let minutes = i64::try_from(index * 13 % 50).unwrap_or(0);
        let charged = Timestamp::from_utc(
            issued + Duration::hours(33) + Duration::minutes(minutes) + Duration::seconds(17),
        );
        let payment = Payment {
            extra: Default::default(),
            id: store.next_id(),
            date: if charged > now { now } else { charged },
            usd: Amount::Text(usd_text(total)),
        };
        store.billing.payments.insert(payment.id, payment);
    }
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

    #[test]
    fn seeded_invoices_add_up_to_the_cent_and_are_paid() {
        let mut store = Store::new("t");
        crate::seed::seed(&mut store, crate::state::now());
        let billing = &store.billing;
        assert_eq!(billing.invoices.len(), SEEDED_INVOICES);
        let mut paid = Decimal::ZERO;
        let mut invoiced = Decimal::ZERO;
        for (invoice, items) in billing.invoices.values() {
            let subtotal: Decimal = items.iter().map(|i| i.amount.amount()).sum();
            assert_eq!(invoice.subtotal.amount(), subtotal);
            assert_eq!(
                invoice.subtotal.amount() + invoice.tax.amount(),
                invoice.total.amount()
            );
            for item in items {
                assert_eq!(
                    Some(item.amount.amount() + item.tax.unwrap_or_default().amount()),
                    item.total.map(|t| t.amount())
                );
                assert!(item.from <= item.to && item.to < invoice.date);
            }
            invoiced += invoice.total.amount();
        }
        for payment in billing.payments.values() {
            paid += payment.usd.amount();
        }
        assert_eq!(paid, invoiced);
        let biggest = billing.invoices.values().map(|(_, i)| i.len()).max();
        assert!(biggest > Some(100), "{biggest:?}");
    }
}
