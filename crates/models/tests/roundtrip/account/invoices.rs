//! Round trips of the models of `linode_requests::account::invoices`'s operations.

use linode_models::account::{
    Invoice, InvoiceBillingSource, InvoiceItem, InvoiceItemType, TaxSummary,
};
use linode_models::Page;

crate::roundtrip_tests! {
    invoice_billing_source: InvoiceBillingSource,
    invoice_item_type: InvoiceItemType,
    tax_summary: TaxSummary,
    invoice: Invoice,
    invoice_page: Page<Invoice>,
    invoice_item: InvoiceItem,
    invoice_item_page: Page<InvoiceItem>,
}

#[test]
fn invoice_amounts_are_exact() {
    let invoice: Invoice = serde_json::from_str(
        r#"{"id": 90412, "date": "2025-03-01T06:12:40", "label": "Invoice #90412",
            "billing_source": "linode", "subtotal": 120.25, "tax": 10.83,
            "tax_summary": [{"name": "NJ STATE TAX", "tax": 7.97}, {"name": "COUNTY TAX", "tax": 2.86}],
            "total": 131.08}"#,
    )
    .unwrap();
    assert_eq!(invoice.subtotal.amount().to_string(), "120.25");
    assert_eq!(invoice.tax.amount().to_string(), "10.83");
    // Exact decimal arithmetic: in f64, 120.25 + 10.83 is 131.07999999999998.
    assert_eq!(
        invoice.subtotal.amount() + invoice.tax.amount(),
        invoice.total.amount()
    );
    let summed: rust_decimal::Decimal = invoice.tax_summary.iter().map(|t| t.tax.amount()).sum();
    assert_eq!(summed, invoice.tax.amount());
    let back = serde_json::to_value(&invoice).unwrap();
    assert_eq!(back["total"].to_string(), "131.08");
    assert_eq!(back["tax_summary"][1]["tax"].to_string(), "2.86");
}
