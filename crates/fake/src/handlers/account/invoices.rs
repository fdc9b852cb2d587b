//! `/account/invoices`: the monthly invoices and their items.
//!
//! Money is exact from end to end: amounts are [`Decimal`]s inside the models' [`Money`] and
//! [`MoneyString`], computed and compared as decimals, never as floats. Seeded invoices add
//! up to the cent (`subtotal + tax == total`, each item's tax rounded once), and each is
//! paid in full (`account/payments`).

use linode_models::account::{
    Amount, Invoice, InvoiceBillingSource, InvoiceItem, InvoiceItemType, Payment, TaxSummary,
};
use linode_models::{Money, MoneyString, Page, Timestamp};
use linode_requests::account::{GetInvoice, ListInvoiceItems, ListInvoices};
use rust_decimal::{Decimal, RoundingStrategy};
use time::{Date, Duration, Month, PrimitiveDateTime};

use super::payments::{dollars, usd_text};
use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    ListInvoices => list_invoices,
    GetInvoice => get_invoice,
    ListInvoiceItems => list_invoice_items,
}

/// Rounds to the cent, half away from zero, as an invoice rounds each line.
fn to_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn list_invoices(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListInvoices,
) -> Result<Page<Invoice>, Failure> {
    ctx.list_filtered(
        store.invoices.invoices.values().map(|(invoice, _)| invoice),
        op.pagination,
        op.filter.as_ref(),
    )
}

fn find_invoice(store: &Store, id: u64) -> Result<&(Invoice, Vec<InvoiceItem>), Failure> {
    store
        .invoices
        .invoices
        .get(&id)
        .ok_or_else(Failure::not_found)
}

fn get_invoice(store: &mut Store, _ctx: &Ctx<'_>, op: GetInvoice) -> Result<Invoice, Failure> {
    let (invoice, _) = find_invoice(store, op.invoice_id)?;
    Ok(invoice.clone())
}

fn list_invoice_items(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListInvoiceItems,
) -> Result<Page<InvoiceItem>, Failure> {
    let (_, items) = find_invoice(store, op.invoice_id)?;
    ctx.list(items.iter(), op.pagination)
}

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
        store.invoices.invoices.insert(id, (invoice, items));

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
        store.payments.payments.insert(payment.id, payment);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_invoices_add_up_to_the_cent_and_are_paid() {
        let mut store = Store::new("t");
        crate::seed::seed(&mut store, crate::state::now());
        let invoices = &store.invoices.invoices;
        assert_eq!(invoices.len(), SEEDED_INVOICES);
        let mut paid = Decimal::ZERO;
        let mut invoiced = Decimal::ZERO;
        for (invoice, items) in invoices.values() {
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
        for payment in store.payments.payments.values() {
            paid += payment.usd.amount();
        }
        assert_eq!(paid, invoiced);
        let biggest = invoices.values().map(|(_, i)| i.len()).max();
        assert!(biggest > Some(100), "{biggest:?}");
    }
}
