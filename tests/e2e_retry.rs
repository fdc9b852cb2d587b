//! End to end, retries under injected faults, counted in the fake's log, through both
//! transports: a create or a payment is sent exactly once whatever goes wrong (and applied at
//! most once: the objects are counted, not only the requests), a read is retried until it
//! succeeds, a 429 on a read is waited out, maintenance is not retried.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod e2e_support;

use std::time::{Duration, Instant};

use e2e_support::{api_error, assert_hides, on_both_transports, transport_kind, Api, Env};
use http::StatusCode;
use linode::account::{CreatePayment, GetAccount, ListPayments};
use linode::models::profile::ProfileUpdate;
use linode::profile::{CreateSshKey, GetProfile, ListSshKeys, SshKeyField, UpdateProfile};
use linode::requests::{Error, Filter, Operation, Pagination, TransportErrorKind};
use linode_fake::{Fault, FaultRule};

const KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIRetriesUnderFaultsKeyMaterialE2e02 retry@ci";

on_both_transports! {
    a_create_is_sent_once_whatever_fails,
    a_payment_is_sent_once_whatever_fails,
    a_read_is_retried_until_it_succeeds,
    retries_stop_at_the_attempt_budget,
    a_rate_limited_read_waits_for_retry_after,
    a_retry_after_beyond_the_maximum_delay_is_not_waited_for,
    maintenance_is_not_retried,
    a_post_dropped_before_it_was_read_is_not_resent,
}

/// Sends `op` with `fault` on its first request. Returns the error, after checking that the
/// fake received the operation exactly once more.
async fn sent_once<A: Api, O: Operation + Sync>(env: &Env<A>, op: &O, fault: Fault) -> Error {
    let id = O::META.id;
    let before = env.count_of::<O>();
    env.fake
        .inject(FaultRule::for_op::<O>(fault.clone()).times(1));
    let error = match env.call(op).await {
        Ok(_) => panic!("{id} over {} succeeded despite {fault:?}", env.transport()),
        Err(e) => e,
    };
    assert_eq!(
        env.count_of::<O>(),
        before + 1,
        "{id} over {} with {fault:?}: the server saw it {} times",
        env.transport(),
        env.count_of::<O>() - before
    );
    assert!(env.fake.faults().is_empty(), "the fault fired");
    assert_hides(&error, &env.token);
    error
}

/// Checks the error `fault` should give a non-idempotent operation (no retry happened).
fn assert_fault_error(error: &Error, fault: &Fault) {
    match fault {
        Fault::Status(code) => assert_eq!(error.status().map(|s| s.as_u16()), Some(*code)),
        Fault::RateLimited { retry_after_secs } => {
            let api = error.as_api().unwrap();
            assert_eq!(api.status, StatusCode::TOO_MANY_REQUESTS);
            assert_eq!(
                api.retry_after(),
                Some(Duration::from_secs(*retry_after_secs))
            );
            assert!(error.to_string().contains("wait 1s"), "{error}");
        }
        Fault::DropAfterRead => {
            let Error::Transport { source, .. } = error else {
                panic!("a dropped connection is a transport error: {error}")
            };
            assert_eq!(source.kind(), TransportErrorKind::Io);
            assert!(source.may_have_reached_server());
            assert!(
                error
                    .to_string()
                    .contains("may or may not have been applied"),
                "{error}"
            );
        }
        other => panic!("not a fault these tests use: {other:?}"),
    }
}

/// The faults after which a create must not be sent again, and whether the fake applied the
/// request before failing (only a connection dropped after the request was read is).
fn post_faults() -> [(Fault, bool); 4] {
    [
        (Fault::internal_error(), false),
        (Fault::unavailable(), false),
        (Fault::DropAfterRead, true),
        (
            Fault::RateLimited {
                retry_after_secs: 1,
            },
            false,
        ),
    ]
}

