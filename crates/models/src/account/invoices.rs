//! Invoices and their items.
//!
//! Amounts are exact decimals (see [`crate::account::Amount`] and the payments module for
//! how money is represented): `subtotal + tax == total` holds to the cent, no float rounding.

use linode_models_derive::Lossless;

use super::Amount;
use crate::{Extra, Money, Timestamp};

open_enum! {
    /// Under which terms an invoice was generated.
    pub enum InvoiceBillingSource {
        /// An agreement between the customer and Akamai.
        Akamai = "akamai",
        /// Linode's default terms, prices and discounts.
        Linode = "linode",
    }
}

open_enum! {
    /// The kind of service an invoice item bills.
    pub enum InvoiceItemType {
        /// A service billed by the hour.
        Hourly = "hourly",
        /// Anything else (one-off charges, credits...).
        Misc = "misc",
    }
}

/// One subtotal of an invoice's tax, by the authority that levies it.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct TaxSummary {
    /// Who levies this tax (e.g. a state or a country's VAT).
    pub name: String,
    /// The tax from this source, in US dollars.
    pub tax: Money,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// An invoice: what the account was billed for one period.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct Invoice {
    /// The invoice's id.
    pub id: u64,
    /// When the invoice was generated.
    pub date: Timestamp,
    /// The invoice's display label.
    pub label: String,
    /// Under which terms the invoice was generated; `None` on older invoices, which do not
    /// say.
    #[serde(default)]
    pub billing_source: Option<InvoiceBillingSource>,
    /// The amount before taxes, in US dollars.
    pub subtotal: Money,
    /// The tax levied, in US dollars.
    pub tax: Money,
    /// The tax, broken down by source.
    #[serde(default)]
    pub tax_summary: Vec<TaxSummary>,
    /// The amount after taxes, in US dollars.
    pub total: Money,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct InvoiceItem {
    /// The item's display label (e.g. the Linode's name and plan).
    pub label: String,
    /// The kind of service billed.
    #[serde(rename = "type")]
    pub item_type: InvoiceItemType,
    /// The region of the service, or `None` when no region applies (or, on older invoices,
    /// when the item does not say).
    #[serde(default)]
    pub region: Option<String>,
    /// Start of the billed period.
    pub from: Timestamp,
    /// End of the billed period.
    pub to: Timestamp,
    /// How many units were billed (e.g. hours).
    pub quantity: u32,
    /// The price of one unit, in US dollars. The spec types it a string but shows a number;
    /// an [`Amount`] takes either and writes back the same form.
    pub unit_price: Amount,
    /// The price before tax: the unit price times the quantity, in US dollars.
    pub amount: Money,
    /// The tax on this item, in US dollars; `None` on older invoices, which do not say.
    #[serde(default)]
    pub tax: Option<Money>,
    /// The price after tax, in US dollars; `None` on older invoices, which do not say.
    #[serde(default)]
    pub total: Option<Money>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}
