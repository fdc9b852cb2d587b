//! Each Profile operation the fake implements: the happy path and an error, through the
//! SDK's own operation types.

mod support;

use http::StatusCode;
use linode_fake::FakeLinode;
use linode_models::profile::SshKeyUpdate;
use linode_requests::profile::{CreateSshKey, DeleteSshKey, GetSshKey, ListSshKeys, UpdateSshKey};
use support::*;

const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIProfileOpsTestKeyMaterial0002 ops@test";

#[tokio::test]
async fn ssh_keys_lifecycle() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());

    let seeded = ok(url, token, &ListSshKeys::default()).await;
    assert_eq!(seeded.results, 3);
    assert!(seeded
        .data
        .iter()
        .all(|k| k.ssh_key.starts_with("ssh-") || k.ssh_key.starts_with("ecdsa-")));

    let created = ok(url, token, &CreateSshKey::new("deploy-bot", KEY)).await;
    assert_eq!(created.label, "deploy-bot");
    assert_eq!(created.ssh_key, KEY);
    let got = ok(
        url,
        token,
        &GetSshKey {
            ssh_key_id: created.id,
        },
    )
    .await;
    assert_eq!(got, created);

    let updated = ok(
        url,
        token,
        &UpdateSshKey {
            ssh_key_id: created.id,
            body: SshKeyUpdate {
                label: Some("deploy-bot-2".into()),
            },
        },
    )
    .await;
    assert_eq!(updated.label, "deploy-bot-2");
    assert_eq!(updated.created, created.created);
    // An empty update changes nothing.
    let same = ok(
        url,
        token,
        &UpdateSshKey {
            ssh_key_id: created.id,
            body: SshKeyUpdate::default(),
        },
    )
    .await;
    assert_eq!(same, updated);

    ok(
        url,
        token,
        &DeleteSshKey {
            ssh_key_id: created.id,
        },
    )
    .await;
    let err = api_err(
        url,
        token,
        &GetSshKey {
            ssh_key_id: created.id,
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);
    let err = api_err(
        url,
        token,
        &DeleteSshKey {
            ssh_key_id: created.id,
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);
    let err = api_err(
        url,
        token,
        &UpdateSshKey {
            ssh_key_id: 1,
            body: SshKeyUpdate::default(),
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);
    fake.stop().await;
}

#[tokio::test]
async fn ssh_key_validation() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let err = api_err(url, token, &CreateSshKey::new("bad", "not a key")).await;
    assert_eq!(err.status, StatusCode::BAD_REQUEST);
    assert!(err.has_field_error("ssh_key"), "{err}");
    let err = api_err(url, token, &CreateSshKey::new("x".repeat(65), KEY)).await;
    assert!(err.has_field_error("label"), "{err}");
    let id = ok(url, token, &ListSshKeys::default()).await.data[0].id;
    let err = api_err(
        url,
        token,
        &UpdateSshKey {
            ssh_key_id: id,
            body: SshKeyUpdate {
                label: Some("y".repeat(70)),
            },
        },
    )
    .await;
    assert!(err.has_field_error("label"), "{err}");
    fake.stop().await;
}