/// A POST that gets a 500, a 503, a dropped answer or a 429 is sent once; the key exists
/// once when the server applied it, not at all otherwise.
async fn a_create_is_sent_once_whatever_fails<A: Api>(env: Env<A>) {
    for (n, (fault, applied)) in post_faults().into_iter().enumerate() {
        let label = format!("e2e-once-{n}");
        let error = sent_once(&env, &CreateSshKey::new(label.clone(), KEY), fault.clone()).await;
        assert_fault_error(&error, &fault);
        let with_label = ListSshKeys {
            pagination: Pagination::new(),
            filter: Some(Filter::eq(SshKeyField::Label, label.as_str())),
        };
        let found = env.ok(&with_label).await;
        assert_eq!(
            found.results,
            u32::from(applied),
            "{fault:?}: keys labelled {label}"
        );
    }
    // The server never saw the same create twice.
    let posts: Vec<String> = env
        .log()
        .iter()
        .filter(|r| r.operation == Some("post-add-ssh-key"))
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect();
    assert_eq!(posts.len(), 4);
    let mut distinct = posts.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        posts.len(),
        "a POST was sent twice: {posts:?}"
    );
    assert_eq!(env.ok(&ListSshKeys::default()).await.results, 3 + 1);
}

/// The same for money: a payment is sent once, and charged at most once.
async fn a_payment_is_sent_once_whatever_fails<A: Api>(env: Env<A>) {
    let balance = env.ok(&GetAccount).await.balance.amount();
    let payments = env.ok(&ListPayments::default()).await.results;
    let mut charged = rust_decimal::Decimal::ZERO;
    for (n, (fault, applied)) in post_faults().into_iter().enumerate() {
        let amount = format!("{}.25", 20 + n);
        let pay = CreatePayment::new(amount.parse().unwrap());
        let error = sent_once(&env, &pay, fault.clone()).await;
        assert_fault_error(&error, &fault);
        if applied {
            charged += amount.parse::<rust_decimal::Decimal>().unwrap();
        }
    }
    assert_eq!(
        env.ok(&ListPayments::default()).await.results,
        payments + 1,
        "only the payment whose answer was lost went through, once"
    );
    assert_eq!(
        env.ok(&GetAccount).await.balance.amount(),
        balance - charged
    );
    assert_eq!(env.count_of::<CreatePayment>(), 4);
}

/// A GET that gets a 500, 502, 503, or a connection dropped before or after it was read is
/// sent again and succeeds; so is an idempotent PUT.
async fn a_read_is_retried_until_it_succeeds<A: Api>(env: Env<A>) {
    for fault in [
        Fault::internal_error(),
        Fault::bad_gateway(),
        Fault::unavailable(),
        Fault::DropBeforeRead,
        Fault::DropAfterRead,
    ] {
        env.fake.clear_log();
        env.fake
            .inject(FaultRule::for_op::<ListSshKeys>(fault.clone()).times(1));
        let keys = env.ok(&ListSshKeys::default()).await;
        assert_eq!(keys.results, 3, "{fault:?}");
        let log = env.log();
        assert_eq!(log.len(), 2, "{fault:?}: one failure, one retry");
        assert_eq!(log[0].fault.as_ref(), Some(&fault));
        assert_eq!(log[1].fault, None);
        assert_eq!(log[1].status, Some(200));
        assert_eq!(log[0].query, log[1].query, "the same request again");
    }
    env.fake.clear_log();
    env.fake
        .inject(FaultRule::for_op::<UpdateProfile>(Fault::bad_gateway()).times(2));
    let update = ProfileUpdate {
        timezone: Some("Europe/Madrid".into()),
        ..Default::default()
    };
    let profile = env.ok(&UpdateProfile::new(update)).await;
    assert_eq!(profile.timezone, "Europe/Madrid");
    assert_eq!(
        env.count_of::<UpdateProfile>(),
        3,
        "an idempotent write is retried too"
    );
}

