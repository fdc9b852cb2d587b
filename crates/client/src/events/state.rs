//! The sans-IO state of a cursor and of a wait: which request to send next, and what an
//! answer means. The async and blocking drivers only move requests and sleep.

use std::collections::VecDeque;
use std::time::Duration;

use linode_requests::models::account::{Event, EventStatus};
use linode_requests::models::Page;

use super::matcher::EventMatch;
use super::policy::{PollHint, PollPolicy, PollSchedule};
use super::progress::{Estimator, Progress};
use super::wait_error::WaitError;
use linode_requests::account::{EventField, GetEvent, ListEvents};
use linode_requests::filter::{Filter, Order};
use linode_requests::Pagination;
use linode_requests::ResponseMeta;

/// Page size of the polls: the largest the API allows, so a burst of new events costs as few
/// requests as possible.
pub(crate) const POLL_PAGE_SIZE: u32 = 500;

/// Where a cursor stands: the newest event id it has handed out.
#[derive(Debug, Clone)]
pub(crate) struct CursorState {
    last_id: u64,
    narrow: Vec<Filter<EventField>>,
    /// Events received but not handed out yet, oldest first.
    pub(crate) buffered: VecDeque<Event>,
    /// The last answer had more pages: poll again at once.
    pub(crate) more: bool,
}

impl CursorState {
    /// The snapshot request: the newest event only (ids grow; the order is the API's own
    /// `id`, never a timestamp, so the client's clock plays no part).
    pub(crate) fn snapshot_request() -> ListEvents {
        ListEvents {
            pagination: Pagination::new().page_size(linode_requests::MIN_PAGE_SIZE),
            filter: Some(Filter::default().order_by(EventField::Id, Order::Desc)),
        }
    }

    /// The state after the snapshot answered: every later event is new.
    pub(crate) fn after_snapshot(page: &Page<Event>) -> Self {
        Self::starting_after(page.data.iter().map(|e| e.id).max().unwrap_or(0))
    }

    /// A cursor that hands out the events with ids above `last_id`.
    pub(crate) fn starting_after(last_id: u64) -> Self {
        Self {
            last_id,
            narrow: Vec::new(),
            buffered: VecDeque::new(),
            more: false,
        }
    }

    /// Narrows the polls to the events `filter` selects (server-side).
    pub(crate) fn narrowed(mut self, filter: Vec<Filter<EventField>>) -> Self {
        self.narrow = filter;
        self
    }

    /// The newest event id handed out (or seen in the snapshot).
    pub(crate) fn last_id(&self) -> u64 {
        self.last_id
    }

    /// The poll: page 1 of the events after the last one seen, oldest first.
    ///
    /// Always page 1 of a window that slides: when there are more pages, the next request
    /// asks again from the new `last_id`, so events added (or expired) between two requests
    /// can neither be skipped nor repeated, which page numbers over a changing list cannot
    /// promise.
    pub(crate) fn poll_request(&self) -> ListEvents {
        let after = Filter::gt(EventField::Id, self.last_id);
        let filter = if self.narrow.is_empty() {
            after
        } else {
            Filter::all(std::iter::once(after).chain(self.narrow.iter().cloned()))
        };
        ListEvents {
            pagination: Pagination::new().page_size(POLL_PAGE_SIZE),
            filter: Some(filter.order_by(EventField::Id, Order::Asc)),
        }
    }

    /// Takes in a poll's page; returns how many new events it brought. Events at or below
    /// `last_id` are dropped (a server that ignores part of the filter cannot make the
    /// cursor repeat itself); the rest are handed out in id order.
    pub(crate) fn absorb(&mut self, page: Page<Event>) -> usize {
        self.more = page.pages > 1;
        let mut fresh: Vec<Event> = page
            .data
            .into_iter()
            .filter(|e| e.id > self.last_id)
            .collect();
        fresh.sort_unstable_by_key(|e| e.id);
        fresh.dedup_by_key(|e| e.id);
        if let Some(newest) = fresh.last() {
            self.last_id = newest.id;
        }
        let count = fresh.len();
        self.buffered.extend(fresh);
        count
    }
}

/// The hints a response's headers give the schedule.
pub(crate) fn hint_from(meta: &ResponseMeta<'_>) -> PollHint {
    PollHint {
        retry_after: meta.retry_after(),
        rate_limit_remaining: meta.rate_limit_remaining(),
        ..PollHint::default()
    }
}

