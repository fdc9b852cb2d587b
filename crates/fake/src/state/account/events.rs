//! The data `handlers::account::events` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

use linode_models::account::Event;

/// The events, by id.
#[derive(Debug, Default)]
pub(crate) struct Events {
    pub(crate) events: BTreeMap<u64, Event>,
}
