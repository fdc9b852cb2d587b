//! The data `scripted_events` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::time::Duration;
use std::time::Instant;

/// The scripts: waiting for their operation, running, and the clock skew.
#[derive(Debug, Default)]
pub(crate) struct Scripts {
    pub(crate) waiting: Vec<EventScript>,
    pub(crate) running: Vec<Running>,
    /// Seconds added to the server's clock for the `created` of scripted and burst events.
    pub(crate) skew_seconds: i64,
}

/// One scripted event on its way.
#[derive(Debug)]
pub(crate) struct Running {
    pub(crate) event_id: u64,
    pub(crate) script: EventScript,
    pub(crate) born: Instant,
    pub(crate) reads: u32,
    pub(crate) ended: Option<Instant>,
}

/// The life of one event, for [`Control::script_event`](crate::Control::script_event).
///
/// By default the event is a `linode_boot` of Linode 1, `scheduled` for one read, `started`
/// for four (percent 0, 25, 50, 75 and `time_remaining` counting down), then `finished`.
///
/// ```
/// use std::time::Duration;
/// use linode_fake::EventScript;
/// let script = EventScript::new("linode_boot")
///     .entity("linode", 123, "web-1")
///     .over(Duration::from_secs(6))
///     .fails("The disk is full.");
/// # let _ = script;
/// ```
#[derive(Debug, Clone)]
pub struct EventScript {
    pub(crate) action: String,
    pub(crate) entity: Option<(String, u64, String)>,
    pub(crate) pace: Pace,
    pub(crate) failure: Option<String>,
    pub(crate) time_remaining: bool,
    pub(crate) after_operation: Option<crate::OperationType>,
}

/// How a scripted event moves from `scheduled` to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pace {
    /// Counted in reads of the events (each list or get of events is one).
    Reads { scheduled: u32, started: u32 },
    /// Counted in time from its creation, on the server's monotonic clock.
    Time {
        scheduled: Duration,
        started: Duration,
    },
}
