//! No secret in any text the SDK produces: secrets are put in arbitrary positions of
//! arbitrary bodies (JSON, JSON cut short, HTML, plain text) and headers, and the resulting
//! errors' `Display`, `Debug` and every link of the error chain are searched for them.

use std::error::Error as _;

use bytes::Bytes;
use linode_requests::profile::{CreatePersonalAccessToken, GetProfile};
use linode_requests::{Error, Idempotency, Operation, TransportError, TransportErrorKind};
use proptest::prelude::*;

/// Everything a user can see of an error.
fn all_text(error: &Error) -> String {
    let mut text = format!("{error}\n{error:?}\n");
    let mut next = error.source();
    while let Some(e) = next {
        text.push_str(&format!("{e}\n{e:?}\n"));
        next = e.source();
    }
    text
}

fn secret() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_-]{12,48}"
}

/// Filler: arbitrary text, or JSON- and HTML-looking fragments.
fn filler() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,40}",
        Just(r#"{"id": 1, "label": "x", "#.to_owned()),
        Just("<html><body><pre>".to_owned()),
        Just("\\\"".to_owned()),
        Just("password: ".to_owned()),
        Just("\"".to_owned()),
    ]
}

/// A secret under a secret-looking name, in one of the shapes bodies and headers take.
fn named(secret: String) -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec![
        "token",
        "secret",
        "client_secret",
        "checkout_token",
        "card_number",
        "cvv",
        "password",
        "tfa_secret",
        "PASSWORD",
    ]);
    (names, 0..7u8).prop_map(move |(name, shape)| match shape {
        0 => format!(r#""{name}":"{secret}""#),
        1 => format!(r#""{name}" : "{secret}"#),
        2 => format!("{name}={secret}&"),
        3 => format!("{name}: {secret}"),
        4 => format!(r#"\"{name}\":\"{secret}\""#),
        5 => format!("Authorization: Bearer {secret}"),
        _ => format!("'{name}': '{secret}'"),
    })
}

/// Filler with `token` (by value) and `member` (by name) inserted anywhere, possibly cut.
fn body() -> impl Strategy<Value = (String, String, String)> {
    (secret(), secret()).prop_flat_map(|(token, member)| {
        (
            prop::collection::vec(filler(), 0..6),
            named(member.clone()),
            0..8usize,
            0..8usize,
            prop::option::of(any::<prop::sample::Index>()),
        )
            .prop_map(move |(mut parts, named, at_token, at_named, cut)| {
                let n = parts.len();
                parts.insert(at_token.min(n), token.clone());
                parts.insert(at_named.min(n + 1), named);
                let mut text = parts.concat();
                if let Some(cut) = cut {
                    let mut at = cut.index(text.len() + 1);
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    text.truncate(at);
                }
                (token.clone(), member.clone(), text)
            })
    })
}

fn response(status: u16, body: &str, header: Option<&str>) -> http::Response<Bytes> {
    let mut builder = http::Response::builder().status(status);
    if let Some(value) = header {
        builder = builder
            .header("location", value)
            .header("x-echo", value)
            .header("x-auth-token", value);
    }
    builder
        .body(Bytes::from(body.to_owned()))
        .unwrap_or_default()
}

fn check(error: Error, token: &str, member: &str) -> Result<(), TestCaseError> {
    let text = all_text(&error.redact_secret(token));
    prop_assert!(!text.contains(token), "the token shows in:\n{}", text);
    prop_assert!(
        !text.contains(member),
        "a secret member shows in:\n{}",
        text
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(768))]

    #[test]
    fn secrets_in_bodies_never_show((token, member, text) in body(), status in prop::sample::select(vec![200u16, 201, 400, 401, 403, 404, 429, 500, 502, 503])) {
        for result in [
            GetProfile::from_http_response(response(status, &text, None)).map(|_| ()),
            CreatePersonalAccessToken::from_http_response(response(status, &text, None)).map(|_| ()),
        ] {
            if let Err(error) = result {
                check(error, &token, &member)?;
            }
        }
    }

    #[test]
    fn secrets_in_headers_never_show((token, member, text) in body()) {
        let value: String = text.chars().filter(|c| c.is_ascii_graphic() || *c == ' ').collect();
        prop_assume!(value.contains(&token) || value.contains(&member));
        for status in [400u16, 502] {
            let error = GetProfile::from_http_response(response(status, "", Some(&value)));
            if let Err(error) = error {
                check(error, &token, &member)?;
            }
        }
    }

    #[test]
    fn secrets_in_transport_causes_never_show((token, member, text) in body()) {
        let cause = std::io::Error::other(text.clone());
        let error = Error::Transport {
            operation: "profile::GetProfile",
            source: TransportError::new(TransportErrorKind::Io, format!("broke at {text}"))
                .with_source(cause),
            idempotency: Idempotency::of(&GetProfile::META),
        };
        check(error, &token, &member)?;
    }
}

#[test]
fn a_truncated_token_body_is_redacted() {
    // From the issue: a 200 cut short, without its end, used to be shown raw.
    let body = r#"{"token":"abcdef0123456789abcdef","created":"2024-01-01T00:00:00","exp"#;
    let error =
        CreatePersonalAccessToken::from_http_response(response(200, body, None)).unwrap_err();
    let text = all_text(&error);
    assert!(!text.contains("abcdef0123456789abcdef"), "{text}");
    assert!(text.contains("[redacted]"), "{text}");
}

#[test]
fn an_html_page_echoing_the_authorization_header_is_redacted() {
    let token = "my-configured-token-0123";
    let body = format!(
        "<html><pre>GET /v4/profile\nAuthorization: Bearer {token}\nUser-Agent: x</pre></html>"
    );
    let error = GetProfile::from_http_response(response(502, &body, None)).unwrap_err();
    // By pattern, even without knowing the token...
    assert!(!all_text(&error).contains(token), "{}", all_text(&error));
    // ...and by value, under an innocent name.
    let body = format!("<html>you sent {token}</html>");
    let error = GetProfile::from_http_response(response(502, &body, None))
        .unwrap_err()
        .redact_secret(token);
    assert!(!all_text(&error).contains(token), "{}", all_text(&error));
}

#[test]
fn a_location_with_a_token_is_redacted() {
    let location = "https://login.example/cb?state=1&token=loc-secret-987654";
    let error = GetProfile::from_http_response(response(400, "", Some(location))).unwrap_err();
    assert!(!all_text(&error).contains("loc-secret-987654"));
}

#[test]
fn transport_chains_say_each_thing_once() {
    let error = Error::Transport {
        operation: "profile::GetProfile",
        source: TransportError::new(TransportErrorKind::Io, "the connection broke")
            .with_source(std::io::Error::other("reset by peer")),
        idempotency: Idempotency::of(&GetProfile::META),
    };
    let mut links = vec![error.to_string()];
    let mut next = error.source();
    while let Some(e) = next {
        links.push(e.to_string());
        next = e.source();
    }
    assert_eq!(links.len(), 2, "{links:?}");
    assert!(links[0].contains("the connection broke"), "{links:?}");
    assert_eq!(links[1], "reset by peer");
}
