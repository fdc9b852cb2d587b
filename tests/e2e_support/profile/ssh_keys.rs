//! `profile::ssh_keys`: SSH keys listed, filtered, added, renamed, deleted.

use linode::models::profile::SshKeyUpdate;
use linode::requests::{Filter, Pagination};
use http::StatusCode;
use linode::profile::*;

use super::KEY;
use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let seeded = env.ok(&ListSshKeys::default()).await;
    assert_eq!(seeded.results, 3);
    assert_eq!(seeded.data.len(), 3);

    let created = env.ok(&CreateSshKey::new("e2e-laptop", KEY)).await;
    assert_eq!(
        (created.label.as_str(), created.ssh_key.as_str()),
        ("e2e-laptop", KEY)
    );
    assert!(seeded.data.iter().all(|k| k.id != created.id), "a new id");
    assert_eq!(
        env.ok(&GetSshKey {
            ssh_key_id: created.id
        })
        .await,
        created
    );
    let by_label = ListSshKeys {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(SshKeyField::Label, "e2e-laptop")),
    };
    assert_eq!(env.ok(&by_label).await.data, vec![created.clone()]);

    let renamed = env
        .ok(&UpdateSshKey {
            ssh_key_id: created.id,
            body: SshKeyUpdate {
                label: Some("e2e-desk".into()),
            },
        })
        .await;
    assert_eq!(renamed.label, "e2e-desk");
    assert_eq!(
        (renamed.ssh_key.as_str(), renamed.created),
        (KEY, created.created)
    );
    assert_eq!(
        env.ok(&GetSshKey {
            ssh_key_id: created.id
        })
        .await,
        renamed
    );

    env.ok(&DeleteSshKey {
        ssh_key_id: created.id,
    })
    .await;
    let gone = env
        .api_err(&GetSshKey {
            ssh_key_id: created.id,
        })
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(env.ok(&ListSshKeys::default()).await.data, seeded.data);
}
