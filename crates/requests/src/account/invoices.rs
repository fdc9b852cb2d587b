//! Invoices and their items.
//!
//! Amounts are exact decimals, never floats: [`linode_models::Money`] for the JSON numbers of
//! totals and taxes, [`linode_models::account::Amount`] for an item's `unit_price`.

use linode_models::account::{Invoice, InvoiceItem};
use linode_models::Page;

use crate::filter::Filter;
use crate::operation_info::OperationInfo;
use crate::{BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListInvoices>(),
    OperationInfo::json::<GetInvoice>(),
    OperationInfo::json::<ListInvoiceItems>(),
];

filter_fields! {
    /// The fields invoices can be filtered and ordered on.
    pub enum InvoiceField {
        /// `billing_source` (`akamai` or `linode`).
        BillingSource => "billing_source",
        /// `date`, when the invoice was generated.
        Date => "date",
        /// `label`
        Label => "label",
        /// `total`, the amount after taxes.
        Total => "total",
    }
}

/// Lists the account's invoices, a page at a time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListInvoices {
    /// Which page, and its size.
    pub pagination: Pagination,
    /// Which invoices, in which order.
    pub filter: Option<Filter<InvoiceField>>,
}

impl Operation for ListInvoices {
    const META: Metadata = Metadata {
        id: "get-invoices",
        name: "account::ListInvoices",
        summary: "List invoices",
        path: "/account/invoices",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<Invoice>;

    fn write_query(&self, query: &mut QueryWriter<'_>) -> Result<(), BuildError> {
        self.pagination.write_query(query)
    }

    fn x_filter(&self) -> Result<Option<http::HeaderValue>, BuildError> {
        self.filter
            .as_ref()
            .map(Filter::to_header_value)
            .transpose()
    }
}

list_operation!(ListInvoices);

/// Views one invoice, with its totals and tax breakdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetInvoice {
    /// The invoice's id.
    pub invoice_id: u64,
}

impl Operation for GetInvoice {
    const META: Metadata = Metadata {
        id: "get-invoice",
        name: "account::GetInvoice",
        summary: "Get an invoice",
        path: "/account/invoices/{invoice_id}",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Invoice;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.invoice_id)
    }
}

/// Lists the lines of one invoice, a page at a time. The API documents no filterable field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListInvoiceItems {
    /// The invoice's id.
    pub invoice_id: u64,
    /// Which page, and its size.
    pub pagination: Pagination,
}

impl ListInvoiceItems {
    /// The first page of the items of invoice `invoice_id`, at the API's default page size.
    pub fn new(invoice_id: u64) -> Self {
        Self {
            invoice_id,
            pagination: Pagination::new(),
        }
    }
}

impl Operation for ListInvoiceItems {
    const META: Metadata = Metadata {
        id: "get-invoice-items",
        name: "account::ListInvoiceItems",
        summary: "List invoice items",
        path: "/account/invoices/{invoice_id}/items",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<InvoiceItem>;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.invoice_id)
    }

    fn write_query(&self, query: &mut QueryWriter<'_>) -> Result<(), BuildError> {
        self.pagination.write_query(query)
    }
}

