//! The `account` models, one module per request module of `linode_requests::account`.

mod agreements;
mod availability;
mod betas;
mod child_accounts;
mod details;
mod entity_transfers;
mod events;
mod invoices;
mod logins;
mod maintenance;
mod notifications;
mod oauth_clients;
mod payment_methods;
mod payments;
mod promotions;
mod service_transfers;
mod settings;
mod users;
