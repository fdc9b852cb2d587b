//! Program 3: add this laptop's SSH key, relabel it, then make a CI token that may only read
//! Linodes and events, expiring in 30 days.
use std::time::Duration;

use linode::prelude::*;
use linode::profile::{
    CreatePersonalAccessToken, CreateSshKey, ListSshKeys, SshKeyField, UpdateSshKey,
};

const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFirstHour me@laptop";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = UreqClient::from_env()?;
    let key = client.send(&CreateSshKey::new("laptop", KEY))?;
    client.send(&UpdateSshKey::new(key.id).label("laptop-2026"))?;
    let laptops = ListSshKeys::new().filtered(Filter::contains(SshKeyField::Label, "laptop"));
    println!("{} laptop keys", client.send(&laptops)?.results);

    let scopes = Scopes::none().read_only("linodes").read_only("events");
    let ci = CreatePersonalAccessToken::new("ci", scopes)
        .expires_in(Duration::from_secs(30 * 24 * 3600));
    let token = client.send(&ci)?;
    println!("token #{} (shown once): {}", token.id, token.token.expose());
    Ok(())
}
