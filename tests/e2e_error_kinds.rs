//! End to end, through both transports against the fake: every [`ErrorKind`] a program can
//! match on, produced the way a user meets it (a wrong token, a missing object, an injected
//! fault), with what each error says about itself: `kind()`, the `is_*` helpers, `status()`,
//! `retry_after()`, `field_errors()`, `may_have_been_applied()`, `is_retryable()`, and the
//! advice of its message, which follows the operation's idempotency (a payment answered
//! `500`/`503`, or whose connection dropped after it was written, may have gone through: the
//! message says to list payments, never "retry later").

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod e2e_support;

use std::time::Duration;

use e2e_support::{assert_hides, config, on_both_transports, Api, Env};
use http::StatusCode;
use linode::account::{CreatePayment, GetAccount, ListPayments};
use linode::models::profile::SshKeyUpdate;
use linode::profile::{CreateSshKey, GetSshKey, ListSshKeys, UpdateSshKey};
use linode::requests::{Applied, Error, ErrorKind, Operation, Pagination};
use linode_fake::{Fault, FaultRule};

const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIErrorKindsKeyMaterialE2e03 kinds@ci";

/// What a payment's error must advise when it may have gone through.
const PAYMENT_ADVICE: &str =
    "the payment may have gone through: list payments (ListPayments) before paying again";

on_both_transports! {
    api_refusals_have_their_kinds,
    a_payment_that_may_have_gone_through_says_to_list_payments,
    a_create_that_may_have_been_applied_says_to_check_first,
    a_read_that_fails_on_the_server_is_safe_to_retry,
    rate_limits_and_maintenance_have_their_kinds,
    transport_failures_have_their_kinds,
    local_failures_have_their_kinds,
}

/// Sends `op` (which must fail) and checks the facts every error must agree on.
async fn failure<A: Api, O: Operation + Sync>(env: &Env<A>, op: &O) -> Error {
    let error = match env.call(op).await {
        Ok(answer) => panic!(
            "{} over {} succeeded with {}",
            O::META.id,
            env.transport(),
            answer.status
        ),
        Err(e) => e,
    };
    assert_eq!(error.operation(), O::META.name, "{error}");
    assert_hides(&error, &env.token);
    // Debug is what `main` prints: short, without the header dump.
    let debug = format!("{error:?}");
    assert!(debug.len() < 1200, "a long Debug: {debug}");
    assert!(
        !debug.to_ascii_lowercase().contains("x-ratelimit"),
        "{debug}"
    );
    assert!(debug.contains(O::META.name), "{debug}");
    error
}

/// `fault` once on `O`, then `op`: the error.
async fn with_fault<A: Api, O: Operation + Sync>(env: &Env<A>, op: &O, fault: Fault) -> Error {
    env.fake.inject(FaultRule::for_op::<O>(fault).times(1));
    failure(env, op).await
}

/// 401, 403, 404, 400 with field errors, 409, and another 4xx.
async fn api_refusals_have_their_kinds<A: Api>(env: Env<A>) {
    let stranger = env.client(Some("not-a-token-the-fake-knows"));
    let error = match stranger.send_op(&GetAccount).await {
        Err(e) => e,
        Ok(_) => panic!("an unknown token was accepted"),
    };
    assert_eq!(error.kind(), ErrorKind::Unauthorized, "{error}");
    assert!(error.is_unauthorized() && !error.is_retryable());
    assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
    assert_eq!(error.may_have_been_applied(), Applied::No);
    assert!(error.to_string().contains("check LINODE_TOKEN"), "{error}");

    env.fake
        .add_token("read-only-e2e-kinds", "account:read_only")
        .unwrap();
    let reader = env.client(Some("read-only-e2e-kinds"));
    let error = match reader.send_op(&CreateSshKey::new("no", KEY)).await {
        Err(e) => e,
        Ok(_) => panic!("a read-only token created a key"),
    };
    assert_eq!(error.kind(), ErrorKind::Forbidden, "{error}");
    assert!(error.is_forbidden() && !error.is_retryable());
    assert_eq!(error.may_have_been_applied(), Applied::No);

    let error = failure(
        &env,
        &GetSshKey {
            ssh_key_id: 987_654,
        },
    )
    .await;
    assert_eq!(error.kind(), ErrorKind::NotFound, "{error}");
    assert!(error.is_not_found() && !error.is_retryable());
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(error.may_have_been_applied(), Applied::No);

    let error = failure(&env, &CreateSshKey::new("bad key", "not a key at all")).await;
    assert_eq!(error.kind(), ErrorKind::Validation, "{error}");
    assert!(error.is_validation() && !error.is_retryable());
    assert!(
        error.field_error("ssh_key").is_some(),
        "{:?}",
        error.field_errors()
    );
    assert_eq!(error.may_have_been_applied(), Applied::No);

    let rename = UpdateSshKey {
        ssh_key_id: 1,
        body: SshKeyUpdate {
            label: Some("x".into()),
        },
    };
    let error = with_fault(&env, &rename, Fault::Status(409)).await;
    assert_eq!(error.kind(), ErrorKind::Conflict, "{error}");
    assert!(!error.is_retryable());
    let error = with_fault(&env, &ListSshKeys::default(), Fault::Status(405)).await;
    assert_eq!(error.kind(), ErrorKind::OtherStatus, "{error}");
    assert_eq!(error.status(), Some(StatusCode::METHOD_NOT_ALLOWED));
}

