//! The data `handlers::profile::details` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use linode_models::profile::Profile;
use linode_models::profile::UserPreferences;
use linode_models::Secret;

/// The profile and its satellites.
#[derive(Debug)]
pub(crate) struct ProfileState {
    pub(crate) profile: Profile,
    pub(crate) preferences: UserPreferences,
    /// A number waiting for its code: (iso code, number).
    pub(crate) pending_phone: Option<(String, String)>,
    /// A TFA secret created but not confirmed yet.
    pub(crate) pending_tfa: Option<Secret>,
    /// Answers by question id.
    pub(crate) answers: Vec<(u64, Secret)>,
}
