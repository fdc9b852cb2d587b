//! Program 7: a custom async transport, a wrapper over the default one that adds a header
//! and times each request. Needs nothing beyond `linode` (and a runtime to run `main`).
use std::time::Instant;

use linode::bytes::Bytes;
use linode::http::{HeaderValue, Request, Response};
use linode::prelude::*;
use linode::profile::{GetProfile, ListSshKeys};
use linode::{Client, HyperTransport, Transport, TransportError};

struct Timed(HyperTransport);

#[linode::async_trait]
impl Transport for Timed {
    async fn send(&self, mut request: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
        let tag = HeaderValue::from_static("first-hour");
        request.headers_mut().insert("x-request-source", tag);
        let (method, path) = (request.method().clone(), request.uri().path().to_owned());
        let started = Instant::now();
        let result = self.0.send(request).await;
        println!("{method} {path} took {:?}", started.elapsed());
        result
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = ClientConfig::from_env()?;
    let transport = Timed(HyperTransport::new(&config)?);
    let client = Client::new(config, transport)?;
    println!("hello {}", client.send(&GetProfile).await?.username);
    let first_page = ListSshKeys {
        pagination: Pagination::new().page_size(25),
        ..Default::default()
    };
    let keys = client.send(&first_page).await?;
    println!("{} keys", keys.results);
    Ok(())
}
