//! The data `handlers::account::child_accounts` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

use linode_models::account::ChildAccount;

/// The child accounts, by euuid.
#[derive(Debug, Default)]
pub(crate) struct ChildAccounts {
    pub(crate) accounts: BTreeMap<String, ChildAccount>,
}
