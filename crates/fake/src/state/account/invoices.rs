//! The data `handlers::account::invoices` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

use linode_models::account::Invoice;
use linode_models::account::InvoiceItem;

/// The invoices, each with its items, by id.
#[derive(Debug, Default)]
pub(crate) struct Invoices {
    pub(crate) invoices: BTreeMap<u64, (Invoice, Vec<InvoiceItem>)>,
}
