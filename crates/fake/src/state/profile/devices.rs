//! The data `handlers::profile::devices` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

use linode_models::profile::TrustedDevice;

/// The trusted devices, by id.
#[derive(Debug, Default)]
pub(crate) struct Devices {
    pub(crate) devices: BTreeMap<u64, TrustedDevice>,
}
