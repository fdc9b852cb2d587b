//! The data `handlers::account::users` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

use linode_models::account::Grants;
use linode_models::account::User;

/// The users, by username, with the grants of restricted ones.
#[derive(Debug)]
pub(crate) struct Users {
    pub(crate) users: BTreeMap<String, (User, Option<Grants>)>,
    /// The entities of the account that grants can name (linodes, domains...), as an
    /// unrestricted user's grants would list them with no permission.
    pub(crate) entities: Grants,
}
