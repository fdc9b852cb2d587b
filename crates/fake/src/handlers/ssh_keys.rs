//! `/profile/sshkeys`: the SSH keys on the profile.

use std::collections::BTreeMap;

use linode_models::profile::{SshKey, SshKeyCreate, SshKeyUpdate};
use linode_models::Timestamp;

use super::{check_length, collected, Ctx, Handler};
use crate::reply::{empty_object, ok, Failure, Reply};
use crate::state::Store;

/// The SSH keys, by id.
#[derive(Debug, Default)]
pub(crate) struct SshKeys {
    keys: BTreeMap<u64, SshKey>,
}

pub(crate) const HANDLERS: &[(&str, Handler)] = &[
    ("get-ssh-keys", list),
    ("get-ssh-key", get),
    ("post-add-ssh-key", create),
    ("put-ssh-key", update),
    ("delete-ssh-key", delete),
];

/// The fields `ListSshKeys` may filter on (`SshKeyField`).
const FILTERABLE: &[&str] = &["label"];

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

fn list(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    ctx.list(store.ssh_keys.keys.values(), FILTERABLE)
}

fn find(store: &Store, ctx: &Ctx<'_>) -> Result<u64, Failure> {
    let id = ctx.id(0)?;
    if store.ssh_keys.keys.contains_key(&id) {
        Ok(id)
    } else {
        Err(Failure::not_found())
    }
}

fn get(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let id = find(store, ctx)?;
    ok(&store.ssh_keys.keys.get(&id))
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

fn create(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let body: SshKeyCreate = ctx.json()?;
    let mut errors = Vec::new();
    let label = body.label.unwrap_or_default();
    check_length(&mut errors, "label", &label, 0, 64);
    check_key(&mut errors, &body.ssh_key);
    collected(errors)?;
    let key = insert(store, label, body.ssh_key, ctx.now);
    ok(&key)
}

fn update(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let id = find(store, ctx)?;
    let body: SshKeyUpdate = ctx.json()?;
    if let Some(label) = &body.label {
        let mut errors = Vec::new();
        check_length(&mut errors, "label", label, 0, 64);
        collected(errors)?;
    }
    let key = store
        .ssh_keys
        .keys
        .get_mut(&id)
        .ok_or_else(Failure::not_found)?;
    if let Some(label) = body.label {
        key.label = label;
    }
    ok(key)
}

fn delete(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let id = find(store, ctx)?;
    store.ssh_keys.keys.remove(&id);
    empty_object()
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
