//! `account::child_accounts`: child accounts and their proxy tokens.

use linode::requests::{Filter, Pagination};
use linode::account::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let children = env.ok(&ListChildAccounts::default()).await;
    assert_eq!(children.results, 2);
    let norway = ListChildAccounts {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(ChildAccountField::Country, "NO")),
    };
    let norway = env.ok(&norway).await;
    assert_eq!(norway.data.len(), 1);
    assert!(children.data.contains(&norway.data[0]));
    let child = env
        .ok(&GetChildAccount::new(norway.data[0].euuid.clone()))
        .await;
    assert_eq!(child, norway.data[0]);

    let proxy = env.ok(&CreateProxyToken::new(child.euuid.clone())).await;
    assert!(proxy.expiry > proxy.created);
    assert!(!proxy.token.expose().is_empty());
    assert!(
        !format!("{proxy:?}").contains(proxy.token.expose()),
        "Debug hides the token"
    );
}
