//! The data `handlers::profile::ssh_keys` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

use linode_models::profile::SshKey;

/// The SSH keys, by id.
#[derive(Debug, Default)]
pub(crate) struct SshKeys {
    pub(crate) keys: BTreeMap<u64, SshKey>,
}
