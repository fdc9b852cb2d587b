//! Program 6: a custom blocking transport, a wrapper over the default one that tags every
//! request with a header and counts the exchanges.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use linode::bytes::Bytes;
use linode::http::{HeaderValue, Request, Response};
use linode::prelude::*;
use linode::profile::ListSshKeys;
use linode::{BlockingClient, BlockingTransport, TransportError, UreqTransport};

struct Tagged {
    inner: UreqTransport,
    sent: Arc<AtomicUsize>,
}

impl BlockingTransport for Tagged {
    fn send(&self, mut request: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
        let tag = HeaderValue::from_static("first-hour");
        request.headers_mut().insert("x-request-source", tag);
        self.sent.fetch_add(1, Ordering::Relaxed);
        self.inner.send(request)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = ClientConfig::from_env()?;
    let sent = Arc::new(AtomicUsize::new(0));
    let inner = UreqTransport::new(&config)?;
    let client = BlockingClient::new(
        config,
        Tagged {
            inner,
            sent: sent.clone(),
        },
    )?;
    let keys = ListSshKeys {
        pagination: Pagination::new().page_size(25),
        ..Default::default()
    };
    for key in client.items(keys) {
        println!("{}", key?.label);
    }
    println!("{} exchanges", sent.load(Ordering::Relaxed));
    Ok(())
}
