//! Scripted events: an action's event that moves `scheduled -> started -> finished` (or
//! `failed`) over a number of reads or a duration, bursts of unrelated events, and a clock
//! that disagrees with the client's. What tests of waiting code need.
//!
//! The events handlers call [`advance`] before answering, so a scripted event is brought up
//! to date exactly when someone looks at it.

use std::time::{Duration, Instant};

use linode_models::account::Event;
use linode_models::Timestamp;
use linode_requests::{Metadata, Operation};
use serde_json::json;

use crate::state::scripted_events::{EventScript, Pace, Running};
use crate::state::Store;
use crate::OperationType;

impl EventScript {
    /// An event with this action (the API's spelling, e.g. `linode_boot`).
    pub fn new(action: &str) -> Self {
        Self {
            action: action.to_owned(),
            entity: Some(("linode".to_owned(), 1, "linode-1".to_owned())),
            pace: Pace::Reads {
                scheduled: 1,
                started: 4,
            },
            failure: None,
            time_remaining: true,
            after_operation: None,
        }
    }

    /// About this entity (type as the API spells it, id, label).
    #[must_use]
    pub fn entity(mut self, kind: &str, id: u64, label: &str) -> Self {
        self.entity = Some((kind.to_owned(), id, label.to_owned()));
        self
    }

    /// About no entity.
    #[must_use]
    pub fn without_entity(mut self) -> Self {
        self.entity = None;
        self
    }

    /// `scheduled` for `scheduled` reads, then `started` for `started` reads, then the end.
    #[must_use]
    pub fn over_reads(mut self, scheduled: u32, started: u32) -> Self {
        self.pace = Pace::Reads { scheduled, started };
        self
    }

    /// `started` from creation for `running`, then the end (whoever reads it, however often).
    #[must_use]
    pub fn over(self, running: Duration) -> Self {
        self.scheduled_then_over(Duration::ZERO, running)
    }

    /// `scheduled` for `scheduled`, then `started` for `running`, then the end.
    #[must_use]
    pub fn scheduled_then_over(mut self, scheduled: Duration, running: Duration) -> Self {
        self.pace = Pace::Time {
            scheduled,
            started: running,
        };
        self
    }

    /// Ends `failed` with this message instead of `finished`.
    #[must_use]
    pub fn fails(mut self, message: &str) -> Self {
        self.failure = Some(message.to_owned());
        self
    }

    /// Leaves `time_remaining` null while it runs (most real events): only
    /// `percent_complete` moves.
    #[must_use]
    pub fn without_time_remaining(mut self) -> Self {
        self.time_remaining = false;
        self
    }

    /// Creates the event when the operation `O` next succeeds, instead of at once: "the
    /// action produces the event". The operation is named by its type, so a script cannot
    /// wait for an operation that does not exist.
    ///
    /// ```
    /// use linode_fake::EventScript;
    /// use linode_requests::profile::CreateSshKey;
    /// let script = EventScript::new("linode_boot").after_operation::<CreateSshKey>();
    /// # let _ = script;
    /// ```
    #[must_use]
    pub fn after_operation<O: Operation>(mut self) -> Self {
        self.after_operation = Some(OperationType::of::<O>());
        self
    }
}

/// Starts `script` now (returns the event's id), or registers it for its operation.
pub(crate) fn start(store: &mut Store, script: EventScript) -> Option<u64> {
    if script.after_operation.is_some() {
        store.scripts.waiting.push(script);
        return None;
    }
    Some(create(store, script))
}

/// Called after the operation `done` succeeded: starts the scripts waiting for it.
pub(crate) fn after_operation(store: &mut Store, done: &Metadata) {
    if store.scripts.waiting.is_empty() {
        return;
    }
    let (due, waiting): (Vec<_>, Vec<_>) = std::mem::take(&mut store.scripts.waiting)
        .into_iter()
        .partition(|s| s.after_operation.is_some_and(|op| op.meta() == done));
    store.scripts.waiting = waiting;
    for script in due {
        create(store, script);
    }
}

/// Sets the clock skew (seconds; negative: the server is behind the client).
pub(crate) fn set_skew(store: &mut Store, seconds: i64) {
    store.scripts.skew_seconds = seconds;
}

/// When the scripted event `event_id` reached its end, on the server's monotonic clock.
pub(crate) fn ended_at(store: &Store, event_id: u64) -> Option<Instant> {
    store
        .scripts
        .running
        .iter()
        .find(|r| r.event_id == event_id)
        .and_then(|r| r.ended)
}

/// Adds `count` finished notification events with `action`, about nothing in particular.
pub(crate) fn burst(store: &mut Store, action: &str, count: usize) -> Vec<u64> {
    let created = skewed_now(store);
    (0..count)
        .filter_map(|_| {
            let id = store.next_id();
            let event = build(id, action, None, created, "notification")?;
            store.events.events.insert(id, event);
            Some(id)
        })
        .collect()
}

fn skewed_now(store: &Store) -> Timestamp {
    let now = crate::state::now();
    let seconds = now.to_utc().unix_timestamp() + store.scripts.skew_seconds;
    Timestamp::from_unix_seconds(seconds).unwrap_or(now)
}

/// An event built from JSON, so that fields the model gains later need no change here.
fn build(
    id: u64,
    action: &str,
    entity: Option<&(String, u64, String)>,
    created: Timestamp,
    status: &str,
) -> Option<Event> {
    let entity = entity.map(|(kind, entity_id, label)| {
        json!({
            "id": entity_id, "label": label, "type": kind,
            "url": format!("/v4/{kind}s/{entity_id}"),
        })
    });
    serde_json::from_value(json!({
        "action": action, "created": created, "duration": null, "entity": entity,
        "id": id, "message": null, "percent_complete": 0, "rate": null, "read": false,
        "secondary_entity": null, "seen": false, "status": status,
        "time_remaining": null, "username": crate::state::OWNER,
    }))
    .ok()
}

