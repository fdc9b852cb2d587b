//! The data `handlers::account::agreements` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use linode_models::account::Agreements;

/// The agreements and whether each was acknowledged.
#[derive(Debug)]
pub(crate) struct AgreementsState {
    pub(crate) signed: Agreements,
}
