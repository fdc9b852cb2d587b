//! The data `handlers::account::oauth_clients` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

use bytes::Bytes;
use linode_models::account::OAuthClient;

/// The clients by id, each with its full secret and thumbnail.
#[derive(Debug, Default)]
pub(crate) struct OAuthClients {
    pub(crate) clients: BTreeMap<String, (OAuthClient, Option<Bytes>)>,
}
