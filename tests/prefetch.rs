//! A walk that fetches ahead, through linode-hyper against linode-fake: every event once and
//! in the same order as the lazy walk, each page asked for once, and a dropped walk leaves
//! the client usable. (The blocking client does not fetch ahead: see docs/performance.md.)

// A panic in a test is a failed test (clippy.toml allows it in #[test] fns; helpers too).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use linode::account::ListEvents;
use linode::profile::GetProfile;
use linode::requests::{ClientConfig, Pagination};
use linode_fake::{FakeLinode, Fault, FaultRule};

fn client(fake: &FakeLinode) -> linode_hyper::Client {
    let config = ClientConfig::new()
        .with_base_url(fake.url())
        .unwrap()
        .with_token(fake.token())
        .unwrap()
        .with_request_timeout(Duration::from_secs(5));
    linode_hyper::Client::from_config(config).unwrap()
}

fn events() -> ListEvents {
    ListEvents {
        pagination: Pagination::new().page_size(25),
        filter: None,
    }
}

async fn walk(client: &linode_hyper::Client, prefetch: usize) -> Vec<u64> {
    let mut items = client.items(events()).prefetch(prefetch);
    let mut ids = Vec::new();
    while let Some(event) = items.next().await {
        ids.push(event.unwrap().id);
    }
    ids
}

fn pages_asked(fake: &FakeLinode) -> Vec<String> {
    fake.requests()
        .iter()
        .filter(|r| r.operation == Some("get-events"))
        .map(|r| r.query.clone().unwrap_or_default())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_walk_fetching_ahead_yields_every_item_once_in_order() {
    let fake = FakeLinode::start().await.unwrap();
    let client = client(&fake);
    let lazy = walk(&client, 0).await;
    assert!(lazy.len() > 100, "the seed has several pages of events");
    let mut sorted = lazy.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), lazy.len(), "no event twice");
    fake.clear_log();

    let ahead = walk(&client, 3).await;
    assert_eq!(ahead, lazy);
    let mut asked = pages_asked(&fake);
    let pages = lazy.len().div_ceil(25);
    assert_eq!(asked.len(), pages, "{asked:?}");
    asked.sort();
    asked.dedup();
    assert_eq!(asked.len(), pages, "each page once: {asked:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_walk_cancels_its_fetches_and_the_client_goes_on() {
    let fake = FakeLinode::start().await.unwrap();
    let client = client(&fake);
    {
        let mut items = client.items(events()).prefetch(3);
        assert!(items.next().await.unwrap().is_ok());
        // Pages 2 to 4 are on their way, slowly; the walk is dropped with them in flight.
        fake.inject(FaultRule::new(Fault::Delay(Duration::from_secs(2))).operation("get-events"));
        assert!(items.next().await.unwrap().is_ok());
    }
    fake.clear_faults();
    let profile = tokio::time::timeout(Duration::from_secs(1), client.send(&GetProfile))
        .await
        .expect("the client is not stuck behind the dropped fetches");
    assert!(profile.is_ok());
    assert!(pages_asked(&fake).len() <= 4, "{:?}", pages_asked(&fake));
}
