//! The same operation values sent through hyper, ureq and a custom transport (a minimal
//! HTTP/1.1 client on `std::net::TcpStream`) give the same results, and the server sees the
//! same requests.

// A panic in a test is a failed test (clippy.toml allows it in #[test] fns; helpers too).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;

use bytes::Bytes;
use linode::client::BlockingTransport;
use linode::profile::{CreateSshKey, GetSshKey, ListSshKeys, SshKeyField};
use linode::requests::{Error, Filter, Pagination, TransportError, TransportErrorKind};
use support::*;

/// HTTP/1.1 over a fresh TCP connection per request (`Connection: close`), plain http only.
struct RawTcp;

impl BlockingTransport for RawTcp {
    fn send(&self, request: http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> {
        let io =
            |kind| move |e: std::io::Error| TransportError::new(kind, "raw tcp").with_source(e);
        let authority = request
            .uri()
            .authority()
            .map(|a| a.as_str().to_owned())
            .unwrap_or_default();
        let mut stream = TcpStream::connect(&authority).map_err(io(TransportErrorKind::Connect))?;
        let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
        let mut head = format!(
            "{} {target} HTTP/1.1\r\nhost: {authority}\r\nconnection: close\r\n",
            request.method()
        );
        for (name, value) in request.headers() {
            head.push_str(&format!(
                "{name}: {}\r\n",
                value.to_str().unwrap_or_default()
            ));
        }
        head.push_str(&format!("content-length: {}\r\n\r\n", request.body().len()));
        stream
            .write_all(head.as_bytes())
            .map_err(io(TransportErrorKind::Io))?;
        stream
            .write_all(request.body())
            .map_err(io(TransportErrorKind::Io))?;
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .map_err(io(TransportErrorKind::Io))?;

        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(|| TransportError::new(TransportErrorKind::Io, "no header end"))?;
        let head = String::from_utf8_lossy(&raw[..split]);
        let mut lines = head.split("\r\n");
        let status: u16 = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut response = http::Response::builder().status(status);
        for line in lines {
            if let Some((name, value)) = line.split_once(':') {
                response = response.header(name.trim(), value.trim());
            }
        }
        response
            .body(Bytes::copy_from_slice(&raw[split + 4..]))
            .map_err(|e| {
                TransportError::new(TransportErrorKind::Other, "bad response").with_source(e)
            })
    }
}

/// One transport's result and the requests its server saw.
type Run<T> = (Result<T, Error>, Vec<Recorded>);

/// Sends `op` through all three transports (each to its own canned server),
/// returning the three results and what each server saw.
fn through_all_three<O>(op: &O) -> Vec<Run<O::Output>>
where
    O: linode::Operation + Sync,
{
    let mut out = Vec::new();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();

    let server = ssh_keys_server();
    let hyper = linode_hyper::Client::from_config(config(&server)).unwrap();
    out.push((runtime.block_on(hyper.send(op)), server.requests()));

    let server = ssh_keys_server();
    let ureq = linode_ureq::Client::from_config(config(&server)).unwrap();
    out.push((ureq.send(op), server.requests()));

    let server = ssh_keys_server();
    let raw = linode::BlockingClient::new(config(&server), RawTcp).unwrap();
    out.push((raw.send(op), server.requests()));
    out
}

fn same_requests(seen: &[Vec<Recorded>]) {
    for requests in seen {
        assert_eq!(requests.len(), 1);
        let (a, b) = (&seen[0][0], &requests[0]);
        assert_eq!(a.method, b.method);
        assert_eq!(a.path_and_query, b.path_and_query);
        assert_eq!(a.body, b.body);
        for name in [
            "authorization",
            "user-agent",
            "accept",
            "content-type",
            "x-filter",
        ] {
            assert_eq!(a.header(name), b.header(name), "{name}");
        }
        assert_standard_headers(b);
    }
}

#[test]
fn a_get_gives_the_same_key_everywhere() {
    let results = through_all_three(&GetSshKey { ssh_key_id: 11 });
    let keys: Vec<_> = results
        .iter()
        .map(|(r, _)| r.as_ref().unwrap().clone())
        .collect();
    assert_eq!(keys[0].label, "laptop");
    assert!(keys.iter().all(|k| *k == keys[0]));
    same_requests(&results.into_iter().map(|(_, s)| s).collect::<Vec<_>>());
}

#[test]
fn a_filtered_list_gives_the_same_page_everywhere() {
    let op = ListSshKeys {
        pagination: Pagination::new().page(1).page_size(100),
        filter: Some(Filter::eq(SshKeyField::Label, "laptop")),
    };
    let results = through_all_three(&op);
    let pages: Vec<_> = results
        .iter()
        .map(|(r, _)| r.as_ref().unwrap().clone())
        .collect();
    assert_eq!(pages[0].data.len(), 2);
    assert!(pages.iter().all(|p| *p == pages[0]));
    same_requests(&results.into_iter().map(|(_, s)| s).collect::<Vec<_>>());
}

#[test]
fn a_post_with_a_body_gives_the_same_key_everywhere() {
    let results = through_all_three(&CreateSshKey::new("ci-runner", "ssh-ed25519 AAAAC3Nza ci"));
    let keys: Vec<_> = results
        .iter()
        .map(|(r, _)| r.as_ref().unwrap().clone())
        .collect();
    assert_eq!(keys[0].id, 13);
    assert!(keys.iter().all(|k| *k == keys[0]));
    same_requests(&results.into_iter().map(|(_, s)| s).collect::<Vec<_>>());
}

#[test]
fn an_api_error_is_the_same_error_everywhere() {
    let results = through_all_three(&GetSshKey { ssh_key_id: 404 });
    let errors: Vec<_> = results
        .iter()
        .map(|(r, _)| {
            let e = r.as_ref().unwrap_err().as_api().unwrap();
            (e.status, e.errors.clone(), e.operation)
        })
        .collect();
    assert_eq!(errors[0].0.as_u16(), 404);
    assert!(errors.iter().all(|e| *e == errors[0]));
}
