//! `profile::logins`: the profile's own logins.

use linode::profile::*;

use super::OWNER;
use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let logins = env.ok(&ListProfileLogins::default()).await;
    assert_eq!(logins.results, 10);
    assert!(
        logins.data.iter().all(|l| l.username == OWNER),
        "only one's own logins"
    );
    let login = env
        .ok(&GetProfileLogin {
            login_id: logins.data[3].id,
        })
        .await;
    assert_eq!(login, logins.data[3]);
}
