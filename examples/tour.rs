//! The tour: what the SDK does, without a network.
//!
//! ```text
//! cargo run --example tour
//! ```
//!
//! Builds real HTTP requests for Profile operations, prints them as they would go on the wire
//! (with the token redacted), and parses canned API answers into typed values and errors.

use bytes::Bytes;
use linode::requests::filter::{Filter, Order};
use linode::requests::profile::{CreateSshKey, GetSshKey, ListSshKeys, SshKeyField};
use linode::requests::{Error, Operation, Pagination, RequestConfig};

fn show(request: &http::Request<Bytes>) {
    println!("  {} {}", request.method(), request.uri());
    for (name, value) in request.headers() {
        let shown = if value.is_sensitive() {
            "[redacted]"
        } else {
            value.to_str().unwrap_or("[binary]")
        };
        println!("  {name}: {shown}");
    }
    if !request.body().is_empty() {
        println!("  {}", String::from_utf8_lossy(request.body()));
    }
    println!();
}

fn answer(status: u16, headers: &[(&str, &str)], body: &'static str) -> http::Response<Bytes> {
    let mut response = http::Response::new(Bytes::from_static(body.as_bytes()));
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or_default();
    for (name, value) in headers {
        if let (Ok(n), Ok(v)) = (
            http::HeaderName::from_bytes(name.as_bytes()),
            http::HeaderValue::from_str(value),
        ) {
            response.headers_mut().insert(n, v);
        }
    }
    response
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = RequestConfig::new().with_token("tour-token-not-real")?;
    println!("Linode SDK tour (sans-IO: nothing leaves this machine)\n");

    println!("1. List SSH keys, page 2 of 50, labels containing \"ci\", newest first:");
    let list = ListSshKeys {
        pagination: Pagination::new().page(2).page_size(50),
        filter: Some(
            Filter::contains(SshKeyField::Label, "ci").order_by(SshKeyField::Label, Order::Desc),
        ),
    };
    show(&list.to_http_request(&config)?);

    println!("2. Add a key (a POST: never retried once it may have reached the server):");
    let create = CreateSshKey::new(
        "tour laptop",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 tour@laptop",
    );
    show(&create.to_http_request(&config)?);
    println!("  idempotent: {}\n", CreateSshKey::META.idempotent);

    println!("3. Parse an answer, with its rate-limit headers:");
    let key = GetSshKey::from_http_response(answer(
        200,
        &[
            ("x-ratelimit-remaining", "799"),
            ("x-ratelimit-limit", "800"),
        ],
        r#"{"id": 42, "label": "tour laptop", "ssh_key": "ssh-ed25519 AAAA", "created": "2024-05-01T10:00:00"}"#,
    ))?;
    println!(
        "  key {} {:?} added {} (rate limit: {:?} of {:?} left)\n",
        key.value.id,
        key.value.label,
        key.value.created,
        key.meta().rate_limit_remaining(),
        key.meta().rate_limit_limit()
    );

    println!("4. Errors say what happened and what to do:");
    let refused = CreateSshKey::from_http_response(answer(
        400,
        &[],
        r#"{"errors": [{"field": "ssh_key", "reason": "Invalid SSH key"}]}"#,
    ));
    if let Err(e) = refused {
        println!("  {e}");
    }
    let limited = GetSshKey::from_http_response(answer(
        429,
        &[("retry-after", "12")],
        r#"{"errors": [{"reason": "Too many requests"}]}"#,
    ));
    if let Err(Error::Api(e)) = limited {
        println!("  {e}");
    }
    Ok(())
}
