//! `/profile/sshkeys`: the SSH keys on the profile.

use linode_models::profile::SshKey;
use linode_models::{Empty, Page, Timestamp};
use linode_requests::profile::{CreateSshKey, DeleteSshKey, GetSshKey, ListSshKeys, UpdateSshKey};

use crate::handler::{check_length, collected, handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    ListSshKeys => list,
    GetSshKey => get,
    CreateSshKey => create,
    UpdateSshKey => update,
    DeleteSshKey => delete,
}

/// The key types the API accepts.
const KEY_TYPES: &[&str] = &[
    "ssh-dss",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "ssh-ed25519",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "sk-ssh-ed25519@openssh.com",
];

fn list(store: &mut Store, ctx: &Ctx<'_>, op: ListSshKeys) -> Result<Page<SshKey>, Failure> {
    ctx.list_filtered(
        store.ssh_keys.keys.values(),
        op.pagination,
        op.filter.as_ref(),
    )
}

fn find(store: &mut Store, id: u64) -> Result<&mut SshKey, Failure> {
    store
        .ssh_keys
        .keys
        .get_mut(&id)
        .ok_or_else(Failure::not_found)
}

fn get(store: &mut Store, _ctx: &Ctx<'_>, op: GetSshKey) -> Result<SshKey, Failure> {
    find(store, op.ssh_key_id).cloned()
}

fn check_key(errors: &mut Vec<linode_models::FieldError>, key: &str) {
    let mut parts = key.split_whitespace();
    let kind = parts.next().unwrap_or("");
    let data = parts.next().unwrap_or("");
    if !KEY_TYPES.contains(&kind) || data.len() < 16 {
        errors.push(linode_models::FieldError {
            field: Some("ssh_key".to_owned()),
            reason:
                "Invalid SSH key: expected \"<type> <base64 data> [comment]\" with a supported type"
                    .to_owned(),
        });
    }
}

fn create(store: &mut Store, ctx: &Ctx<'_>, op: CreateSshKey) -> Result<SshKey, Failure> {
    let body = op.body;
    let mut errors = Vec::new();
    let label = body.label.unwrap_or_default();
    check_length(&mut errors, "label", &label, 0, 64);
    check_key(&mut errors, &body.ssh_key);
    collected(errors)?;
    Ok(insert(store, label, body.ssh_key, ctx.now))
}

fn update(store: &mut Store, _ctx: &Ctx<'_>, op: UpdateSshKey) -> Result<SshKey, Failure> {
    let body = op.body;
    find(store, op.ssh_key_id)?;
    if let Some(label) = &body.label {
        let mut errors = Vec::new();
        check_length(&mut errors, "label", label, 0, 64);
        collected(errors)?;
    }
    let key = find(store, op.ssh_key_id)?;
    if let Some(label) = body.label {
        key.label = label;
    }
    Ok(key.clone())
}

fn delete(store: &mut Store, _ctx: &Ctx<'_>, op: DeleteSshKey) -> Result<Empty, Failure> {
    store
        .ssh_keys
        .keys
        .remove(&op.ssh_key_id)
        .ok_or_else(Failure::not_found)?;
    Ok(Empty::default())
}

fn insert(store: &mut Store, label: String, ssh_key: String, created: Timestamp) -> SshKey {
    let key = SshKey {
        extra: Default::default(),
        id: store.next_id(),
        label,
        ssh_key,
        created,
    };
    store.ssh_keys.keys.insert(key.id, key.clone());
    key
}

/// Three keys of a small team's owner.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    let keys = [
        (
            "workstation-2023",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq8Jd0wPzN6r2vbE1mKx4cTz7QfY3uLw5sGd9aRkV2p mira@workstation",
            -400,
        ),
        (
            "build-runner",
            "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQDf3kq9Lm2Vx7pZt0cQe8yWn4Rj6sHb1uTa5oKg build@ci-runner-3",
            -220,
        ),
        (
            "travel-laptop",
            "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBPx2cW9e mira@travel",
            -35,
        ),
    ];
    for (label, key, days) in keys {
        insert(store, label.to_owned(), key.to_owned(), at(days));
    }
}
