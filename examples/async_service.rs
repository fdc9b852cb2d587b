//! An async service sharing one client across many concurrent tasks.
//!
//! Runs against the real API when `LINODE_TOKEN` is set (read-only: it lists and views
//! your SSH keys), otherwise against a canned API on 127.0.0.1:
//!
//!     cargo run --example async_service

mod support;

use std::time::Instant;

use linode::profile::{GetSshKey, ListSshKeys};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = support::target()?;
    // One client for the whole service: cloning it shares the connection pool.
    let client = linode_hyper::Client::from_config(target.config.clone())?;

    // The first page, with the rate-limit headers the API sent along.
    let first = client
        .send_with_meta(&ListSshKeys::new().page_size(25))
        .await?;
    println!(
        "{} SSH keys in all; {} requests left in this rate-limit window",
        first.value.results,
        first
            .meta()
            .rate_limit_remaining()
            .map_or("unknown".to_owned(), |n| n.to_string())
    );

    // View every key of that page at once, each request in its own task.
    let started = Instant::now();
    let tasks: Vec<_> = first
        .value
        .data
        .iter()
        .map(|key| {
            let client = client.clone();
            let op = GetSshKey::new(key.id);
            tokio::spawn(async move { client.send(&op).await })
        })
        .collect();
    let mut viewed = 0;
    for task in tasks {
        let key = task.await??;
        viewed += 1;
        if viewed <= 3 {
            println!("  #{} {:<10} added {}", key.id, key.label, key.created);
        }
    }
    println!(
        "viewed {viewed} keys concurrently in {:?}",
        started.elapsed()
    );

    // Every key, page after page, one page in memory at a time.
    let mut items = client.items(ListSshKeys::new().page_size(25));
    let mut labels = Vec::new();
    while let Some(key) = items.next().await {
        labels.push(key?.label);
    }
    println!("walked {} keys through the items stream", labels.len());
    Ok(())
}
