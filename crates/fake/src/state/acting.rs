//! The data `acting` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

/// The proxy tokens and their lifetime.
#[derive(Debug)]
pub(crate) struct Acting {
    /// How long a new proxy token lives, in seconds.
    pub(crate) proxy_lifetime_secs: i64,
    /// The child account (euuid) of each proxy token.
    pub(crate) proxy: BTreeMap<String, String>,
}
