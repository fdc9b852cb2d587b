//! Waiting for an event: requests per completed wait, and the time from the event reaching
//! `finished` to the waiter returning, for the adaptive poll policy against a fixed 3-second
//! poll (what the official SDKs do). Against `linode-fake`'s scripted events.
//!
//! `cargo bench --bench event_wait` (a smoke run of one short wait a policy:
//! `cargo bench --bench event_wait -- --test`)
//!
//! Each round scripts one event per (policy, case) at once, all with a one-second `scheduled`
//! phase, then `started` for the case's duration, then `finished`; the waits run concurrently
//! on one tokio runtime with `linode_hyper`. Cases: 2, 3, 5, 6, 9, 10, 13 and 14 seconds of work, each with
//! a `time_remaining` countdown (as migrations report) and without one (most events: only
//! `percent_complete` moves). Requests are counted in the fake's log per wait (list polls
//! carry the entity id in their `X-Filter`, re-reads the event id in their path); the end
//! time is the fake's own record of when the event became `finished` (same process, same
//! monotonic clock). Wall-clock bound: about 20 s a round.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use linode::client::events::{EventMatch, PollPolicy, WaitFor};
use linode::models::account::{EventAction, EventEntityType};
use linode::ClientConfig;
use linode_fake::{EventScript, FakeLinode};

struct Case {
    work: Duration,
    countdown: bool,
}

struct Sample {
    policy: &'static str,
    work: Duration,
    countdown: bool,
    requests: usize,
    lag: Duration,
}

fn main() {
    let smoke = std::env::args().any(|a| a == "--test");
    let (cases, rounds) = if smoke {
        (
            vec![Case {
                work: Duration::from_secs(1),
                countdown: true,
            }],
            1,
        )
    } else {
        let mut cases = Vec::new();
        // With the 1 s `scheduled`, three lives fall on the fixed poll's 3 s grid (3, 6, 15 s),
        // where it is lucky; the others (4, 7, 10, 11, 14 s) fall between, as real ones do.
        for secs in [2, 3, 5, 6, 9, 10, 13, 14] {
            for countdown in [true, false] {
                cases.push(Case {
                    work: Duration::from_secs(secs),
                    countdown,
                });
            }
        }
        (cases, 2)
    };
    let policies = [
        ("adaptive", PollPolicy::adaptive()),
        ("fixed 3 s", PollPolicy::fixed(Duration::from_secs(3))),
    ];
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let samples = runtime.block_on(async {
        let fake = FakeLinode::builder().seeded(true).start().await.unwrap();
        let config = ClientConfig::new()
            .with_token(fake.token())
            .unwrap()
            .with_base_url(fake.url())
            .unwrap();
        let client = linode::HyperClient::from_config(config).unwrap();
        let mut samples = Vec::new();
        for round in 0..rounds {
            let cursor = client.events_since_now().await.unwrap();
            fake.clear_log();
            let mut waits = Vec::new();
            for (p, (name, policy)) in policies.iter().enumerate() {
                for (c, case) in cases.iter().enumerate() {
                    let entity = 10_000 * (round as u64 + 1) + 100 * p as u64 + c as u64;
                    let mut script = EventScript::new("linode_boot")
                        .entity("linode", entity, "bench")
                        .scheduled_then_over(Duration::from_secs(1), case.work);
                    if !case.countdown {
                        script = script.without_time_remaining();
                    }
                    let event_id = fake.script_event(script).unwrap();
                    let wait = WaitFor::new(
                        EventMatch::action(EventAction::LinodeBoot)
                            .and_entity(EventEntityType::Linode, entity),
                    )
                    .policy(*policy)
                    .within(Duration::from_secs(60));
                    // The wait's future owns what it needs: it can be spawned.
                    let waiting = cursor.wait(wait);
                    let task = tokio::spawn(async move { (waiting.await, Instant::now()) });
                    waits.push((*name, case, entity, event_id, task));
                }
            }
            for (policy, case, entity, event_id, task) in waits {
                let (result, returned) = task.await.unwrap();
                let event = result.unwrap();
                assert_eq!(event.id, event_id);
                let ended = fake.scripted_event_ended_at(event_id).unwrap();
                let by_id = format!("/v4/account/events/{event_id}");
                let by_entity = format!("\"entity.id\":{entity}");
                let requests = fake
                    .requests()
                    .iter()
                    .filter(|r| {
                        r.path == by_id
                            || r.header("x-filter").is_some_and(|f| f.contains(&by_entity))
                    })
                    .count();
                samples.push(Sample {
                    policy,
                    work: case.work,
                    countdown: case.countdown,
                    requests,
                    lag: returned.saturating_duration_since(ended),
                });
            }
        }
        fake.stop().await;
        samples
    });

    println!(
        "{:<10} {:>6} {:>10} {:>9} {:>12}",
        "policy", "work", "countdown", "requests", "lag (ms)"
    );
    for s in &samples {
        println!(
            "{:<10} {:>5}s {:>10} {:>9} {:>12}",
            s.policy,
            s.work.as_secs(),
            if s.countdown { "yes" } else { "no" },
            s.requests,
            s.lag.as_millis()
        );
    }
    println!();
    for (name, _) in &policies {
        for countdown in [true, false] {
            let mine: Vec<&Sample> = samples
                .iter()
                .filter(|s| s.policy == *name && s.countdown == countdown)
                .collect();
            if mine.is_empty() {
                continue;
            }
            let n = mine.len() as f64;
            let requests = mine.iter().map(|s| s.requests as f64).sum::<f64>() / n;
            let lag = mine.iter().map(|s| s.lag.as_secs_f64()).sum::<f64>() / n;
            let worst = mine.iter().map(|s| s.lag).max().unwrap_or_default();
            println!(
                "{name:<10} countdown={:<3}: {requests:.1} requests a wait, lag mean {:.0} ms, worst {} ms ({} waits)",
                if countdown { "yes" } else { "no" },
                lag * 1000.0,
                worst.as_millis(),
                mine.len()
            );
        }
    }
}
