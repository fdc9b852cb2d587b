//! End to end, the event cursor and the waiter against `linode-fake`'s scripted events,
//! through both transports: a wait that finishes (with its progress), one that fails, one
//! that runs out of time, a token without the events scope, a burst of new events across
//! pages, a server clock that disagrees with the client's, and a storm of unrelated events.
//! Requests are counted in the fake's log.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod e2e_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use e2e_support::{config, on_both_transports, Api, Env, Hyper, Ureq};
use linode::client::events::{
    BlockingEventCursor, EventCursor, EventMatch, PollPolicy, Progress, WaitError, WaitFor,
};
use linode::models::account::{Event, EventAction, EventEntityType, EventStatus};
use linode::profile::CreateSshKey;
use linode::requests::{Error, Operation};
use linode_fake::EventScript;

const KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEventsWaitE2eKeyMaterialForTests012 wait@ci";

/// Quick polls, so the tests take milliseconds.
fn quick() -> PollPolicy {
    PollPolicy::adaptive()
        .with_initial(Duration::from_millis(5))
        .with_ceiling(Duration::from_millis(40))
}

/// The cursor and the wait, whatever the transport.
trait Side: Api {
    type Cursor: std::fmt::Debug;
    async fn since_now(env: &Env<Self>, token: &str) -> Result<Self::Cursor, WaitError>;
    async fn wait(cursor: &Self::Cursor, wait: WaitFor) -> Result<Event, WaitError>;
    async fn next_event(cursor: &mut Self::Cursor) -> Result<Event, Error>;
}

impl Side for Hyper {
    type Cursor = EventCursor<linode_hyper::HyperTransport>;
    async fn since_now(env: &Env<Self>, token: &str) -> Result<Self::Cursor, WaitError> {
        let client = linode_hyper::Client::from_config(config(&env.url, Some(token))).unwrap();
        Ok(client.events_since_now().await?.with_policy(quick()))
    }
    async fn wait(cursor: &Self::Cursor, wait: WaitFor) -> Result<Event, WaitError> {
        cursor.wait(wait).await
    }
    async fn next_event(cursor: &mut Self::Cursor) -> Result<Event, Error> {
        cursor.next().await.unwrap()
    }
}

impl Side for Ureq {
    type Cursor = BlockingEventCursor<linode_ureq::UreqTransport>;
    async fn since_now(env: &Env<Self>, token: &str) -> Result<Self::Cursor, WaitError> {
        let client = linode_ureq::Client::from_config(config(&env.url, Some(token))).unwrap();
        Ok(client.events_since_now()?.with_policy(quick()))
    }
    async fn wait(cursor: &Self::Cursor, wait: WaitFor) -> Result<Event, WaitError> {
        cursor.wait(wait)
    }
    async fn next_event(cursor: &mut Self::Cursor) -> Result<Event, Error> {
        cursor.next().unwrap()
    }
}

on_both_transports! {
    a_wait_sees_the_action_finish_with_its_progress,
    a_failed_event_is_an_error_carrying_it,
    a_deadline_ends_the_wait,
    a_token_without_the_events_scope_fails_before_the_action,
    a_burst_of_new_events_comes_across_pages_each_once_in_order,
    the_server_clock_does_not_matter,
    an_unrelated_storm_is_ignored,
}

/// Cancelling a wait is dropping it (or its deadline): a dropped async wait sends no further
/// poll, even one it had planned.
#[test]
fn dropping_an_async_wait_stops_its_polls_at_once() {
    Hyper::run(|env: Env<Hyper>| async move {
        let cursor = Hyper::since_now(&env, &env.token).await.unwrap();
        act(
            &env,
            EventScript::new("linode_boot")
                .entity("linode", 77, "never-ends")
                .over_reads(1, 1_000_000),
        )
        .await;
        env.fake.clear_log();
        let wait = cursor.wait(WaitFor::new(boot_of(77)).policy(quick()));
        let outcome = tokio::time::timeout(Duration::from_millis(200), wait).await;
        assert!(outcome.is_err(), "the event never finishes");
        let polls = env.log().len();
        assert!(polls >= 1, "the wait was polling");
        // Ten times the policy's longest interval: a wait still alive would have polled.
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert_eq!(env.log().len(), polls, "no poll after the drop");
    });
}

fn boot_of(linode_id: u64) -> EventMatch {
    EventMatch::action(EventAction::LinodeBoot).and_entity(EventEntityType::Linode, linode_id)
}

