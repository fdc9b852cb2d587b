//! `account::logins`: the account's logins.

use linode::account::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let logins = env.ok(&ListAccountLogins::default()).await;
    assert_eq!(logins.results, 30);
    let other = logins
        .data
        .iter()
        .find(|l| l.username != "mira_okafor")
        .unwrap()
        .clone();
    assert_eq!(env.ok(&GetAccountLogin { login_id: other.id }).await, other);
}
