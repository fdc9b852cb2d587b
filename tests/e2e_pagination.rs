//! End to end, pagination with filters, through both transports: the seeded events (120)
//! walked with `items()` and `pages()` at 25 a page under an `X-Filter` (`+or` of actions,
//! `created` `+gte`, newest first): the fake is asked for page 1, 2, ... only as the walk
//! needs them, and the items are exactly those the filter selects, in its order. A page size
//! the API would refuse is refused before anything is sent.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod e2e_support;

use e2e_support::{on_both_transports, Api, Cursor, Env};
use linode::account::{EventField, ListEvents};
use linode::models::account::Event;
use linode::requests::{BuildError, Error, Filter, Order, Pagination};

on_both_transports! {
    items_walk_the_filtered_events_lazily,
    pages_walk_the_filtered_events_lazily,
    an_invalid_page_size_is_refused_before_sending,
}

const ACTIONS: [&str; 3] = ["linode_boot", "linode_reboot", "linode_snapshot"];

/// Every event, in one unfiltered request (page size 500), then the expectation worked out
/// here: the three actions, created at or after the 110th newest event, newest first.
async fn expectation<A: Api>(env: &Env<A>) -> (ListEvents, Vec<Event>) {
    let everything = ListEvents {
        pagination: Pagination::new().page_size(500),
        filter: None,
    };
    let mut all = env.ok(&everything).await.data;
    assert_eq!(all.len(), 120);
    all.sort_by_key(|e| std::cmp::Reverse(e.created));
    let cutoff = all[109].created;
    let expected: Vec<Event> = all
        .into_iter()
        .filter(|e| ACTIONS.contains(&e.action.as_str()) && e.created >= cutoff)
        .collect();
    assert!(expected.len() > 50, "three pages of 25: {}", expected.len());
    let filter = Filter::or(ACTIONS.map(|a| Filter::eq(EventField::Action, a)))
        .and(Filter::gte(EventField::Created, cutoff))
        .order_by(EventField::Created, Order::Desc);
    let op = ListEvents {
        pagination: Pagination::new().page_size(25),
        filter: Some(filter),
    };
    env.fake.clear_log();
    (op, expected)
}

/// The page numbers the fake was asked for so far, checking each request's query and filter.
fn pages_asked<A: Api>(env: &Env<A>, op: &ListEvents) -> Vec<u32> {
    let filter = op.filter.as_ref().unwrap().to_json();
    env.log()
        .iter()
        .map(|r| {
            assert_eq!(r.operation, Some("get-events"));
            assert_eq!(r.header("x-filter"), Some(filter.as_str()));
            let query = r.query.as_deref().unwrap_or("");
            assert!(query.split('&').any(|p| p == "page_size=25"), "{query}");
            query
                .split('&')
                .find_map(|p| p.strip_prefix("page="))
                .map_or(1, |n| n.parse().unwrap())
        })
        .collect()
}

async fn items_walk_the_filtered_events_lazily<A: Api>(env: Env<A>) {
    let (op, expected) = expectation(&env).await;
    let mut items = env.api.items(op.clone());
    assert!(
        env.log().is_empty(),
        "nothing is fetched before the first item is asked for"
    );
    let mut got = Vec::new();
    while let Some(event) = items.next_item().await {
        got.push(event.unwrap());
        // Item n (from 1) needs page ceil(n / 25), and no page after it.
        let needed = u32::try_from(got.len().div_ceil(25)).unwrap();
        let asked: Vec<u32> = (1..=needed).collect();
        assert_eq!(pages_asked(&env, &op), asked, "after {} items", got.len());
    }
    let ids: Vec<u64> = got.iter().map(|e| e.id).collect();
    let want: Vec<u64> = expected.iter().map(|e| e.id).collect();
    assert_eq!(ids, want, "the filtered events, newest first");
    assert_eq!(got, expected);
    let pages = u32::try_from(expected.len().div_ceil(25)).unwrap();
    assert_eq!(
        pages_asked(&env, &op),
        (1..=pages).collect::<Vec<_>>(),
        "no page asked twice, none past the end"
    );
}

async fn pages_walk_the_filtered_events_lazily<A: Api>(env: Env<A>) {
    let (op, expected) = expectation(&env).await;
    let total = u32::try_from(expected.len().div_ceil(25)).unwrap();
    let mut pages = env.api.pages(op.clone());
    let mut got = Vec::new();
    let mut number = 0;
    while let Some(page) = pages.next_item().await {
        let page = page.unwrap();
        number += 1;
        assert_eq!((page.page, page.pages), (number, total));
        assert_eq!(page.results as usize, expected.len());
        assert_eq!(
            pages_asked(&env, &op),
            (1..=number).collect::<Vec<_>>(),
            "one request per page taken"
        );
        let want = if number < total {
            25
        } else {
            expected.len() - 25 * (total as usize - 1)
        };
        assert_eq!(page.data.len(), want);
        got.extend(page.data);
    }
    assert_eq!(number, total);
    assert_eq!(got, expected);
    assert_eq!(env.log().len(), total as usize);
}

async fn an_invalid_page_size_is_refused_before_sending<A: Api>(env: Env<A>) {
    for size in [0, 10, 24, 501] {
        let op = ListEvents {
            pagination: Pagination::new().page_size(size),
            filter: Some(Filter::eq(EventField::Action, "linode_boot")),
        };
        let error = env.call(&op).await.unwrap_err();
        assert!(
            matches!(&error, Error::Build { source: BuildError::InvalidPageSize { page_size }, .. } if *page_size == size),
            "{error}"
        );
        assert!(error.to_string().contains("25 to 500"), "{error}");
        let first = env.api.items(op.clone()).next_item().await.unwrap();
        assert!(matches!(first, Err(Error::Build { .. })));
        let page = env.api.pages(op).next_item().await.unwrap();
        assert!(matches!(page, Err(Error::Build { .. })));
    }
    let page_zero = ListEvents {
        pagination: Pagination::new().page(0).page_size(25),
        filter: None,
    };
    assert!(matches!(
        env.call(&page_zero).await,
        Err(Error::Build {
            source: BuildError::InvalidPage,
            ..
        })
    ));
    assert!(
        env.log().is_empty(),
        "nothing reached the server: {:?}",
        env.log()
    );
}
