//! The handlers of `linode_requests::account`, one module per request module.

pub(crate) mod agreements;
pub(crate) mod availability;
pub(crate) mod betas;
pub(crate) mod child_accounts;
pub(crate) mod details;
pub(crate) mod entity_transfers;
pub(crate) mod events;
pub(crate) mod invoices;
pub(crate) mod logins;
pub(crate) mod maintenance;
pub(crate) mod notifications;
pub(crate) mod oauth_clients;
pub(crate) mod payment_methods;
pub(crate) mod payments;
pub(crate) mod promotions;
pub(crate) mod service_transfers;
pub(crate) mod settings;
pub(crate) mod users;
