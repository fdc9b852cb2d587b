//! A token issued by a token provider is scrubbed by value from every error, like the
//! configured one: a server (or a proxy) that echoes the bearer token it was sent in an
//! error page, a header or a success body cut short must not put it into `Display`,
//! `Debug` or the error chain, through either transport, including the fresh token sent
//! after a renewal.

// A panic in a test is a failed test (clippy.toml allows it in #[test] fns; helpers too).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::Mutex;

use linode::client::auth::{Credential, Renewal, TokenProvider};
use linode::models::Secret;
use linode::profile::GetSshKey;
use linode::requests::Error;
use support::*;

const ISSUED: &str = "prov-issued-7f3a9c51e2";
const FRESH: &str = "prov-fresh-1b2d4e60aa";

/// Hands out `ISSUED`, and `FRESH` once asked to renew.
#[derive(Debug)]
struct Rotating(Mutex<&'static str>);

impl TokenProvider for Rotating {
    fn token(&self) -> Result<Option<Credential>, Error> {
        let token = *self.0.lock().unwrap();
        Ok(Some(Credential::new(Secret::new(token)).unwrap()))
    }

    fn renew(&self, _stale: Option<&Credential>) -> Result<Renewal, Error> {
        *self.0.lock().unwrap() = FRESH;
        Ok(Renewal::Ready(Credential::new(Secret::new(FRESH)).unwrap()))
    }
}

/// The bearer token a request carried.
fn bearer(req: &Recorded) -> String {
    req.header("authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .to_owned()
}

/// An error page from "a proxy" that repeats the token under no secret-looking name.
fn echo_page(req: &Recorded) -> Reply {
    let token = bearer(req);
    Reply {
        status: 502,
        headers: vec![
            ("content-type".into(), "text/html".into()),
            ("x-upstream-echo".into(), token.clone()),
        ],
        body: format!("<html><p>upstream said no to {token} (sorry)</p></html>").into(),
        ..Reply::json(502, "")
    }
}

/// A success cut short, with the token as a key's label.
fn cut_short(req: &Recorded) -> Reply {
    let token = bearer(req);
    Reply::json(
        200,
        format!(r#"{{"id": 1, "label": "{token}", "ssh_key": "#),
    )
}

fn errors(server: &TestServer) -> Vec<Error> {
    let config = config(server)
        .without_retries()
        .with_token_provider(Rotating(Mutex::new(ISSUED)));
    let blocking = linode_ureq::Client::from_config(config.clone()).unwrap();
    let first = blocking.send(&GetSshKey { ssh_key_id: 1 }).unwrap_err();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let second = runtime.block_on(async {
        let client = linode_hyper::Client::from_config(config).unwrap();
        client.send(&GetSshKey { ssh_key_id: 1 }).await.unwrap_err()
    });
    vec![first, second]
}

fn text(error: &Error) -> String {
    let mut text = format!("{error} | {error:?}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!(" | {cause} | {cause:?}"));
        source = cause.source();
    }
    text
}

fn assert_scrubbed(error: &Error, sent: &str) {
    let text = text(error);
    assert!(!text.contains(sent), "the sent token shows: {text}");
    // Not a part of it either (an excerpt may cut it).
    assert!(
        !text.contains(&sent[..12]),
        "a prefix of the token shows: {text}"
    );
}

#[test]
fn a_provider_token_echoed_in_an_error_page_and_header_is_scrubbed() {
    let server = serve(|req, _| echo_page(req));
    for error in errors(&server) {
        assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
        assert_scrubbed(&error, ISSUED);
    }
    assert!(server.requests().iter().all(|r| bearer(r) == ISSUED));
}

#[test]
fn a_provider_token_echoed_in_a_success_cut_short_is_scrubbed() {
    let server = serve(|req, _| cut_short(req));
    for error in errors(&server) {
        assert!(matches!(error, Error::Decode(_)), "{error}");
        assert_scrubbed(&error, ISSUED);
    }
}

#[test]
fn the_fresh_token_sent_after_a_renewal_is_scrubbed_too() {
    // The first request of each client gets a 401; the retry with the renewed token gets
    // an error page echoing it.
    let server = serve(|req, _| {
        if bearer(req) == ISSUED {
            Reply::json(401, r#"{"errors": [{"reason": "Invalid Token"}]}"#)
        } else {
            echo_page(req)
        }
    });
    for error in errors(&server) {
        assert_scrubbed(&error, FRESH);
        assert_scrubbed(&error, ISSUED);
    }
    assert!(server.requests().iter().any(|r| bearer(r) == FRESH));
}