/// The next request of a wait.
#[derive(Debug)]
pub(crate) enum Step {
    /// Poll the list for new events.
    List(ListEvents),
    /// Re-read the awaited event, which changes status in place.
    Get(GetEvent),
}

/// What an answer meant for the wait.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Keep polling; `Some` when the awaited event moved (for the progress callback).
    Pending(Option<Progress>),
    /// The event finished.
    Finished(Box<Event>),
    /// The event failed.
    Failed(Box<Event>),
}

/// The state of a wait: the matcher, the event it tracks, the schedule.
#[derive(Debug)]
pub(crate) struct WaitMachine {
    matcher: EventMatch,
    track: bool,
    tracked: Option<u64>,
    progress: Option<Progress>,
    estimator: Estimator,
    schedule: PollSchedule,
    expected_in: Option<Duration>,
    activity: bool,
    /// The last matching event seen, for the deadline error.
    pub(crate) last_seen: Option<Box<Event>>,
}

impl WaitMachine {
    pub(crate) fn new(matcher: EventMatch, track: bool, policy: PollPolicy) -> Self {
        Self {
            matcher,
            track,
            tracked: None,
            progress: None,
            estimator: Estimator::default(),
            schedule: PollSchedule::new(policy),
            expected_in: None,
            activity: false,
            last_seen: None,
        }
    }

    /// The server-side narrowing for the cursor's polls.
    pub(crate) fn narrowing(&self) -> Vec<Filter<EventField>> {
        self.matcher.narrowing()
    }

    /// The next request: the tracked event by id, or a poll of the cursor.
    pub(crate) fn next_step(&self, cursor: &CursorState) -> Step {
        match self.tracked {
            Some(event_id) => Step::Get(GetEvent { event_id }),
            None => Step::List(cursor.poll_request()),
        }
    }

    /// Looks at the new events of a poll, oldest first.
    pub(crate) fn on_new_events(
        &mut self,
        events: impl IntoIterator<Item = Event>,
        elapsed: Duration,
    ) -> Outcome {
        let mut moved = None;
        for event in events {
            if !self.matcher.matches(&event) {
                continue;
            }
            match self.on_event(event, elapsed) {
                Outcome::Pending(progress) => moved = progress.or(moved),
                done => return done,
            }
            if self.tracked.is_some() {
                // The rest of the page is newer than the awaited event; from now on only
                // that event is read.
                break;
            }
        }
        Outcome::Pending(moved)
    }

    /// Looks at the awaited event as it is now (from a poll or a re-read).
    pub(crate) fn on_event(&mut self, event: Event, elapsed: Duration) -> Outcome {
        match event.status {
            Some(EventStatus::Finished) => return Outcome::Finished(Box::new(event)),
            Some(EventStatus::Failed) => return Outcome::Failed(Box::new(event)),
            _ => {}
        }
        // scheduled, started, notification, no status, or one this version does not know:
        // keep polling.
        if self.track {
            self.tracked = Some(event.id);
        }
        let progress = Progress::of(&event);
        self.expected_in = self.estimator.observe(&progress, elapsed);
        self.last_seen = Some(Box::new(event));
        if self.progress.as_ref() == Some(&progress) {
            return Outcome::Pending(None);
        }
        self.activity = true;
        self.progress = Some(progress.clone());
        Outcome::Pending(Some(progress))
    }

    /// Whether the wait re-reads one event by id now.
    pub(crate) fn is_tracking(&self) -> bool {
        self.tracked.is_some()
    }

    /// The error for a deadline that passed after `waited`.
    pub(crate) fn deadline_error(&mut self, waited: Duration) -> WaitError {
        WaitError::DeadlineExceeded {
            waited,
            last_seen: self.last_seen.take(),
        }
    }