/// A payment answered 500 or 503, or whose connection dropped after the request was written:
/// it may have been charged, so the advice is to list payments, never "retry later".
async fn a_payment_that_may_have_gone_through_says_to_list_payments<A: Api>(env: Env<A>) {
    let pay = CreatePayment::new("12.50".parse().unwrap());
    for (fault, kind) in [
        (Fault::internal_error(), ErrorKind::Server),
        (Fault::unavailable(), ErrorKind::Server),
        (Fault::DropAfterRead, ErrorKind::Network),
    ] {
        let before = env.count_of::<CreatePayment>();
        let error = with_fault(&env, &pay, fault.clone()).await;
        assert_eq!(env.count_of::<CreatePayment>(), before + 1, "sent once");
        assert_eq!(error.kind(), kind, "{fault:?}: {error}");
        assert_eq!(error.may_have_been_applied(), Applied::Maybe, "{fault:?}");
        assert_eq!(error.is_idempotent(), Some(false));
        assert!(
            !error.is_retryable(),
            "{fault:?}: a payment is not retryable"
        );
        let text = error.to_string();
        // Shown with --nocapture: what a user reads.
        println!("{text}\n{error:?}");
        assert!(text.contains(PAYMENT_ADVICE), "{fault:?}: {text}");
        assert!(!text.contains("retry later"), "{fault:?}: {text}");
        assert!(
            !text.contains("safe to repeat"),
            "{fault:?}: the advice must not call a payment safe: {text}"
        );
    }
    // The advice is right: one payment (the one whose answer was lost) went through.
    assert!(env.ok(&ListPayments::default()).await.results >= 1);

    // Maintenance is a 5xx too: it may have gone through as far as the client can tell.
    let error = with_fault(&env, &pay, Fault::Maintenance).await;
    assert_eq!(error.kind(), ErrorKind::Maintenance, "{error}");
    assert!(error.to_string().contains(PAYMENT_ADVICE), "{error}");

    // A 429 proves it was refused: it was not applied, and sending it again is safe.
    let error = with_fault(
        &env,
        &pay,
        Fault::RateLimited {
            retry_after_secs: 1,
        },
    )
    .await;
    assert_eq!(error.kind(), ErrorKind::RateLimited, "{error}");
    assert_eq!(error.may_have_been_applied(), Applied::No);
    assert!(error.is_retryable());
    assert_eq!(error.retry_after(), Some(Duration::from_secs(1)));
    assert!(error.to_string().contains("not applied"), "{error}");
}

/// Any other create: the generic advice.
async fn a_create_that_may_have_been_applied_says_to_check_first<A: Api>(env: Env<A>) {
    for fault in [
        Fault::internal_error(),
        Fault::unavailable(),
        Fault::DropAfterRead,
    ] {
        let error = with_fault(&env, &CreateSshKey::new("maybe", KEY), fault.clone()).await;
        assert_eq!(error.may_have_been_applied(), Applied::Maybe, "{fault:?}");
        assert!(!error.is_retryable(), "{fault:?}");
        let text = error.to_string();
        assert!(
            text.contains("it may have been applied: check before retrying"),
            "{fault:?}: {text}"
        );
        assert!(!text.contains("retry later"), "{fault:?}: {text}");
    }
}

/// A read that keeps failing on the server: the clients retried it; it is safe to repeat.
async fn a_read_that_fails_on_the_server_is_safe_to_retry<A: Api>(env: Env<A>) {
    env.fake
        .inject(FaultRule::for_op::<ListSshKeys>(Fault::unavailable()).times(4));
    let error = failure(&env, &ListSshKeys::default()).await;
    assert_eq!(error.kind(), ErrorKind::Server, "{error}");
    assert_eq!(error.may_have_been_applied(), Applied::Maybe);
    assert_eq!(error.is_idempotent(), Some(true));
    assert!(error.is_retryable());
    assert!(error.to_string().contains("retry later"), "{error}");
    assert_eq!(env.count_of::<ListSshKeys>(), 4, "the default 4 attempts");
}

