//! The data `handlers::account::betas` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

use linode_models::account::EnrolledBetaProgram;

/// The enrollments, by program id.
#[derive(Debug, Default)]
pub(crate) struct Betas {
    pub(crate) enrolled: BTreeMap<String, EnrolledBetaProgram>,
}
