//! `profile::tfa`: two-factor authentication enabled, confirmed, disabled.

use linode::profile::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let secret = env.ok(&CreateTfaSecret).await;
    assert!(!secret.secret.expose().is_empty());
    assert!(!format!("{secret:?}").contains(secret.secret.expose()));
    let scratch = env.ok(&ConfirmTfa::new("730194")).await;
    assert!(!scratch.scratch.expose().is_empty());
    assert!(env.ok(&GetProfile).await.two_factor_auth);
    env.ok(&DisableTfa).await;
    assert!(!env.ok(&GetProfile).await.two_factor_auth);
}
