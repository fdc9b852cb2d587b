//! The progress view of an awaited event, and the estimate of its time left.

use std::time::Duration;

use linode_requests::models::account::{Event, EventStatus};

/// How far along the awaited event is, as last seen: enough to draw a progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The event's id.
    pub event_id: u64,
    /// Where it stands (`None` when the API sent no status).
    pub status: Option<EventStatus>,
    /// How far along it is, in percent (0..=100), when the API says.
    pub percent_complete: Option<u32>,
    /// The time left, when the API says (some migrations only).
    pub time_remaining: Option<Duration>,
}

impl Progress {
    /// The progress view of `event`.
    pub fn of(event: &Event) -> Self {
        Self {
            event_id: event.id,
            status: event.status.clone(),
            percent_complete: event.percent_complete.map(|p| p.min(100)),
            time_remaining: time_remaining(event),
        }
    }
}

/// The event's `time_remaining` as a duration: the model reads every shape the API sends
/// (`"HH:MM:SS"`, `"MM:SS"`, whole seconds) into a `ClockDuration`.
pub(crate) fn time_remaining(event: &Event) -> Option<Duration> {
    event.time_remaining.as_ref().map(|d| d.as_std())
}

/// Estimates how long the awaited event will still take: its own `time_remaining` when it
/// gives one, else a straight-line extrapolation of `percent_complete` between the first and
/// the latest observation (`elapsed` counts from the start of the wait, on the client's
/// monotonic clock: only differences are used, never the event's timestamps).
#[derive(Debug, Clone, Default)]
pub(crate) struct Estimator {
    first: Option<(Duration, u32)>,
}

impl Estimator {
    pub(crate) fn observe(&mut self, progress: &Progress, elapsed: Duration) -> Option<Duration> {
        if let Some(left) = progress.time_remaining {
            return Some(left);
        }
        if progress.status != Some(EventStatus::Started) {
            return None;
        }
        let percent = progress.percent_complete?;
        let Some((t0, p0)) = self.first else {
            self.first = Some((elapsed, percent));
            return None;
        };
        if percent <= p0 || elapsed <= t0 {
            return None;
        }
        let rate = f64::from(percent - p0) / (elapsed - t0).as_secs_f64();
        let left = f64::from(100u32.saturating_sub(percent)) / rate;
        Duration::try_from_secs_f64(left).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::tests::event;

    fn with_remaining(text: Option<&str>) -> Event {
        let mut e = event(1, "linode_migrate", None, EventStatus::Started);
        e.time_remaining = text.and_then(|t| t.parse().ok());
        e
    }

    #[test]
    fn time_remaining_reads_every_shape_and_never_panics() {
        let secs = |t| time_remaining(&with_remaining(Some(t))).map(|d| d.as_secs());
        assert_eq!(secs("0:04:10"), Some(250));
        assert_eq!(secs("04:10"), Some(250));
        assert_eq!(secs("250"), Some(250));
        assert_eq!(secs("1:00:00"), Some(3600));
        for bad in [
            "soon",
            "",
            "1::2",
            "-5",
            "1:2:3:4",
            "99999999999999999999:00",
        ] {
            assert_eq!(secs(bad), None, "{bad:?}");
        }
        assert_eq!(time_remaining(&with_remaining(None)), None);
    }

    #[test]
    fn the_estimate_extrapolates_percent_or_trusts_time_remaining() {
        let mut est = Estimator::default();
        let mut e = event(1, "linode_boot", None, EventStatus::Started);
        e.percent_complete = Some(10);
        let s = Duration::from_secs;
        assert_eq!(
            est.observe(&Progress::of(&e), s(1)),
            None,
            "one point is no line"
        );
        e.percent_complete = Some(30);
        // 20 points in 2 s: 70 to go take 7 s.
        let left = est.observe(&Progress::of(&e), s(3)).unwrap();
        assert!(left.abs_diff(s(7)) < Duration::from_millis(1), "{left:?}");
        e.time_remaining = "0:00:42".parse().ok();
        assert_eq!(est.observe(&Progress::of(&e), s(4)), Some(s(42)));
        e.time_remaining = None;
        e.status = Some(EventStatus::Scheduled);
        assert_eq!(est.observe(&Progress::of(&e), s(5)), None);
    }

    #[test]
    fn percent_over_100_is_clamped() {
        let mut e = event(1, "linode_boot", None, EventStatus::Started);
        e.percent_complete = Some(250);
        assert_eq!(Progress::of(&e).percent_complete, Some(100));
    }
}