/// Collects every progress report.
fn recorder() -> (
    Arc<Mutex<Vec<Progress>>>,
    impl FnMut(&Progress) + Send + 'static,
) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    (seen, move |p: &Progress| {
        sink.lock().unwrap().push(p.clone())
    })
}

/// The scripted boot starts when the SSH key is created: "the action produces the event".
async fn act<A: Side>(env: &Env<A>, script: EventScript) {
    assert_eq!(
        env.fake
            .script_event(script.after_operation::<CreateSshKey>()),
        None
    );
    env.ok(&CreateSshKey::new("events-e2e", KEY)).await;
}

async fn a_wait_sees_the_action_finish_with_its_progress<A: Side>(env: Env<A>) {
    let cursor = A::since_now(&env, &env.token).await.unwrap();
    env.fake.clear_log();
    act(
        &env,
        EventScript::new("linode_boot")
            .entity("linode", 123, "web-1")
            .over_reads(1, 4),
    )
    .await;
    let (seen, on_progress) = recorder();
    let wait = WaitFor::new(boot_of(123))
        .policy(quick())
        .on_progress(on_progress);
    let event = A::wait(&cursor, wait).await.unwrap();
    assert_eq!(event.status, Some(EventStatus::Finished));
    assert_eq!(event.action, EventAction::LinodeBoot);

    let seen = seen.lock().unwrap().clone();
    let statuses: Vec<_> = seen.iter().map(|p| p.status.clone().unwrap()).collect();
    assert_eq!(statuses.first(), Some(&EventStatus::Scheduled), "{seen:?}");
    assert_eq!(statuses.last(), Some(&EventStatus::Finished));
    let percents: Vec<u32> = seen
        .iter()
        .filter(|p| p.status == Some(EventStatus::Started))
        .map(|p| p.percent_complete.unwrap())
        .collect();
    assert_eq!(percents, [0, 25, 50, 75], "{seen:?}");
    let remaining: Vec<u64> = seen
        .iter()
        .filter_map(|p| p.time_remaining.map(|d| d.as_secs()))
        .collect();
    assert_eq!(remaining, [4, 3, 2, 1], "counting down");
    assert!(seen.iter().all(|p| p.event_id == event.id));

    // After the action: list polls until the event appears, then it is re-read by id.
    let log = env.log();
    let ops: Vec<&str> = log.iter().filter_map(|r| r.operation).collect();
    assert_eq!(ops[0], "post-add-ssh-key");
    let first_get = ops.iter().position(|o| *o == "get-event").unwrap();
    assert!(
        ops[1..first_get].iter().all(|o| *o == "get-events"),
        "{ops:?}"
    );
    assert!(
        ops[first_get..].iter().all(|o| *o == "get-event"),
        "{ops:?}"
    );
    for poll in log.iter().filter(|r| r.operation == Some("get-events")) {
        let filter = poll.header("x-filter").unwrap();
        assert!(filter.contains(r#""id":{"+gt":"#), "{filter}");
        assert!(filter.contains(r#""+order_by":"id""#) && filter.contains(r#""+order":"asc""#));
        assert!(
            !filter.contains("created") && !filter.contains("seen") && !filter.contains("read"),
            "never the clock, never seen/read: {filter}"
        );
    }
}

async fn a_failed_event_is_an_error_carrying_it<A: Side>(env: Env<A>) {
    let cursor = A::since_now(&env, &env.token).await.unwrap();
    act(
        &env,
        EventScript::new("linode_boot")
            .entity("linode", 55, "db-1")
            .over_reads(0, 2)
            .fails("The boot disk is full."),
    )
    .await;
    let error = A::wait(&cursor, WaitFor::new(boot_of(55)).policy(quick()))
        .await
        .unwrap_err();
    let event = error.failed_event().unwrap_or_else(|| panic!("{error}"));
    assert_eq!(event.status, Some(EventStatus::Failed));
    assert_eq!(event.message.as_deref(), Some("The boot disk is full."));
    assert!(
        error.to_string().contains("The boot disk is full."),
        "{error}"
    );
}

async fn a_deadline_ends_the_wait<A: Side>(env: Env<A>) {
    let cursor = A::since_now(&env, &env.token).await.unwrap();
    act(
        &env,
        EventScript::new("linode_boot")
            .entity("linode", 9, "slow")
            .over_reads(1, 1_000_000),
    )
    .await;
    let wait = WaitFor::new(boot_of(9))
        .policy(quick())
        .within(Duration::from_millis(150));
    let error = A::wait(&cursor, wait).await.unwrap_err();
    let WaitError::DeadlineExceeded { last_seen, .. } = &error else {
        panic!("{error}")
    };
    let last = last_seen.as_ref().expect("the event was seen running");
    assert!(
        matches!(
            last.status,
            Some(EventStatus::Started | EventStatus::Scheduled)
        ),
        "{last:?}"
    );
    assert!(error.to_string().contains("WaitFor::within"), "{error}");
    // Nothing for a wait that never sees its event either.
    let wait = WaitFor::new(boot_of(10))
        .policy(quick())
        .within(Duration::from_millis(60));
    assert!(matches!(
        A::wait(&cursor, wait).await,
        Err(WaitError::DeadlineExceeded {
            last_seen: None,
            ..
        })
    ));
}

async fn a_token_without_the_events_scope_fails_before_the_action<A: Side>(env: Env<A>) {
    env.fake
        .add_token("no-events-token", "account:read_write")
        .unwrap();
    env.fake.clear_log();
    let error = A::since_now(&env, "no-events-token").await.unwrap_err();
    let WaitError::MissingScope { scopes } = &error else {
        panic!("{error}")
    };
    assert_eq!(scopes.to_string(), "account:read_write");
    assert!(!linode::account::ListEvents::META.allowed_by(scopes));
    assert!(error.to_string().contains("events:read_only"), "{error}");
    assert!(
        !error.to_string().contains("no-events-token"),
        "no token in errors"
    );
    assert_eq!(env.log().len(), 1, "one request, refused; nothing retried");
    // A read-only events scope is enough.
    env.fake
        .add_token("events-token", "events:read_only")
        .unwrap();
    assert!(A::since_now(&env, "events-token").await.is_ok());
}

async fn a_burst_of_new_events_comes_across_pages_each_once_in_order<A: Side>(env: Env<A>) {
    let mut cursor = A::since_now(&env, &env.token).await.unwrap();
    let burst = env.fake.inject_events("user_update", 1_100);
    env.fake.clear_log();
    let mut ids = Vec::new();
    for _ in 0..burst.len() {
        ids.push(A::next_event(&mut cursor).await.unwrap().id);
    }
    assert_eq!(ids, burst, "each once, in id order");
    // 500 + 500 + 100: three requests, none waiting for a timer in between.
    assert_eq!(env.count_of::<linode::account::ListEvents>(), 3);
    let later = env.fake.inject_events("user_update", 2);
    assert_eq!(A::next_event(&mut cursor).await.unwrap().id, later[0]);
    assert_eq!(A::next_event(&mut cursor).await.unwrap().id, later[1]);
}

async fn the_server_clock_does_not_matter<A: Side>(env: Env<A>) {
    for skew in [-3 * 86_400, 6 * 3_600] {
        env.fake.set_clock_skew(skew);
        let cursor = A::since_now(&env, &env.token).await.unwrap();
        act(
            &env,
            EventScript::new("linode_boot")
                .entity("linode", 77, "skewed")
                .over_reads(1, 2),
        )
        .await;
        let event = A::wait(&cursor, WaitFor::new(boot_of(77)).policy(quick()))
            .await
            .unwrap();
        let created = event.created.to_utc().unix_timestamp();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        assert!(
            (created - now - skew).abs() < 60,
            "dated by the server's clock"
        );
    }
}

async fn an_unrelated_storm_is_ignored<A: Side>(env: Env<A>) {
    let cursor = A::since_now(&env, &env.token).await.unwrap();
    env.fake.inject_events("linode_boot", 700);
    act(
        &env,
        EventScript::new("linode_boot")
            .entity("linode", 31, "storm")
            .over_reads(1, 2),
    )
    .await;
    env.fake.inject_events("user_update", 300);
    // Narrowed on the server (action and entity in the X-Filter)...
    let event = A::wait(&cursor, WaitFor::new(boot_of(31)).policy(quick()))
        .await
        .unwrap();
    assert_eq!(event.entity.as_ref().unwrap().label, "storm");
    // ...or matched here only, paging through the storm to find it.
    env.fake.clear_log();
    let only_here =
        EventMatch::predicate(|e| e.entity.as_ref().is_some_and(|x| x.label == "storm"));
    let same = A::wait(&cursor, WaitFor::new(only_here).policy(quick()))
        .await
        .unwrap();
    assert_eq!(same.id, event.id);
    assert_eq!(
        env.count_of::<linode::account::ListEvents>(),
        2,
        "700 older events: two pages of 500"
    );
}
