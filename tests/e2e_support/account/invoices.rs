//! `account::invoices`: invoices listed, filtered, read, their items paged; amounts exact.

use linode::requests::{Filter, Pagination};
use http::StatusCode;
use linode::account::*;
use rust_decimal::Decimal;

use crate::e2e_support::{Api, Cursor, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
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
