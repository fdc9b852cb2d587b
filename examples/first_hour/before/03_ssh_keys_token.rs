//! Program 3: add this laptop's SSH key, relabel it, then make a CI token that may only read
//! Linodes and events, expiring in 30 days.
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use linode::models::profile::SshKeyUpdate;
use linode::prelude::*;
use linode::profile::{
    CreatePersonalAccessToken, CreateSshKey, ListSshKeys, SshKeyField, UpdateSshKey,
};

const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFirstHour me@laptop";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = UreqClient::from_env()?;
    let key = client.send(&CreateSshKey::new("laptop", KEY))?;
    client.send(&UpdateSshKey {
        ssh_key_id: key.id,
        body: SshKeyUpdate {
            label: Some("laptop-2026".into()),
        },
    })?;
    let laptops = ListSshKeys {
        filter: Some(Filter::contains(SshKeyField::Label, "laptop")),
        ..Default::default()
    };
    println!("{} laptop keys", client.send(&laptops)?.results);

    let scopes = Scopes::none().read_only("linodes").read_only("events");
    let mut ci = CreatePersonalAccessToken::new("ci", scopes);
    let in_30_days =
        SystemTime::now().duration_since(UNIX_EPOCH)? + Duration::from_secs(30 * 24 * 3600);
    ci.body.expiry = Some(Timestamp::from_unix_seconds(i64::try_from(
        in_30_days.as_secs(),
    )?)?);
    let token = client.send(&ci)?;
    println!("token #{} (shown once): {}", token.id, token.token.expose());
    Ok(())
}
