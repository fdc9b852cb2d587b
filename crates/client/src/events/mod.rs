//! Waiting for what you started: an event cursor and a waiter, for both clients.
//!
//! **The cursor.** [`Client::events_since_now`](crate::Client::events_since_now) (and the
//! blocking twin) reads the id of the newest event, once. From then on the cursor hands out
//! every newer event exactly once, in id order: an [`EventCursor`] is a `Stream`, a
//! [`BlockingEventCursor`] an `Iterator`. Each poll is one `GET /account/events` filtered on
//! `id > last` and ordered by id, with pages of 500; when more pages remain it polls again at
//! once. It never compares timestamps (the client's clock may disagree with the API's) and
//! never looks at `seen`/`read` (someone opening the notification bell must not break it).
//!
//! **The wait.** [`EventCursor::wait`] polls until an event matching an [`EventMatch`]
//! reaches `finished`, and returns it; `failed` is [`WaitError::Failed`], carrying the event;
//! `scheduled`, `started` and `notification` keep it polling. Once the event appears, the
//! wait re-reads that event by id (it changes status in place), and reports [`Progress`]
//! (percent, time left) to a callback each time it moves. A deadline bounds it.
//!
//! **Politeness.** The [`PollPolicy`] decides the interval (adaptive by default), honours
//! `Retry-After` and slows down when `X-RateLimit-Remaining` runs low; every poll is one GET,
//! retried like any GET by the client's retry policy. Dropping the future (or the deadline)
//! stops the wait at once, mid-request included.
//!
//! **Scopes.** Reading events needs `events:read_only`. The snapshot request is made before
//! the action it watches: a token without the scope fails there, with
//! [`WaitError::MissingScope`], before anything was started.
//!
//! ```no_run
//! use std::time::Duration;
//! use linode_requests::models::account::{EventAction, EventEntityType};
//! use linode_client::events::{EventMatch, WaitFor};
//! use linode_client::{Client, Transport};
//!
//! async fn boot_and_wait<T: Transport + 'static>(
//!     client: &Client<T>,
//!     linode_id: u64,
//! ) -> Result<(), Box<dyn std::error::Error>> {
//!     let mut events = client.events_since_now().await?; // before the action
//!     // ... send the action that boots the Linode ...
//!     let done = events
//!         .wait(
//!             WaitFor::new(
//!                 EventMatch::action(EventAction::LinodeBoot)
//!                     .and_entity(EventEntityType::Linode, linode_id),
//!             )
//!             .within(Duration::from_secs(600))
//!             .on_progress(|p| eprintln!("{:?}% {:?}", p.percent_complete, p.time_remaining)),
//!         )
//!         .await?;
//!     println!("event {} finished", done.id);
//!     Ok(())
//! }
//! ```

mod async_cursor;
mod blocking_cursor;
mod matcher;
mod policy;
mod progress;
mod state;
mod wait_error;

use std::fmt;
use std::time::Duration;

use linode_requests::models::account::Event;

pub use async_cursor::EventCursor;
pub use blocking_cursor::BlockingEventCursor;
pub use matcher::EventMatch;
pub use policy::{PollHint, PollPolicy, PollSchedule};
pub use progress::Progress;
pub use wait_error::WaitError;

use state::{Outcome, WaitMachine};

/// The progress callback of a wait.
type ProgressFn = Box<dyn FnMut(&Progress) + Send>;

/// What to wait for, for how long, how to poll, and who to tell about progress.
///
/// ```
/// use std::time::Duration;
/// use linode_requests::models::account::EventAction;
/// use linode_client::events::{EventMatch, PollPolicy, WaitFor};
/// let wait = WaitFor::new(EventMatch::action(EventAction::LinodeBoot))
///     .within(Duration::from_secs(120))
///     .policy(PollPolicy::fixed(Duration::from_secs(3)))
///     .on_progress(|p| println!("{:?}", p.percent_complete));
/// assert_eq!(wait.deadline(), Duration::from_secs(120));
/// ```
pub struct WaitFor {
    matcher: EventMatch,
    deadline: Duration,
    track: bool,
    policy: PollPolicy,
    on_progress: Option<ProgressFn>,
}

impl fmt::Debug for WaitFor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitFor")
            .field("matcher", &self.matcher)
            .field("deadline", &self.deadline)
            .field("track", &self.track)
            .field("policy", &self.policy)
            .field("on_progress", &self.on_progress.is_some())
            .finish()
    }
}

