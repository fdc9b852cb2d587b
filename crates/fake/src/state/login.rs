//! The data `login` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

use crate::scopes::Scopes;

/// Codes waiting for their exchange, and refresh tokens.
#[derive(Debug)]
pub(crate) struct LoginState {
    /// How long an access token lives, in seconds.
    pub(crate) access_lifetime_secs: i64,
    pub(crate) codes: BTreeMap<String, PendingCode>,
    pub(crate) refresh: BTreeMap<String, Issued>,
}

#[derive(Debug)]
pub(crate) struct PendingCode {
    pub(crate) client_id: String,
    pub(crate) scopes: Scopes,
    pub(crate) redirect_uri: String,
    pub(crate) challenge: Option<String>,
    pub(crate) expires: i64,
}

#[derive(Debug)]
pub(crate) struct Issued {
    pub(crate) client_id: String,
    pub(crate) scopes: Scopes,
    pub(crate) access_token: String,
}
