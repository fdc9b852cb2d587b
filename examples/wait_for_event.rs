//! Start an action and wait for its event to finish, with a live progress line.
//!
//! ```text
//! cargo run --example wait_for_event
//! ```
//!
//! Runs against the embedded fake Linode API (linode-fake), with the blocking client
//! (linode-ureq): the fake is told that adding an SSH key "boots" a Linode, an event that is
//! scheduled for a moment, then runs for four seconds. The same code waits for a real boot
//! against the real API: take the snapshot, send the action, wait.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use linode::client::events::{EventMatch, Progress, WaitError, WaitFor};
use linode::models::account::{EventAction, EventEntityType};
use linode::requests::profile::CreateSshKey;
use linode::ClientConfig;
use linode_fake::{EventScript, FakeLinode};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nwait_for_event stopped: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One line, rewritten in place: status, a bar, percent, time left.
fn draw(p: &Progress) {
    let percent = p.percent_complete.unwrap_or(0);
    let filled = (percent / 5) as usize;
    let left = p
        .time_remaining
        .map(|d| format!(", {}s left", d.as_secs()))
        .unwrap_or_default();
    let status = p.status.as_ref().map_or("?", |s| s.as_str());
    print!(
        "\r  event {} {status:<9} [{}{}] {percent:>3}%{left}      ",
        p.event_id,
        "#".repeat(filled),
        ".".repeat(20 - filled.min(20)),
    );
    let _ = std::io::stdout().flush();
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let fake = FakeLinode::start_blocking()?;
    let client = linode_ureq::Client::from_config(
        ClientConfig::new()
            .with_token(fake.token())?
            .with_base_url(fake.url())?,
    )?;
    let linode_id = 31001;
    // The fake's stand-in for a Linode boot: the next SSH key added starts it.
    fake.script_event(
        EventScript::new("linode_boot")
            .entity("linode", linode_id, "web-lis-1")
            .scheduled_then_over(Duration::from_secs(1), Duration::from_secs(4))
            .after_operation::<CreateSshKey>(),
    );

    // 1. The snapshot, before the action: the event cannot slip in before it, and a token
    //    that cannot read events fails here, before anything was started.
    let events = client.events_since_now()?;
    // 2. The action.
    client.send(&CreateSshKey::new(
        "deploy",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIWaitForEventExampleKeyMaterial01 deploy@ci",
    ))?;
    println!("Waiting for linode_boot on Linode {linode_id}:");
    // 3. The wait.
    let wait = WaitFor::new(
        EventMatch::action(EventAction::LinodeBoot).and_entity(EventEntityType::Linode, linode_id),
    )
    .within(Duration::from_secs(60))
    .on_progress(draw);
    match events.wait(wait) {
        Ok(event) => {
            println!("\n  finished: event {} ({})", event.id, event.action);
            Ok(())
        }
        Err(WaitError::Failed(event)) => {
            println!(
                "\n  failed: {}",
                event.message.as_deref().unwrap_or("no message")
            );
            Err(WaitError::Failed(event).into())
        }
        Err(e) => Err(e.into()),
    }
}
