//! The async driver: [`EventCursor`] over a [`Client`].

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use futures_core::stream::Stream;
use linode_requests::models::account::Event;
use linode_requests::models::Page;

use super::policy::{PollHint, PollPolicy, PollSchedule};
use super::state::{hint_from, CursorState, Step};
use super::wait_error::{check_scopes, WaitError};
use super::{settle, WaitFor};
use crate::sleep::race;
use crate::{Client, Transport};
use linode_requests::Error;

type PollFuture = Pin<Box<dyn Future<Output = Result<(PollHint, Page<Event>), Error>> + Send>>;

impl<T: Transport + 'static> Client<T> {
    /// Reads the newest event's id (one request) and returns a cursor over every later event.
    ///
    /// Call it **before** starting the action to watch, so its event cannot slip in before
    /// the snapshot. Fails with [`WaitError::MissingScope`] when the token cannot read events.
    pub async fn events_since_now(&self) -> Result<EventCursor<T>, WaitError> {
        let response = self
            .send_with_meta(&CursorState::snapshot_request())
            .await
            .map_err(WaitError::from_request)?;
        check_scopes(response.meta().token_scopes())?;
        Ok(EventCursor::new(
            self.clone(),
            CursorState::after_snapshot(&response.value),
        ))
    }

    /// A cursor over the events with ids above `event_id` (to resume where one stopped: see
    /// [`EventCursor::last_id`]). Sends nothing until polled.
    pub fn events_after(&self, event_id: u64) -> EventCursor<T> {
        EventCursor::new(self.clone(), CursorState::starting_after(event_id))
    }
}

/// Every event newer than a snapshot, each once, in id order, as a [`Stream`]; made by
/// [`Client::events_since_now`]. Also the starting point of [`EventCursor::wait`].
///
/// The stream never ends on its own: between polls it sleeps as its [`PollPolicy`] says; a
/// poll that fails (after the client's retries) yields the error and the next poll tries
/// again. Drop it to stop.
#[must_use = "streams do nothing unless polled"]
pub struct EventCursor<T> {
    client: Client<T>,
    state: CursorState,
    schedule: PollSchedule,
    hint: PollHint,
    polled: bool,
    in_flight: Option<PollFuture>,
}

impl<T> std::fmt::Debug for EventCursor<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventCursor")
            .field("last_id", &self.state.last_id())
            .field("buffered", &self.state.buffered.len())
            .field("policy", self.schedule.policy())
            .finish()
    }
}

// Nothing is pinned structurally: the state and the boxed future move freely.
impl<T> Unpin for EventCursor<T> {}

impl<T: Transport + 'static> EventCursor<T> {
    fn new(client: Client<T>, state: CursorState) -> Self {
        Self {
            client,
            state,
            schedule: PollSchedule::new(PollPolicy::adaptive()),
            hint: PollHint::default(),
            polled: false,
            in_flight: None,
        }
    }

    /// Polls as `policy` says (the stream; a wait takes its policy from [`WaitFor`]).
    pub fn with_policy(mut self, policy: PollPolicy) -> Self {
        self.schedule = PollSchedule::new(policy);
        self
    }

    /// The newest event id this cursor has received (or saw in its snapshot).
    pub fn last_id(&self) -> u64 {
        self.state.last_id()
    }

    /// The next new event (no `StreamExt` needed).
    pub async fn next(&mut self) -> Option<Result<Event, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Waits until an event matching `wait` reaches `finished` and returns it.
    ///
    /// Looks at the events newer than the cursor's position (those not yet taken from the
    /// stream first); the cursor itself does not move, so several waits can start from one
    /// snapshot. The future owns what it needs (`Send + 'static`): it can be spawned, and
    /// dropping it stops the wait at once. See [`WaitFor`] for tracking, deadline, policy
    /// and progress.
    pub fn wait(
        &self,
        wait: WaitFor,
    ) -> impl Future<Output = Result<Event, WaitError>> + Send + 'static {
        let client = self.client.clone();
        let last_id = self.state.last_id();
        let buffered: Vec<Event> = self.state.buffered.iter().cloned().collect();
        run_wait(client, last_id, buffered, wait)
    }
}

async fn run_wait<T: Transport + 'static>(
    client: Client<T>,
    last_id: u64,
    buffered: Vec<Event>,
    wait: WaitFor,
) -> Result<Event, WaitError> {
    let (mut machine, deadline, mut on_progress) = wait.into_parts();
    let start = Instant::now();
    let outcome = machine.on_new_events(buffered, Duration::ZERO);
    if let Some(done) = settle(outcome, &mut on_progress) {
        return done;
    }
    let mut cursor = CursorState::starting_after(last_id).narrowed(machine.narrowing());
    let transport = client.transport();
    loop {
        let Some(remaining) = left(deadline, start) else {
            return Err(machine.deadline_error(start.elapsed()));
        };
        let step = machine.next_step(&cursor);
        let request = async {
            match step {
                Step::List(op) => client.send_with_meta(&op).await.map(|r| {
                    let hint = hint_from(&r.meta());
                    cursor.absorb(r.value);
                    (hint, None)
                }),
                Step::Get(op) => client
                    .send_with_meta(&op)
                    .await
                    .map(|r| (hint_from(&r.meta()), Some(r.value))),
            }
        };
        let Some(answer) = race(request, transport.sleep(remaining)).await else {
            return Err(machine.deadline_error(start.elapsed()));
        };
        let (hint, event) = answer.map_err(WaitError::from_request)?;
        let elapsed = start.elapsed();
        let outcome = match event {
            Some(event) => machine.on_event(event, elapsed),
            None => machine.on_new_events(cursor.buffered.drain(..), elapsed),
        };
        if let Some(done) = settle(outcome, &mut on_progress) {
            return done;
        }
        if cursor.more && !machine.is_tracking() {
            continue; // the rest of a burst, at once
        }
        let delay = machine.next_delay(hint);
        let Some(remaining) = left(deadline, start) else {
            return Err(machine.deadline_error(start.elapsed()));
        };
        transport.sleep(delay.min(remaining)).await;
    }
}

/// The time left before `deadline`, or `None` once it has passed.
pub(super) fn left(deadline: Duration, start: Instant) -> Option<Duration> {
    deadline
        .checked_sub(start.elapsed())
        .filter(|left| !left.is_zero())
}

impl<T: Transport + 'static> Stream for EventCursor<T> {
    type Item = Result<Event, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(event) = this.state.buffered.pop_front() {
                return Poll::Ready(Some(Ok(event)));
            }
            let future = match &mut this.in_flight {
                Some(future) => future,
                None => {
                    // The first poll and the rest of a burst go at once; others wait.
                    let delay = if !this.polled || this.state.more {
                        Duration::ZERO
                    } else {
                        this.schedule.next_delay(this.hint)
                    };
                    this.polled = true;
                    let client = this.client.clone();
                    let op = this.state.poll_request();
                    this.in_flight.insert(Box::pin(async move {
                        if !delay.is_zero() {
                            client.transport().sleep(delay).await;
                        }
                        let response = client.send_with_meta(&op).await?;
                        Ok((hint_from(&response.meta()), response.value))
                    }))
                }
            };
            let result = match future.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(result) => result,
            };
            this.in_flight = None;
            match result {
                Ok((hint, page)) => {
                    let fresh = this.state.absorb(page);
                    this.hint = PollHint {
                        activity: fresh > 0,
                        ..hint
                    };
                }
                Err(error) => {
                    this.hint = PollHint::default();
                    return Poll::Ready(Some(Err(error)));
                }
            }
        }
    }
}
