//! Invoices and their items.
