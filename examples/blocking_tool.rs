//! A small blocking command-line tool for your profile's SSH keys, on ureq.
//!
//!     cargo run --example blocking_tool                  # list
//!     cargo run --example blocking_tool -- add LABEL KEY
//!     cargo run --example blocking_tool -- delete ID
//!
//! Uses the real API when `LINODE_TOKEN` is set, otherwise a canned API on 127.0.0.1 (where,
//! with no arguments, it also adds and deletes a key to show both).

mod support;

use linode::profile::{CreateSshKey, DeleteSshKey, GetSshKey, ListSshKeys};

fn main() -> std::process::ExitCode {
    // Errors print with Display: it says what happened and what to do next.
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let target = support::target()?;
    let client = linode_ureq::Client::from_config(target.config.clone())?;
    let args: Vec<String> = std::env::args().skip(1).collect();

    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] | ["list"] => {
            list(&client)?;
            if target.is_canned() {
                let added = client.send(&CreateSshKey::new(
                    "demo",
                    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDemo demo@example",
                ))?;
                println!("added #{} {}", added.id, added.label);
                let again = client.send(&GetSshKey::new(added.id))?;
                println!("viewed #{} {}", again.id, again.ssh_key);
                client.send(&DeleteSshKey::new(added.id))?;
                println!("deleted #{}", added.id);
            }
        }
        ["add", label, key] => {
            let added = client.send(&CreateSshKey::new(*label, *key))?;
            println!("added #{} {}", added.id, added.label);
        }
        ["delete", id] => {
            let ssh_key_id = id.parse()?;
            client.send(&DeleteSshKey::new(ssh_key_id))?;
            println!("deleted #{ssh_key_id}");
        }
        _ => {
            eprintln!("usage: blocking_tool [list | add LABEL KEY | delete ID]");
            std::process::exit(2);
        }
    }
    Ok(())
}

fn list(client: &linode_ureq::Client) -> Result<(), linode::Error> {
    let op = ListSshKeys::new().page_size(25);
    let mut count = 0;
    for key in client.items(op) {
        let key = key?;
        count += 1;
        if count <= 5 {
            println!("#{:<6} {:<12} {}", key.id, key.label, key.created);
        }
    }
    println!("{count} keys");
    Ok(())
}
