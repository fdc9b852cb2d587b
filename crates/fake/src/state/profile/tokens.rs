//! The data `handlers::profile::tokens` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

use linode_models::profile::PersonalAccessToken;

/// The tokens, by id, with their full secret values.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    pub(crate) tokens: BTreeMap<u64, PersonalAccessToken>,
}
