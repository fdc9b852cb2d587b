//! `account::events`: events listed, filtered, read, marked seen and read.

use linode::requests::{Filter, Pagination};
use linode::account::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let first = env.ok(&ListEvents::default()).await;
    assert_eq!(
        (first.results, first.pages, first.data.len()),
        (120, 2, 100)
    );
    assert!(
        first.data.windows(2).all(|w| w[0].created >= w[1].created),
        "newest first"
    );
    let newest = first.data[0].clone();
    assert!(
        !newest.seen && !newest.read,
        "the newest seeded events are unread"
    );
    assert_eq!(
        env.ok(&GetEvent {
            event_id: newest.id
        })
        .await,
        newest
    );

    let older = first.data[5].id;
    env.ok(&MarkEventSeen { event_id: older }).await;
    let seen = env.ok(&GetEvent { event_id: older }).await;
    assert!(seen.seen && !seen.read);
    assert!(
        env.ok(&GetEvent {
            event_id: first.data[7].id
        })
        .await
        .seen,
        "and every older one"
    );
    assert!(
        !env.ok(&GetEvent {
            event_id: newest.id
        })
        .await
        .seen,
        "but no newer one"
    );

    env.ok(&MarkEventRead {
        event_id: newest.id,
    })
    .await;
    let read = env
        .ok(&GetEvent {
            event_id: newest.id,
        })
        .await;
    assert!(read.read && read.seen);
    let unread = ListEvents {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(EventField::Read, false)),
    };
    let unread = env.ok(&unread).await;
    assert_eq!(unread.results, 9);
    assert!(unread.data.iter().all(|e| !e.read && e.id != newest.id));
}
