//! The data `handlers::account::logins` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

use linode_models::account::Login;

/// The logins, by id.
#[derive(Debug, Default)]
pub(crate) struct Logins {
    pub(crate) logins: BTreeMap<u64, Login>,
}
