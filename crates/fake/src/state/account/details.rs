//! The data `handlers::account::details` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use linode_models::account::Account;
use linode_models::account::AccountSettings;
use linode_models::account::Maintenance;
use linode_models::account::Notification;

/// The account and what hangs off it.
#[derive(Debug)]
pub(crate) struct AccountState {
    pub(crate) account: Account,
    pub(crate) settings: AccountSettings,
    pub(crate) canceled: bool,
    pub(crate) notifications: Vec<Notification>,
    pub(crate) maintenance: Vec<Maintenance>,
}
