//! The account handlers' state, one module per handler module.

pub(crate) mod agreements;
pub(crate) mod betas;
pub(crate) mod child_accounts;
pub(crate) mod details;
pub(crate) mod events;
pub(crate) mod invoices;
pub(crate) mod logins;
pub(crate) mod oauth_clients;
pub(crate) mod payment_methods;
pub(crate) mod payments;
pub(crate) mod service_transfers;
pub(crate) mod users;