list_operation!(ListInvoiceItems);

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListInvoices { pagination, filter }
    GetInvoice { invoice_id }
    ListInvoiceItems { invoice_id, pagination }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Order;
    use crate::testing::*;
    use crate::ListOperation;
    use linode_models::account::{InvoiceBillingSource, InvoiceItemType};

    const INVOICE: &str = r#"{
        "id": 90412, "date": "2025-03-01T06:12:40", "label": "Invoice #90412",
        "billing_source": "linode", "subtotal": 120.25, "tax": 10.83,
        "tax_summary": [{"name": "NJ STATE TAX", "tax": 7.97}, {"name": "COUNTY TAX", "tax": 2.86}],
        "total": 131.08
    }"#;

    const ITEM: &str = r#"{
        "label": "Linode 4GB - web-frontend-2", "type": "hourly", "region": "us-iad",
        "from": "2025-02-01T00:00:00", "to": "2025-02-28T23:59:59", "quantity": 672,
        "unit_price": "0.036", "amount": 24.19, "tax": 1.69, "total": 25.88
    }"#;

    #[test]
    fn list_builds_with_pagination_and_a_typed_filter() {
        let op = ListInvoices {
            pagination: Pagination::new().page(2).page_size(50),
            filter: Some(
                Filter::gte(InvoiceField::Total, 100)
                    .and(Filter::eq(InvoiceField::BillingSource, "akamai"))
                    .order_by(InvoiceField::Date, Order::Desc),
            ),
        };
        let req = build(&op);
        assert_request(
            &req,
            "GET",
            "/v4/account/invoices?page=2&page_size=50",
            None,
        );
        assert_eq!(
            header(&req, "x-filter"),
            Some(
                r#"{"+and":[{"total":{"+gte":100}},{"billing_source":"akamai"}],"+order":"desc","+order_by":"date"}"#
            )
        );
        assert_request(
            &build(&ListInvoices::default()),
            "GET",
            "/v4/account/invoices",
            None,
        );
    }

    #[test]
    fn list_parses_a_page_with_exact_amounts() {
        let page = parse_ok::<ListInvoices>(
            200,
            &format!(r#"{{"data": [{INVOICE}], "page": 1, "pages": 3, "results": 61}}"#),
        );
        assert_eq!((page.page, page.pages, page.results), (1, 3, 61));
        assert!(page.has_next());
        let invoice = &page.data[0];
        assert_eq!(invoice.billing_source, Some(InvoiceBillingSource::Linode));
        assert_eq!(invoice.subtotal.amount().to_string(), "120.25");
        assert_eq!(invoice.total.amount().to_string(), "131.08");
    }

    #[test]
    fn get_builds_and_parses_totals_to_the_cent() {
        let req = build(&GetInvoice { invoice_id: 90412 });
        assert_request(&req, "GET", "/v4/account/invoices/90412", None);
        let invoice = parse_ok::<GetInvoice>(200, INVOICE);
        assert_eq!(invoice.label, "Invoice #90412");
        assert_eq!(invoice.date.to_string(), "2025-03-01T06:12:40");
        assert_eq!(invoice.subtotal.amount().to_string(), "120.25");
        assert_eq!(invoice.tax.amount().to_string(), "10.83");
        // Exact: with f64, 120.25 + 10.83 == 131.07999999999998.
        assert_eq!(
            invoice.subtotal.amount() + invoice.tax.amount(),
            invoice.total.amount()
        );
        assert_eq!(invoice.tax_summary[1].name, "COUNTY TAX");
        assert_eq!(invoice.tax_summary[1].tax.amount().to_string(), "2.86");
    }

    #[test]
    fn items_build_with_the_invoice_id_and_pagination() {
        let req = build(&ListInvoiceItems::new(90412));
        assert_request(&req, "GET", "/v4/account/invoices/90412/items", None);
        let mut op = ListInvoiceItems::new(90412);
        op.set_page(4);
        op.pagination = op.pagination.page_size(25);
        assert_request(
            &build(&op),
            "GET",
            "/v4/account/invoices/90412/items?page=4&page_size=25",
            None,
        );
    }

    #[test]
    fn items_parse_exact_prices_and_a_null_region() {
        let account_credit = r#"{"label": "Account credit", "type": "misc", "region": null,
            "from": "2025-02-01T00:00:00", "to": "2025-02-28T23:59:59", "quantity": 1,
            "unit_price": -5, "amount": -5, "tax": 0, "total": -5}"#;
        let page = parse_ok::<ListInvoiceItems>(
            200,
            &format!(
                r#"{{"data": [{ITEM}, {account_credit}], "page": 1, "pages": 1, "results": 2}}"#
            ),
        );
        let hourly = &page.data[0];
        assert_eq!(hourly.item_type, InvoiceItemType::Hourly);
        assert_eq!(hourly.region.as_deref(), Some("us-iad"));
        assert_eq!(hourly.quantity, 672);
        assert_eq!(hourly.unit_price.amount().to_string(), "0.036");
        assert_eq!(hourly.amount.amount().to_string(), "24.19");
        assert_eq!(hourly.total.unwrap().amount().to_string(), "25.88");
        let credit = &page.data[1];
        assert_eq!(credit.item_type, InvoiceItemType::Misc);
        assert_eq!(credit.region, None);
        assert!(credit.total.unwrap().amount().is_sign_negative());
        // Both forms of unit_price are written back as they came.
        let back = serde_json::to_value(&page.data).unwrap();
        assert_eq!(back[0]["unit_price"], "0.036");
        assert_eq!(back[1]["unit_price"], -5);
        assert_eq!(back[1]["region"], serde_json::Value::Null);
    }

    #[test]
    fn zero_and_oversized_pages_are_refused_before_sending() {
        let op = ListInvoices {
            pagination: Pagination::new().page_size(1000),
            filter: None,
        };
        assert!(op.to_http_request(&config()).is_err());
        let mut items = ListInvoiceItems::new(1);
        items.pagination = Pagination::new().page(0);
        assert!(items.to_http_request(&config()).is_err());
    }

    #[test]
    fn a_missing_invoice_is_a_404_and_a_narrow_token_a_403() {
        let err = parse_err::<GetInvoice>(404, r#"{"errors": [{"reason": "Not found"}]}"#);
        assert_eq!(err.status.as_u16(), 404);
        assert_eq!(err.errors[0].reason, "Not found");
        let err = parse_err::<ListInvoiceItems>(
            403,
            r#"{"errors": [{"reason": "You do not have permission to access this resource."}]}"#,
        );
        assert_eq!(err.status.as_u16(), 403);
        assert_eq!(err.required_scopes, &[Scope::AccountReadOnly]);
    }
}
