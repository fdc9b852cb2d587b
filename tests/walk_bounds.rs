//! Page walks against hostile servers on 127.0.0.1, through both transports: whatever the
//! server answers (page 1 again and again, a page beyond the announced end, a page count
//! that keeps growing, empty pages before an endless last one, more pages than the cap, or
//! answers too slow for the walk's deadline), a walk ends with a clear `Error::Walk` after
//! a bounded number of requests.

// A panic in a test is a failed test (clippy.toml allows it in #[test] fns; helpers too).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use linode::profile::ListSshKeys;
use linode::requests::{Error, WalkError};
use support::*;

/// How many results a test takes from a walk at most: a walk that is not bounded yields
/// this many and the test fails instead of hanging.
const TAKE: usize = 40;

/// What a walk yielded: the page numbers of its pages, then the walk error it ended with.
#[derive(Debug, PartialEq)]
struct Outcome {
    pages: Vec<u32>,
    error: Option<WalkError>,
    requests: usize,
}

/// The page a request asks for (1 when the query has none).
fn page_of(req: &Recorded) -> u32 {
    req.path_and_query
        .split(['?', '&'])
        .find_map(|part| part.strip_prefix("page="))
        .map_or(1, |n| n.parse().unwrap())
}

fn outcome(server: &TestServer, results: Vec<Result<u32, Error>>) -> Outcome {
    let mut pages = Vec::new();
    let mut error = None;
    for result in results {
        match result {
            Ok(n) => pages.push(n),
            Err(Error::Walk { source, operation }) => {
                assert_eq!(operation, "profile::ListSshKeys");
                assert!(error.is_none(), "a second error after {source}");
                error = Some(source);
            }
            Err(other) => panic!("not a walk error: {other}"),
        }
    }
    Outcome {
        pages,
        error,
        requests: server.count(),
    }
}

/// Walks the SSH keys through the blocking (ureq) client, `tweak` setting the walk's
/// bounds, taking at most [`TAKE`] pages.
fn blocking(
    server: &TestServer,
    config: linode::ClientConfig,
    tweak: impl FnOnce(
        linode::client::BlockingPages<linode_ureq::UreqTransport, ListSshKeys>,
    ) -> linode::client::BlockingPages<linode_ureq::UreqTransport, ListSshKeys>,
) -> Outcome {
    let client = linode_ureq::Client::from_config(config).unwrap();
    let results = tweak(client.pages(ListSshKeys::default()))
        .take(TAKE)
        .map(|page| page.map(|p| p.page))
        .collect();
    outcome(server, results)
}

/// The same walk through the async (hyper) client, on a runtime of its own.
fn async_walk(
    server: &TestServer,
    config: linode::ClientConfig,
    prefetch: usize,
    tweak: impl FnOnce(
        linode::client::Pages<linode_hyper::HyperTransport, ListSshKeys>,
    ) -> linode::client::Pages<linode_hyper::HyperTransport, ListSshKeys>,
) -> Outcome {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let results = runtime.block_on(async {
        let client = linode_hyper::Client::from_config(config).unwrap();
        let mut pages = tweak(client.pages(ListSshKeys::default())).prefetch(prefetch);
        let mut results = Vec::new();
        while results.len() < TAKE {
            let Some(page) = pages.next().await else {
                break;
            };
            results.push(page.map(|p| p.page));
        }
        results
    });
    outcome(server, results)
}

/// Runs `check` on a fresh server (`answer` picks each reply from the page asked for)
/// through the blocking client, the lazy async client and the async client fetching ahead.
fn through_every_walk(
    answer: fn(u32) -> Reply,
    configure: fn(linode::ClientConfig) -> linode::ClientConfig,
    check: impl Fn(&str, Outcome),
) {
    let server = serve(move |req, _| answer(page_of(req)));
    check(
        "blocking",
        blocking(&server, configure(config(&server)), |p| p),
    );
    let server = serve(move |req, _| answer(page_of(req)));
    check(
        "async",
        async_walk(&server, configure(config(&server)), 0, |p| p),
    );
    let server = serve(move |req, _| answer(page_of(req)));
    check(
        "async, prefetch 3",
        async_walk(&server, configure(config(&server)), 3, |p| p),
    );
}