/// How long a wait lasts unless told: 10 minutes.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(600);

impl WaitFor {
    /// Waits for an event `matcher` accepts, for [`DEFAULT_DEADLINE`], tracking it by id once
    /// it appears, with the adaptive policy.
    pub fn new(matcher: EventMatch) -> Self {
        Self {
            matcher,
            deadline: DEFAULT_DEADLINE,
            track: true,
            policy: PollPolicy::adaptive(),
            on_progress: None,
        }
    }

    /// Gives up after `deadline` (counted from the start of the wait, on the monotonic clock).
    #[must_use]
    pub fn within(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// Whether to re-read the first matching event by id until it ends (the default), or to
    /// keep listing new events for one that arrives already finished or failed.
    #[must_use]
    pub fn track_event(mut self, track: bool) -> Self {
        self.track = track;
        self
    }

    /// How to poll.
    #[must_use]
    pub fn policy(mut self, policy: PollPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Calls `f` each time the awaited event moves (status, percent or time left).
    #[must_use]
    pub fn on_progress(mut self, f: impl FnMut(&Progress) + Send + 'static) -> Self {
        self.on_progress = Some(Box::new(f));
        self
    }

    /// The deadline.
    pub fn deadline(&self) -> Duration {
        self.deadline
    }

    fn into_parts(self) -> (WaitMachine, Duration, Option<ProgressFn>) {
        (
            WaitMachine::new(self.matcher, self.track, self.policy),
            self.deadline,
            self.on_progress,
        )
    }
}

/// Hands the outcome of a step to the caller: progress to the callback, the end as a result.
fn settle(
    outcome: Outcome,
    on_progress: &mut Option<ProgressFn>,
) -> Option<Result<Event, WaitError>> {
    match outcome {
        Outcome::Pending(Some(progress)) => {
            if let Some(f) = on_progress.as_mut() {
                f(&progress);
            }
            None
        }
        Outcome::Pending(None) => None,
        Outcome::Finished(event) => {
            if let Some(f) = on_progress.as_mut() {
                f(&Progress::of(&event));
            }
            Some(Ok(*event))
        }
        Outcome::Failed(event) => Some(Err(WaitError::Failed(event))),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use linode_requests::models::account::{
        Event, EventAction, EventEntity, EventEntityId, EventEntityType, EventStatus,
    };
    use linode_requests::models::Page;

    /// A test event: id, action, optional (entity type, id), status.
    pub(crate) fn event(
        id: u64,
        action: &str,
        entity: Option<(&str, u64)>,
        status: EventStatus,
    ) -> Event {
        Event {
            action: EventAction::from_api(action),
            created: "2030-01-01T00:00:00".parse().unwrap(),
            duration: None,
            entity: entity.map(|(kind, id)| EventEntity {
                extra: Default::default(),
                id: Some(EventEntityId::Number(id)),
                label: format!("{kind}-{id}"),
                kind: EventEntityType::from_api(kind),
                url: String::new(),
            }),
            id,
            message: None,
            percent_complete: None,
            rate: None,
            read: false,
            secondary_entity: None,
            seen: false,
            status: Some(status),
            time_remaining: None,
            username: None,
            details: None,
            maintenance_policy_set: None,
            description: None,
            source: None,
            not_before: None,
            start_time: None,
            complete_time: None,
            extra: Default::default(),
        }
    }

    pub(crate) fn page(data: Vec<Event>, pages: u32) -> Page<Event> {
        let results = data.len() as u32;
        Page {
            data,
            page: 1,
            pages,
            results,
            extra: Default::default(),
        }
    }

    #[test]
    fn errors_say_what_to_do_next() {
        let mut failed = event(3, "linode_boot", None, EventStatus::Failed);
        failed.message = Some("disk full".into());
        let text = super::WaitError::Failed(Box::new(failed)).to_string();
        assert!(
            text.contains("event 3 (linode_boot) failed: disk full"),
            "{text}"
        );
        let text = super::WaitError::MissingScope {
            scopes: linode_requests::models::Scopes::from_api("account:read_only"),
        }
        .to_string();
        assert!(text.contains("events:read_only") && text.contains("account:read_only"));
        let text = super::WaitError::DeadlineExceeded {
            waited: std::time::Duration::from_secs(5),
            last_seen: Some(Box::new(event(
                4,
                "linode_boot",
                None,
                EventStatus::Started,
            ))),
        }
        .to_string();
        assert!(text.contains("event 4 was last started"), "{text}");
    }
}