/// 429 and maintenance on reads: what the caller sees once the clients stop waiting.
async fn rate_limits_and_maintenance_have_their_kinds<A: Api>(env: Env<A>) {
    // Longer than the e2e clients' 2 s maximum delay: not waited for, handed back.
    let error = with_fault(
        &env,
        &ListSshKeys::default(),
        Fault::RateLimited {
            retry_after_secs: 30,
        },
    )
    .await;
    assert_eq!(error.kind(), ErrorKind::RateLimited, "{error}");
    assert!(error.is_rate_limited() && error.is_retryable());
    assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(error.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert!(error.to_string().contains("wait 30s"), "{error}");

    let error = with_fault(&env, &ListSshKeys::default(), Fault::Maintenance).await;
    assert_eq!(error.kind(), ErrorKind::Maintenance, "{error}");
    assert!(error.is_maintenance());
    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert!(error.to_string().contains("maintenance"), "{error}");
}

/// Connection refused, a timeout, a dropped connection, an oversized answer, a body that
/// does not decode.
async fn transport_failures_have_their_kinds<A: Api>(env: Env<A>) {
    // Nothing listens on port 1 of loopback: the connection is refused, nothing was sent.
    let nowhere = A::connect(config("http://127.0.0.1:1", Some(&env.token)));
    let error = match nowhere
        .send_op(&CreatePayment::new("1.00".parse().unwrap()))
        .await
    {
        Err(e) => e,
        Ok(_) => panic!("a payment went to port 1"),
    };
    assert_eq!(error.kind(), ErrorKind::Network, "{error}");
    assert_eq!(error.may_have_been_applied(), Applied::No, "{error}");
    assert!(error.is_retryable(), "nothing was sent: {error}");
    assert!(!error.to_string().contains(PAYMENT_ADVICE), "{error}");
    assert_eq!(error.status(), None);

    let impatient = A::connect(
        config(&env.url, Some(&env.token)).with_request_timeout(Duration::from_millis(300)),
    );
    env.fake
        .inject(FaultRule::for_op::<CreateSshKey>(Fault::Delay(Duration::from_secs(3))).times(1));
    let error = match impatient.send_op(&CreateSshKey::new("slow", KEY)).await {
        Err(e) => e,
        Ok(_) => panic!("a 3 s answer beat a 300 ms timeout"),
    };
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(error.is_timeout() && !error.is_retryable());
    assert_eq!(error.may_have_been_applied(), Applied::Maybe);
    assert!(
        error.to_string().contains("check before retrying"),
        "{error}"
    );

    let error = with_fault(&env, &CreateSshKey::new("cut", KEY), Fault::DropBeforeRead).await;
    assert_eq!(error.kind(), ErrorKind::Network, "{error}");
    // The client cannot tell how far the request got.
    assert_eq!(error.may_have_been_applied(), Applied::Maybe);

    let small = A::connect(config(&env.url, Some(&env.token)).with_max_response_bytes(64));
    let error = match small.send_op(&ListSshKeys::default()).await {
        Err(e) => e,
        Ok(_) => panic!("a page of keys fit in 64 bytes"),
    };
    assert_eq!(error.kind(), ErrorKind::ResponseTooLarge, "{error}");
    assert!(!error.is_retryable());

    let error = with_fault(
        &env,
        &CreateSshKey::new("garbled", KEY),
        Fault::MalformedJson,
    )
    .await;
    assert_eq!(error.kind(), ErrorKind::Decode, "{error}");
    assert_eq!(error.may_have_been_applied(), Applied::Yes);
    assert!(!error.is_retryable());
    assert!(
        error.to_string().contains("do not send a change again"),
        "{error}"
    );
}

/// Refused before sending: a page size out of range, no token.
async fn local_failures_have_their_kinds<A: Api>(env: Env<A>) {
    let tiny_pages = ListSshKeys {
        pagination: Pagination::new().page_size(5),
        ..Default::default()
    };
    let before = env.log().len();
    let error = failure(&env, &tiny_pages).await;
    assert_eq!(error.kind(), ErrorKind::Build, "{error}");
    assert_eq!(error.may_have_been_applied(), Applied::No);
    assert!(!error.is_retryable());

    let anonymous = env.client(None);
    let error = match anonymous.send_op(&GetAccount).await {
        Err(e) => e,
        Ok(_) => panic!("sent without a token"),
    };
    assert_eq!(error.kind(), ErrorKind::Config, "{error}");
    assert_eq!(error.may_have_been_applied(), Applied::No);
    assert_eq!(env.log().len(), before, "nothing was sent");
}
