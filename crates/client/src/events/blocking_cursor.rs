//! The blocking driver: [`BlockingEventCursor`] over a [`BlockingClient`].

use std::time::{Duration, Instant};

use linode_requests::models::account::Event;

use super::async_cursor::left;
use super::policy::{PollHint, PollPolicy, PollSchedule};
use super::state::{hint_from, CursorState, Step};
use super::wait_error::{check_scopes, WaitError};
use super::{settle, WaitFor};
use crate::{BlockingClient, BlockingTransport};
use linode_requests::Error;

impl<T: BlockingTransport> BlockingClient<T> {
    /// Reads the newest event's id (one request) and returns a cursor over every later event.
    ///
    /// Call it **before** starting the action to watch. Fails with
    /// [`WaitError::MissingScope`] when the token cannot read events.
    pub fn events_since_now(&self) -> Result<BlockingEventCursor<T>, WaitError> {
        let response = self
            .send_with_meta(&CursorState::snapshot_request())
            .map_err(WaitError::from_request)?;
        check_scopes(response.meta().token_scopes())?;
        Ok(BlockingEventCursor::new(
            self.clone(),
            CursorState::after_snapshot(&response.value),
        ))
    }

    /// A cursor over the events with ids above `event_id`. Sends nothing until iterated.
    pub fn events_after(&self, event_id: u64) -> BlockingEventCursor<T> {
        BlockingEventCursor::new(self.clone(), CursorState::starting_after(event_id))
    }
}

/// Every event newer than a snapshot, each once, in id order, as an [`Iterator`] that blocks
/// between polls; made by [`BlockingClient::events_since_now`]. The blocking twin of
/// [`EventCursor`](super::EventCursor).
///
/// The iterator never ends on its own; a failed poll yields the error and the next call
/// polls again.
#[must_use = "iterators do nothing unless advanced"]
pub struct BlockingEventCursor<T> {
    client: BlockingClient<T>,
    state: CursorState,
    schedule: PollSchedule,
    hint: PollHint,
    polled: bool,
}

impl<T> std::fmt::Debug for BlockingEventCursor<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockingEventCursor")
            .field("last_id", &self.state.last_id())
            .field("buffered", &self.state.buffered.len())
            .field("policy", self.schedule.policy())
            .finish()
    }
}

impl<T: BlockingTransport> BlockingEventCursor<T> {
    fn new(client: BlockingClient<T>, state: CursorState) -> Self {
        Self {
            client,
            state,
            schedule: PollSchedule::new(PollPolicy::adaptive()),
            hint: PollHint::default(),
            polled: false,
        }
    }

    /// Polls as `policy` says (the iterator; a wait takes its policy from [`WaitFor`]).
    pub fn with_policy(mut self, policy: PollPolicy) -> Self {
        self.schedule = PollSchedule::new(policy);
        self
    }

    /// The newest event id this cursor has received (or saw in its snapshot).
    pub fn last_id(&self) -> u64 {
        self.state.last_id()
    }

    /// Waits until an event matching `wait` reaches `finished` and returns it; see
    /// [`EventCursor::wait`](super::EventCursor::wait). A request in flight when the deadline
    /// passes is not interrupted (the client's request timeout bounds it); the wait stops
    /// right after it.
    pub fn wait(&self, wait: WaitFor) -> Result<Event, WaitError> {
        let (mut machine, deadline, mut on_progress) = wait.into_parts();
        let start = Instant::now();
        let outcome = machine.on_new_events(self.state.buffered.iter().cloned(), Duration::ZERO);
        if let Some(done) = settle(outcome, &mut on_progress) {
            return done;
        }
        let mut cursor =
            CursorState::starting_after(self.state.last_id()).narrowed(machine.narrowing());
        loop {
            if left(deadline, start).is_none() {
                return Err(machine.deadline_error(start.elapsed()));
            }
            let (hint, outcome) = match machine.next_step(&cursor) {
                Step::List(op) => {
                    let response = self
                        .client
                        .send_with_meta(&op)
                        .map_err(WaitError::from_request)?;
                    let hint = hint_from(&response.meta());
                    cursor.absorb(response.value);
                    let outcome = machine.on_new_events(cursor.buffered.drain(..), start.elapsed());
                    (hint, outcome)
                }
                Step::Get(op) => {
                    let response = self
                        .client
                        .send_with_meta(&op)
                        .map_err(WaitError::from_request)?;
                    let hint = hint_from(&response.meta());
                    (hint, machine.on_event(response.value, start.elapsed()))
                }
            };
            if let Some(done) = settle(outcome, &mut on_progress) {
                return done;
            }
            if cursor.more && !machine.is_tracking() {
                continue;
            }
            let delay = machine.next_delay(hint);
            let Some(remaining) = left(deadline, start) else {
                return Err(machine.deadline_error(start.elapsed()));
            };
            self.client.transport().sleep(delay.min(remaining));
        }
    }

    fn poll_once(&mut self) -> Result<(), Error> {
        let delay = if !self.polled || self.state.more {
            Duration::ZERO
        } else {
            self.schedule.next_delay(self.hint)
        };
        self.polled = true;
        if !delay.is_zero() {
            self.client.transport().sleep(delay);
        }
        match self.client.send_with_meta(&self.state.poll_request()) {
            Ok(response) => {
                let hint = hint_from(&response.meta());
                let fresh = self.state.absorb(response.value);
                self.hint = PollHint {
                    activity: fresh > 0,
                    ..hint
                };
                Ok(())
            }
            Err(error) => {
                self.hint = PollHint::default();
                Err(error)
            }
        }
    }
}

impl<T: BlockingTransport> Iterator for BlockingEventCursor<T> {
    type Item = Result<Event, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(event) = self.state.buffered.pop_front() {
                return Some(Ok(event));
            }
            if let Err(error) = self.poll_once() {
                return Some(Err(error));
            }
        }
    }
}