    /// How long to wait before the next request, after a response that said `hint`.
    pub(crate) fn next_delay(&mut self, mut hint: PollHint) -> Duration {
        hint.activity = std::mem::take(&mut self.activity);
        hint.expected_in = self.expected_in;
        self.schedule.next_delay(hint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::tests::{event, page};
    use linode_requests::models::account::EventAction;

    const S: fn(u64) -> Duration = Duration::from_secs;

    #[test]
    fn the_snapshot_asks_for_the_newest_id_only() {
        let op = CursorState::snapshot_request();
        assert_eq!(
            op.filter.unwrap().to_json(),
            r#"{"+order":"desc","+order_by":"id"}"#
        );
        let state = CursorState::after_snapshot(&page(
            vec![event(90, "linode_boot", None, EventStatus::Finished)],
            1,
        ));
        assert_eq!(state.last_id(), 90);
        assert_eq!(CursorState::after_snapshot(&page(vec![], 1)).last_id(), 0);
    }

    #[test]
    fn polls_ask_for_ids_after_the_last_in_id_order_and_never_by_time_or_seen() {
        let state = CursorState::starting_after(41);
        let json = state.poll_request().filter.unwrap().to_json();
        assert_eq!(json, r#"{"+order":"asc","+order_by":"id","id":{"+gt":41}}"#);
        assert!(!json.contains("created") && !json.contains("seen") && !json.contains("read"));
        let narrowed = CursorState::starting_after(41)
            .narrowed(EventMatch::action(EventAction::LinodeBoot).narrowing());
        assert_eq!(
            narrowed.poll_request().filter.unwrap().to_json(),
            r#"{"+and":[{"id":{"+gt":41}},{"action":"linode_boot"}],"+order":"asc","+order_by":"id"}"#
        );
    }

    #[test]
    fn absorb_hands_out_each_event_once_in_id_order() {
        let mut state = CursorState::starting_after(10);
        let e = |id| event(id, "linode_boot", None, EventStatus::Finished);
        // Out of order, a duplicate, and an old one the server should not have sent.
        assert_eq!(
            state.absorb(page(vec![e(13), e(11), e(13), e(9), e(12)], 2)),
            3
        );
        assert!(state.more);
        assert_eq!(state.last_id(), 13);
        assert_eq!(state.absorb(page(vec![e(12), e(14)], 1)), 1);
        assert!(!state.more);
        let ids: Vec<u64> = state.buffered.iter().map(|e| e.id).collect();
        assert_eq!(ids, [11, 12, 13, 14]);
    }

    #[test]
    fn a_wait_tracks_its_event_until_finished() {
        let mut w = WaitMachine::new(
            EventMatch::action(EventAction::LinodeBoot),
            true,
            PollPolicy::adaptive(),
        );
        let cursor = CursorState::starting_after(0);
        assert!(matches!(w.next_step(&cursor), Step::List(_)));
        let unrelated = event(5, "user_update", None, EventStatus::Started);
        let mut boot = event(6, "linode_boot", None, EventStatus::Scheduled);
        let out = w.on_new_events([unrelated, boot.clone()], S(1));
        assert!(matches!(out, Outcome::Pending(Some(ref p)) if p.event_id == 6));
        assert!(matches!(
            w.next_step(&cursor),
            Step::Get(GetEvent { event_id: 6 })
        ));
        // The same view again is no news.
        assert!(matches!(
            w.on_event(boot.clone(), S(2)),
            Outcome::Pending(None)
        ));
        boot.status = Some(EventStatus::Notification);
        assert!(matches!(
            w.on_event(boot.clone(), S(3)),
            Outcome::Pending(Some(_))
        ));
        boot.status = Some(EventStatus::Started);
        boot.percent_complete = Some(40);
        assert!(
            matches!(w.on_event(boot.clone(), S(4)), Outcome::Pending(Some(ref p)) if p.percent_complete == Some(40))
        );
        boot.status = Some(EventStatus::Finished);
        assert!(matches!(w.on_event(boot, S(5)), Outcome::Finished(e) if e.id == 6));
    }

    #[test]
    fn failed_is_the_end_and_untracked_waits_keep_listing() {
        let mut w = WaitMachine::new(EventMatch::any(), false, PollPolicy::adaptive());
        let started = event(7, "linode_boot", None, EventStatus::Started);
        assert!(matches!(
            w.on_new_events([started], S(1)),
            Outcome::Pending(Some(_))
        ));
        assert!(matches!(
            w.next_step(&CursorState::starting_after(7)),
            Step::List(_)
        ));
        let failed = event(8, "linode_boot", None, EventStatus::Failed);
        assert!(matches!(w.on_new_events([failed], S(2)), Outcome::Failed(e) if e.id == 8));
    }

    #[test]
    fn the_delay_follows_activity_and_estimates() {
        let mut w = WaitMachine::new(EventMatch::any(), true, PollPolicy::adaptive());
        assert_eq!(w.next_delay(PollHint::default()), S(1));
        assert!(w.next_delay(PollHint::default()) > S(1));
        let mut e = event(7, "linode_migrate", None, EventStatus::Started);
        e.time_remaining = "0:00:06".parse().ok();
        w.on_event(e, S(3));
        assert_eq!(w.next_delay(PollHint::default()), S(3));
    }
}