/// Page `page` of `pages`, with one key.
fn keys(page: u32, pages: u32) -> Reply {
    let key = key_json(u64::from(page) * 10 + 1, "key");
    Reply::json(
        200,
        format!(r#"{{"data": [{key}], "page": {page}, "pages": {pages}, "results": {pages}}}"#),
    )
}

#[test]
fn an_honest_list_is_walked_to_its_end() {
    through_every_walk(
        |n| keys(n, 3),
        |c| c,
        |how, out| {
            assert_eq!(out.pages, [1, 2, 3], "{how}");
            assert_eq!((out.error, out.requests), (None, 3), "{how}");
        },
    );
    // A list that shrinks while walked ends sooner, without an error.
    through_every_walk(
        |n| keys(n, if n == 1 { 4 } else { 2 }),
        |c| c,
        |how, out| {
            assert_eq!(out.pages, [1, 2], "{how}");
            assert_eq!(out.error, None, "{how}");
        },
    );
}

#[test]
fn a_server_answering_page_one_again_ends_the_walk() {
    through_every_walk(
        |_| keys(1, 3),
        |c| c,
        |how, out| {
            assert_eq!(
                out.pages,
                [1],
                "{how}: page 1's items are not yielded twice"
            );
            assert_eq!(
                out.error,
                Some(WalkError::PageMismatch {
                    requested: 2,
                    answered: 1
                }),
                "{how}"
            );
            assert!(out.requests <= 3, "{how}: {} requests", out.requests);
        },
    );
}

#[test]
fn a_page_with_items_beyond_the_announced_end_ends_the_walk() {
    through_every_walk(
        |n| keys(n, if n == 1 { 3 } else { 1 }),
        |c| c,
        |how, out| {
            assert_eq!(out.pages, [1], "{how}");
            assert_eq!(
                out.error,
                Some(WalkError::BeyondLast { page: 2, pages: 1 }),
                "{how}"
            );
        },
    );
}

#[test]
fn a_page_count_that_keeps_growing_ends_the_walk() {
    // Every page says there is one more: without a check this walk never ends.
    through_every_walk(
        |n| keys(n, n + 1),
        |c| c,
        |how, out| {
            assert_eq!(out.pages, [1], "{how}");
            assert_eq!(
                out.error,
                Some(WalkError::PagesGrew {
                    page: 2,
                    announced: 2,
                    pages: 3
                }),
                "{how}"
            );
            assert!(out.requests <= 2, "{how}: {} requests", out.requests);
        },
    );
}

#[test]
fn empty_pages_before_an_endless_last_end_the_walk_at_once() {
    // The issue's case: `{"data": [], "page": N, "pages": 4294967295}`.
    through_every_walk(
        |n| {
            Reply::json(
                200,
                format!(r#"{{"data": [], "page": {n}, "pages": 4294967295, "results": 0}}"#),
            )
        },
        |c| c,
        |how, out| {
            assert_eq!(out.pages, Vec::<u32>::new(), "{how}");
            assert_eq!(
                out.error,
                Some(WalkError::EmptyPage {
                    page: 1,
                    pages: u32::MAX
                }),
                "{how}"
            );
            assert_eq!(out.requests, 1, "{how}");
        },
    );
}

#[test]
fn a_walk_stops_at_the_clients_page_cap() {
    through_every_walk(
        |n| keys(n, u32::MAX),
        |c| c.with_max_walk_pages(5),
        |how, out| {
            assert_eq!(out.pages, [1, 2, 3, 4, 5], "{how}");
            assert_eq!(
                out.error,
                Some(WalkError::TooManyPages {
                    limit: 5,
                    pages: u32::MAX
                }),
                "{how}"
            );
            assert_eq!(out.requests, 5, "{how}: no request beyond the cap");
        },
    );
}

#[test]
fn a_walk_stops_at_its_own_page_cap() {
    let server = serve(|req, _| keys(page_of(req), 1000));
    let out = blocking(&server, config(&server), |p| p.max_pages(3));
    assert_eq!((out.pages.len(), out.requests), (3, 3));
    assert!(matches!(
        out.error,
        Some(WalkError::TooManyPages { limit: 3, .. })
    ));

    let server = serve(|req, _| keys(page_of(req), 1000));
    let out = async_walk(&server, config(&server), 2, |p| p.max_pages(3));
    assert_eq!((out.pages.len(), out.requests), (3, 3));
    assert!(matches!(
        out.error,
        Some(WalkError::TooManyPages { limit: 3, .. })
    ));
}

#[test]
fn the_default_cap_is_generous_and_configurable() {
    assert_eq!(
        linode::ClientConfig::new().max_walk_pages(),
        linode::client::DEFAULT_MAX_WALK_PAGES
    );
    assert_eq!(linode::client::DEFAULT_MAX_WALK_PAGES, 10_000);
    assert_eq!(
        linode::ClientConfig::new()
            .with_max_walk_pages(0)
            .max_walk_pages(),
        1
    );
    assert_eq!(linode::ClientConfig::new().walk_deadline(), None);
}

#[test]
fn a_blocking_walk_stops_after_its_deadline() {
    // Every page is slow and another always follows: only the deadline ends the walk.
    let server = serve(|req, _| keys(page_of(req), u32::MAX).delayed(Duration::from_millis(60)));
    let out = blocking(&server, config(&server), |p| {
        p.within(Duration::from_millis(200))
    });
    assert!(
        matches!(out.error, Some(WalkError::DeadlineExceeded { deadline, .. }) if deadline == Duration::from_millis(200)),
        "{out:?}"
    );
    assert!(out.requests < TAKE, "{} requests", out.requests);
    assert_eq!(
        out.pages.len(),
        out.requests,
        "every page asked for was answered"
    );

    // The client's walk deadline is the default for its walks.
    let server = serve(|req, _| keys(page_of(req), u32::MAX).delayed(Duration::from_millis(60)));
    let config = config(&server).with_walk_deadline(Duration::from_millis(200));
    let out = blocking(&server, config, |p| p);
    assert!(
        matches!(out.error, Some(WalkError::DeadlineExceeded { .. })),
        "{out:?}"
    );
    assert!(out.requests < TAKE);
}

#[test]
fn an_async_walk_cancels_the_request_in_flight_at_its_deadline() {
    // Page 2 would take far longer than the walk may (and than the request timeout, so a
    // transport timeout would show as a different error).
    let answer = |n: u32| {
        let reply = keys(n, 5);
        if n >= 2 {
            reply.delayed(Duration::from_secs(30))
        } else {
            reply
        }
    };
    for prefetch in [0, 2] {
        let server = serve(move |req, _| answer(page_of(req)));
        let config = config(&server).with_request_timeout(Duration::from_secs(60));
        let out = async_walk(&server, config, prefetch, |p| {
            p.within(Duration::from_millis(300))
        });
        assert_eq!(out.pages, [1], "prefetch {prefetch}");
        assert_eq!(
            out.error,
            Some(WalkError::DeadlineExceeded {
                deadline: Duration::from_millis(300),
                fetched: 1
            }),
            "prefetch {prefetch}"
        );
    }
}

#[test]
fn a_walk_error_says_what_the_server_did_and_what_to_do() {
    let server = serve(|_, _| keys(1, 3));
    let client = linode_ureq::Client::from_config(config(&server)).unwrap();
    let error = client
        .items(ListSshKeys::default())
        .find_map(Result::err)
        .unwrap();
    let text = error.to_string();
    assert!(text.contains("profile::ListSshKeys"), "{text}");
    assert!(text.contains("page 2 was asked for"), "{text}");
    assert!(text.contains("answered page 1"), "{text}");
    assert!(text.contains("check that nothing between"), "{text}");
    assert!(std::error::Error::source(&error).is_none());
    assert!(error.as_walk().is_some() && error.status().is_none());
}
