//! `/account/events`: what happened on the account, newest first, read/seen flags.

use linode_models::account::{
    Event, EventAction, EventEntity, EventEntityId, EventEntityType, EventStatus,
};
use linode_models::{ClockDuration, Empty, Page, Timestamp};
use linode_requests::account::{GetEvent, ListEvents, MarkEventRead, MarkEventSeen};

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    ListEvents => list,
    GetEvent => get,
    MarkEventRead => mark_read,
    MarkEventSeen => mark_seen,
}

/// How many events the seed writes (several pages at the default page size).
pub(crate) const SEEDED_EVENTS: u64 = 120;

fn list(store: &mut Store, ctx: &Ctx<'_>, op: ListEvents) -> Result<Page<Event>, Failure> {
    crate::scripted_events::advance(store);
    // Newest first, as the API lists them.
    ctx.list_filtered(
        store.events.events.values().rev(),
        op.pagination,
        op.filter.as_ref(),
    )
}

fn find(store: &mut Store, id: u64) -> Result<&mut Event, Failure> {
    store
        .events
        .events
        .get_mut(&id)
        .ok_or_else(Failure::not_found)
}

fn get(store: &mut Store, _ctx: &Ctx<'_>, op: GetEvent) -> Result<Event, Failure> {
    crate::scripted_events::advance(store);
    find(store, op.event_id).cloned()
}

fn mark_read(store: &mut Store, _ctx: &Ctx<'_>, op: MarkEventRead) -> Result<Empty, Failure> {
    let event = find(store, op.event_id)?;
    event.read = true;
    event.seen = true;
    Ok(Empty::default())
}

/// Marks this event and every older one as seen, as the API does.
fn mark_seen(store: &mut Store, _ctx: &Ctx<'_>, op: MarkEventSeen) -> Result<Empty, Failure> {
    let id = find(store, op.event_id)?.id;
    for event in store.events.events.range_mut(..=id).map(|(_, e)| e) {
        event.seen = true;
    }
    Ok(Empty::default())
}

/// Records an event the owner caused just now (a payment, a new payment method), as the
/// API does for account changes.
pub(crate) fn record(store: &mut Store, action: &str, when: Timestamp, message: Option<String>) {
    let id = store.next_id();
    let username = store.username.clone();
    store.events.events.insert(
        id,
        Event {
            action: EventAction::from_api(action),
            created: when,
            duration: None,
            entity: None,
            id,
            message,
            percent_complete: None,
            rate: None,
            read: false,
            secondary_entity: None,
            seen: false,
            status: Some(EventStatus::from_api("notification")),
            time_remaining: None,
            username: Some(username),
            details: Some(serde_json::Map::new()),
            maintenance_policy_set: None,
            description: None,
            source: None,
            not_before: None,
            start_time: None,
            complete_time: None,
            extra: Default::default(),
        },
    );
}

/// 120 events over four months: boots, backups, logins, user and ticket changes.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    let linodes = [
        (31001, "web-lis-1"),
        (31002, "web-lis-2"),
        (31007, "worker-fra-1"),
    ];
    let people = [
        store.username.clone(),
        "nadia.kowal".to_owned(),
        "dario_ferraz".to_owned(),
    ];
    for i in 0..SEEDED_EVENTS {
        let n = i as usize;
        let (linode_id, linode_label) = linodes[n % linodes.len()];
        let linode = EventEntity {
            extra: Default::default(),
            id: Some(EventEntityId::Number(linode_id)),
            label: linode_label.to_owned(),
            kind: EventEntityType::from_api("linode"),
            url: format!("/v4/linode/instances/{linode_id}"),
        };
        let (action, entity, duration) = match n % 6 {
            0 => ("linode_boot", Some(linode), Some(41.0)),
            1 => ("backups_enable", Some(linode), Some(2.0)),
            2 => ("linode_reboot", Some(linode), Some(63.5)),
            3 => (
                "user_update",
                Some(EventEntity {
                    extra: Default::default(),
                    id: Some(EventEntityId::Text(people[n % 3].clone())),
                    label: people[n % 3].clone(),
                    kind: EventEntityType::from_api("account"),
                    url: format!("/v4/account/users/{}", people[n % 3]),
                }),
                Some(0.0),
            ),
            4 => ("linode_snapshot", Some(linode), Some(312.0)),
            _ => ("account_settings_update", None, Some(0.0)),
        };
        let id = store.next_id();
        // Oldest first in the map; about one a day, going back 120 days.
        let created = at(i as i64 - SEEDED_EVENTS as i64);
        let old = i < SEEDED_EVENTS - 10;
        store.events.events.insert(
            id,
            Event {
                action: EventAction::from_api(action),
                created,
                duration,
                entity,
                id,
                message: (n % 6 == 4)
                    .then(|| "Snapshot taken before the kernel upgrade.".to_owned()),
                percent_complete: Some(100),
                rate: None,
                read: old,
                secondary_entity: None,
                seen: old,
                status: Some(EventStatus::from_api(if n % 17 == 9 {
                    "failed"
                } else {
                    "finished"
                })),
                // Finished boots carry `time_remaining: 0`, an integer, as the live API sends.
                time_remaining: n.is_multiple_of(6).then(|| ClockDuration::from_seconds(0)),
                username: Some(people[n % 3].clone()),
                details: Some(serde_json::Map::new()),
                maintenance_policy_set: None,
                description: None,
                source: None,
                not_before: None,
                start_time: None,
                complete_time: None,
                extra: Default::default(),
            },
        );
    }
}
