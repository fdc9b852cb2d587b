//! A minimal HTTP/1.1 server on 127.0.0.1 for the end-to-end benchmarks and the memory walk.
//!
//! It does as little as a server can: hyper's HTTP/1.1 connection (keep-alive), one call of
//! the handler with the request's URI, and the handler's bytes as a JSON body. No logging, no
//! recording, no state, so the client side is what the measurements see. It runs on a thread
//! of its own (named [`THREAD_NAME`]) with a single-threaded tokio runtime, which lets the
//! benchmarks read how busy it was from `/proc` ([`server_cpu_time`]).

use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::sync::oneshot;

/// The name of the server's thread.
pub(crate) const THREAD_NAME: &str = "canned-server";

/// A running server; dropping it stops it.
pub(crate) struct CannedServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl CannedServer {
    /// Starts a server answering each request with `handler(uri)` as a JSON body, or 404
    /// when the handler returns `None`.
    pub(crate) fn start<H>(handler: H) -> std::io::Result<Self>
    where
        H: Fn(&http::Uri) -> Option<Bytes> + Send + Sync + 'static,
    {
        Self::start_with(handler, false)
    }

    /// [`CannedServer::start`], gzip-compressing each body (level 6, as common servers do)
    /// for requests whose `Accept-Encoding` names gzip, when `gzip` is true.
    pub(crate) fn start_with<H>(handler: H, gzip: bool) -> std::io::Result<Self>
    where
        H: Fn(&http::Uri) -> Option<Bytes> + Send + Sync + 'static,
    {
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()?;
        let (stop, mut stopped) = oneshot::channel::<()>();
        let handler = Arc::new(handler);
        let thread = std::thread::Builder::new()
            .name(THREAD_NAME.to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    loop {
                        let stream = tokio::select! {
                            _ = &mut stopped => return,
                            accepted = listener.accept() => match accepted {
                                Ok((stream, _)) => stream,
                                Err(_) => continue,
                            },
                        };
                        let _ = stream.set_nodelay(true);
                        let handler = Arc::clone(&handler);
                        tokio::spawn(async move {
                            let service = service_fn(move |request: http::Request<_>| {
                                let compress = gzip && accepts_gzip(request.headers());
                                let response = answer(handler(request.uri()), compress);
                                async move { Ok::<_, Infallible>(response) }
                            });
                            // A client closing its connection ends this task; nothing to report.
                            let _ = http1::Builder::new()
                                .serve_connection(TokioIo::new(stream), service)
                                .await;
                        });
                    }
                });
            })?;
        Ok(Self {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for CannedServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn accepts_gzip(headers: &http::HeaderMap) -> bool {
    headers
        .get_all(http::header::ACCEPT_ENCODING)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.contains("gzip")))
}

fn answer(body: Option<Bytes>, compress: bool) -> http::Response<Full<Bytes>> {
    let (status, body) = match body {
        Some(body) => (http::StatusCode::OK, body),
        None => (http::StatusCode::NOT_FOUND, Bytes::new()),
    };
    let packed = compress.then(|| gzip(&body)).flatten();
    let compressed = packed.is_some();
    let mut response = http::Response::new(Full::new(packed.unwrap_or(body)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    if compressed {
        headers.insert(
            http::header::CONTENT_ENCODING,
            http::HeaderValue::from_static("gzip"),
        );
    }
    response
}

fn gzip(body: &[u8]) -> Option<Bytes> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(body).ok()?;
    encoder.finish().ok().map(Bytes::from)
}

/// The CPU time the server threads of this process have used so far (Linux: read from
/// `/proc/self/task/*/schedstat`); `None` where that cannot be read.
pub(crate) fn server_cpu_time() -> Option<Duration> {
    let mut total = 0u64;
    let mut found = false;
    for task in std::fs::read_dir("/proc/self/task").ok()?.flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if comm.trim_end() != THREAD_NAME {
            continue;
        }
        let stat = std::fs::read_to_string(task.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
        found = true;
    }
    found.then(|| Duration::from_nanos(total))
}
