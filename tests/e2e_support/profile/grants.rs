//! `profile::grants`: the profile's grants (the owner's: unrestricted, a 204).

use linode::profile::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    // The owner is unrestricted: the API answers 204 and the SDK says so.
    assert!(env.ok(&GetProfileGrants).await.is_unrestricted());
}
