//! The data `handlers::profile::apps` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

use linode_models::profile::AuthorizedApp;

/// The authorized apps, by id.
#[derive(Debug, Default)]
pub(crate) struct Apps {
    pub(crate) apps: BTreeMap<u64, AuthorizedApp>,
}
