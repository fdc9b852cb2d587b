//! `account::details`: the account read and changed, its network transfer, then canceled.

use linode::models::account::{AccountCancel, AccountUpdate};
use http::StatusCode;
use linode::account::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let account = env.ok(&GetAccount).await;
    assert_eq!(
        (account.company.as_str(), account.country.as_str()),
        ("Tallowbrook Studio", "PT")
    );
    let updated = env
        .ok(&UpdateAccount {
            body: AccountUpdate {
                city: Some("Braga".into()),
                zip: Some("4700-320".into()),
                ..Default::default()
            },
        })
        .await;
    assert_eq!(
        (updated.city.as_str(), updated.zip.as_str()),
        ("Braga", "4700-320")
    );
    assert_eq!(
        (updated.email.as_str(), updated.euuid.as_str()),
        (account.email.as_str(), account.euuid.as_str())
    );
    assert_eq!(env.ok(&GetAccount).await, updated);

    let transfer = env.ok(&GetNetworkTransfer).await;
    assert!(!transfer.region_transfers.is_empty());
    assert_eq!(
        transfer.used,
        transfer
            .region_transfers
            .iter()
            .map(|r| r.used)
            .sum::<u64>()
    );

    let cancelled = env
        .ok(&CancelAccount {
            body: AccountCancel {
                comments: Some("Consolidating into the parent account".into()),
            },
        })
        .await;
    assert!(
        cancelled.survey_link.starts_with("https://"),
        "{}",
        cancelled.survey_link
    );
    let twice = env
        .api_err(&CancelAccount {
            body: AccountCancel { comments: None },
        })
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "already cancelled");
}
