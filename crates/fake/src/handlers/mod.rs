//! The handlers, keyed by the SDK's operation types, in the same tree as the request
//! modules: the handler of `linode_requests::account::payments::CreatePayment` is in
//! `handlers/account/payments.rs`, registered with [`handlers!`](crate::handler::handlers)
//! (see [`crate::handler`] for what a handler is). This module gathers every module's table
//! and seed data.

use linode_models::Timestamp;

use crate::handler::Entry;
use crate::state::Store;

pub(crate) mod account;
pub(crate) mod profile;

/// Every module's handlers.
static TABLES: &[&[Entry]] = &[
    profile::details::HANDLERS,
    profile::tokens::HANDLERS,
    profile::apps::HANDLERS,
    profile::devices::HANDLERS,
    profile::grants::HANDLERS,
    profile::logins::HANDLERS,
    profile::phone::HANDLERS,
    profile::preferences::HANDLERS,
    profile::security_questions::HANDLERS,
    profile::ssh_keys::HANDLERS,
    profile::tfa::HANDLERS,
    account::details::HANDLERS,
    account::settings::HANDLERS,
    account::events::HANDLERS,
    account::notifications::HANDLERS,
    account::maintenance::HANDLERS,
    account::invoices::HANDLERS,
    account::payments::HANDLERS,
    account::payment_methods::HANDLERS,
    account::promotions::HANDLERS,
    account::logins::HANDLERS,
    account::users::HANDLERS,
    account::oauth_clients::HANDLERS,
    account::entity_transfers::HANDLERS,
    account::service_transfers::HANDLERS,
    account::agreements::HANDLERS,
    account::availability::HANDLERS,
    account::betas::HANDLERS,
    account::child_accounts::HANDLERS,
];

/// Every registered handler.
pub(crate) fn all() -> impl Iterator<Item = &'static Entry> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// The handler of the operation with this `operationId`, if the fake implements it.
pub(crate) fn find(operation_id: &str) -> Option<&'static Entry> {
    all().find(|entry| entry.meta.id == operation_id)
}

/// Fills `store` with every module's seed data, dated by `at(days)`.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    profile::details::seed(store, at);
    profile::tokens::seed(store, at);
    profile::ssh_keys::seed(store, at);
    profile::apps::seed(store, at);
    profile::devices::seed(store, at);
    account::logins::seed(store, at);
    account::users::seed(store, at);
    account::oauth_clients::seed(store, at);
    account::service_transfers::seed(store, at);
    account::agreements::seed(store, at);
    account::betas::seed(store, at);
    account::child_accounts::seed(store, at);
    account::details::seed(store, at);
    account::payment_methods::seed(store, at);
    account::invoices::seed(store, at);
    account::events::seed(store, at);
}
