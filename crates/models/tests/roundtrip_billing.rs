//! Round trips of the billing models: invoices, payments, payment methods, promotions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

mod support;

use linode_models::account::{
    Amount, CardInfo, CreditCardCreate, Invoice, InvoiceBillingSource, InvoiceItem,
    InvoiceItemType, PayPalInfo, PayPalPaymentCreate, PayPalPaymentExecute, PayPalPaymentStaged,
    Payment, PaymentCreate, PaymentMethod, PaymentMethodCreate, PaymentMethodData,
    PaymentMethodType, PromoCodeCreate, Promotion, PromotionServiceType, TaxSummary,
};
use linode_models::Page;

roundtrip_tests! {
    amount: Amount,
    invoice_billing_source: InvoiceBillingSource,
    invoice_item_type: InvoiceItemType,
    tax_summary: TaxSummary,
    invoice: Invoice,
    invoice_page: Page<Invoice>,
    invoice_item: InvoiceItem,
    invoice_item_page: Page<InvoiceItem>,
    payment: Payment,
    payment_page: Page<Payment>,
    payment_create: PaymentCreate,
    paypal_payment_create: PayPalPaymentCreate,
    paypal_payment_staged: PayPalPaymentStaged,
    paypal_payment_execute: PayPalPaymentExecute,
    payment_method_type: PaymentMethodType,
    card_info: CardInfo,
    paypal_info: PayPalInfo,
    payment_method_data: PaymentMethodData,
    payment_method: PaymentMethod,
    payment_method_page: Page<PaymentMethod>,
    credit_card_create: CreditCardCreate,
    payment_method_create: PaymentMethodCreate,
    promotion_service_type: PromotionServiceType,
    promotion: Promotion,
    promo_code_create: PromoCodeCreate,
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

#[test]
fn unknown_enum_values_and_payment_method_shapes_survive() {
    let pm: PaymentMethod = serde_json::from_str(
        r#"{"id": 3, "type": "bank_transfer", "is_default": false, "created": "2024-11-02T08:00:00",
            "data": {"iban_last": "0042"}}"#,
    )
    .unwrap();
    assert_eq!(
        pm.method_type,
        PaymentMethodType::Unknown("bank_transfer".into())
    );
    assert!(pm.card().is_none() && pm.paypal().is_none());
    assert_eq!(
        serde_json::to_value(&pm).unwrap()["data"],
        serde_json::json!({"iban_last": "0042"})
    );
}