/// A read that keeps failing stops after the configured attempts (4) with the last error.
async fn retries_stop_at_the_attempt_budget<A: Api>(env: Env<A>) {
    env.fake
        .inject(FaultRule::for_op::<GetProfile>(Fault::unavailable()).times(10));
    let error = env.call(&GetProfile).await.unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(env.count_of::<GetProfile>(), 4);
    assert_eq!(env.fake.faults()[0].remaining(), Some(6));
}

/// A 429 with `Retry-After: 1` on a GET: the client waits (at least) that second, then the
/// retry succeeds.
async fn a_rate_limited_read_waits_for_retry_after<A: Api>(env: Env<A>) {
    env.fake.inject(
        FaultRule::for_op::<GetProfile>(Fault::RateLimited {
            retry_after_secs: 1,
        })
        .times(1),
    );
    let started = Instant::now();
    let profile = env.ok(&GetProfile).await;
    let waited = started.elapsed();
    assert_eq!(profile.username, "mira_okafor");
    assert!(waited >= Duration::from_secs(1), "waited only {waited:?}");
    let log = env.log();
    let statuses: Vec<Option<u16>> = log.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [Some(429), Some(200)]);
}

/// A `Retry-After` longer than the client's maximum delay (2 s here) is not waited for: the
/// 429 comes back at once, with the wait it asked for.
async fn a_retry_after_beyond_the_maximum_delay_is_not_waited_for<A: Api>(env: Env<A>) {
    env.fake.inject(
        FaultRule::for_op::<GetProfile>(Fault::RateLimited {
            retry_after_secs: 30,
        })
        .times(1),
    );
    let error = api_error::<GetProfile>(env.call(&GetProfile).await, env.transport());
    assert_eq!(error.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
    assert!(error.to_string().contains("wait 30s"), "{error}");
    assert_eq!(env.count_of::<GetProfile>(), 1);
}

/// A 503 with `X-Maintenance-Mode` is not retried, even for a read; the error says so.
async fn maintenance_is_not_retried<A: Api>(env: Env<A>) {
    env.fake
        .inject(FaultRule::for_op::<GetAccount>(Fault::Maintenance).times(1));
    let error = api_error::<GetAccount>(env.call(&GetAccount).await, env.transport());
    assert_eq!(error.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(error.is_maintenance());
    assert!(
        error.to_string().contains("down for maintenance"),
        "{error}"
    );
    assert_eq!(env.count_of::<GetAccount>(), 1, "not retried");
    // The fault was for one request: the next call goes through.
    assert_eq!(env.ok(&GetAccount).await.company, "Tallowbrook Studio");
}

/// The fake closes the connection after the POST's head arrived, before reading its body.
/// Nothing was applied, but the client cannot know that: both transports report a broken
/// connection (`Io`, "may have reached the server"), not a failure to connect, so the create
/// is not sent again. Only `Connect` (nothing sent) would allow re-sending a POST.
async fn a_post_dropped_before_it_was_read_is_not_resent<A: Api>(env: Env<A>) {
    let label = "e2e-dropped-before-read";
    env.fake
        .inject(FaultRule::for_op::<CreateSshKey>(Fault::DropBeforeRead).times(1));
    let error = env.call(&CreateSshKey::new(label, KEY)).await.unwrap_err();
    let Error::Transport { source, .. } = &error else {
        panic!("a dropped connection is a transport error: {error}")
    };
    assert_eq!(source.kind(), TransportErrorKind::Io, "{error}");
    assert!(source.may_have_reached_server());
    assert_eq!(transport_kind(&error), Some(TransportErrorKind::Io));
    assert_eq!(env.count_of::<CreateSshKey>(), 1, "not re-sent");
    let with_label = ListSshKeys {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(SshKeyField::Label, label)),
    };
    assert_eq!(env.ok(&with_label).await.results, 0, "and never applied");
    // Sent again by the caller, knowingly, it is created exactly once.
    let key = env.ok(&CreateSshKey::new(label, KEY)).await;
    assert_eq!(env.ok(&with_label).await.data, vec![key]);
}