fn create(store: &mut Store, script: EventScript) -> u64 {
    let id = store.next_id();
    let created = skewed_now(store);
    if let Some(event) = build(
        id,
        &script.action,
        script.entity.as_ref(),
        created,
        "scheduled",
    ) {
        store.events.events.insert(id, event);
    }
    store.scripts.running.push(Running {
        event_id: id,
        script,
        born: Instant::now(),
        reads: 0,
        ended: None,
    });
    id
}

/// Where a script stands: `(status, percent, time remaining)`.
fn position(running: &Running, now: Instant) -> (&'static str, u32, Option<Duration>) {
    let end = if running.script.failure.is_some() {
        "failed"
    } else {
        "finished"
    };
    match running.script.pace {
        Pace::Reads { scheduled, started } => {
            let reads = running.reads;
            if reads < scheduled {
                ("scheduled", 0, None)
            } else if reads - scheduled < started {
                let step = reads - scheduled;
                let percent = step * 100 / started.max(1);
                // One second a read, for a countdown a test can predict.
                (
                    "started",
                    percent,
                    Some(Duration::from_secs(u64::from(started - step))),
                )
            } else {
                (end, 100, None)
            }
        }
        Pace::Time { scheduled, started } => {
            let age = now.saturating_duration_since(running.born);
            if age < scheduled {
                ("scheduled", 0, None)
            } else if age - scheduled < started {
                let into = age - scheduled;
                let percent = (into.as_secs_f64() / started.as_secs_f64() * 100.0) as u32;
                ("started", percent.min(99), Some(started - into))
            } else {
                (end, 100, None)
            }
        }
    }
}

/// Brings every running script's event up to date; one call is one read.
pub(crate) fn advance(store: &mut Store) {
    if store.scripts.running.iter().all(|r| r.ended.is_some()) {
        return;
    }
    let now = Instant::now();
    for running in store
        .scripts
        .running
        .iter_mut()
        .filter(|r| r.ended.is_none())
    {
        let (status, percent, left) = position(running, now);
        running.reads = running.reads.saturating_add(1);
        let Some(event) = store.events.events.get_mut(&running.event_id) else {
            running.ended = Some(now);
            continue;
        };
        if let Ok(status) = serde_json::from_value(json!(status)) {
            event.status = Some(status);
        }
        event.percent_complete = Some(percent);
        // `HH:MM:SS`, the shape the API uses for migrations.
        let left = left.filter(|_| running.script.time_remaining).map(|d| {
            let s = d.as_secs();
            format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
        });
        event.time_remaining = left.and_then(|text| text.parse().ok());
        if status == "finished" || status == "failed" {
            event.message = running.script.failure.clone();
            running.ended = Some(match running.script.pace {
                Pace::Time { scheduled, started } => running.born + scheduled + started,
                Pace::Reads { .. } => now,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linode_models::account::EventStatus;
    use linode_requests::profile::{CreateSshKey, DeleteSshKey};

    fn view(store: &mut Store, id: u64) -> (EventStatus, Option<u32>, Option<String>) {
        advance(store);
        let e = &store.events.events[&id];
        (
            e.status.clone().unwrap(),
            e.percent_complete,
            e.time_remaining.clone().map(|t| t.to_string()),
        )
    }

    #[test]
    fn a_script_moves_over_reads_and_ends() {
        let mut store = Store::new("t");
        let id = start(&mut store, EventScript::new("linode_boot").over_reads(1, 2)).unwrap();
        assert_eq!(view(&mut store, id).0, EventStatus::Scheduled);
        let (status, percent, left) = view(&mut store, id);
        assert_eq!((status, percent), (EventStatus::Started, Some(0)));
        assert!(left.unwrap().contains("0:00:02"));
        assert_eq!(view(&mut store, id).1, Some(50));
        assert_eq!(view(&mut store, id).0, EventStatus::Finished);
        assert!(ended_at(&store, id).is_some());
        // Once ended it stays ended.
        assert_eq!(view(&mut store, id).0, EventStatus::Finished);
    }

    #[test]
    fn a_failing_script_carries_its_message_and_operations_trigger_scripts() {
        let mut store = Store::new("t");
        let script = EventScript::new("disk_resize")
            .over_reads(0, 1)
            .fails("no space")
            .after_operation::<CreateSshKey>();
        assert_eq!(start(&mut store, script), None);
        after_operation(&mut store, &DeleteSshKey::META);
        assert!(store.events.events.is_empty());
        after_operation(&mut store, &CreateSshKey::META);
        let id = *store.events.events.keys().next().unwrap();
        assert_eq!(view(&mut store, id).0, EventStatus::Started);
        assert_eq!(view(&mut store, id).0, EventStatus::Failed);
        assert_eq!(
            store.events.events[&id].message.as_deref(),
            Some("no space")
        );
    }

    #[test]
    fn bursts_and_skew_date_events_by_the_skewed_clock() {
        let mut store = Store::new("t");
        set_skew(&mut store, -7200);
        let ids = burst(&mut store, "user_update", 3);
        assert_eq!(ids.len(), 3);
        let created = store.events.events[&ids[0]]
            .created
            .to_utc()
            .unix_timestamp();
        let now = crate::state::now().to_utc().unix_timestamp();
        assert!((now - 7200 - created).abs() <= 2, "{created} vs {now}");
    }
}
