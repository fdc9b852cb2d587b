//! The data `handlers::account::service_transfers` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

use linode_models::account::ServiceTransfer;

/// The transfers, by token.
#[derive(Debug, Default)]
pub(crate) struct Transfers {
    pub(crate) transfers: BTreeMap<String, ServiceTransfer>,
}
