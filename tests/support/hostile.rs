//! A hostile HTTP server on 127.0.0.1: raw TCP, one behaviour for every connection, to
//! produce each transport fault on purpose (resets, silence, garbage, huge heads and bodies).
//! It counts the connections it accepted. Dropping it stops it.
#![allow(dead_code, unreachable_pub)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// What the server does with each connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// Closes the connection as soon as it is accepted, before reading anything.
    CloseBeforeRead,
    /// Reads the request head, then closes without answering.
    CloseAfterRead,
    /// Reads the request head, then says nothing for a long time.
    Silent,
    /// Answers a TLS client with plain text (the handshake fails).
    NotTls,
    /// Answers with a head far over any client's limit (a 1 MiB header).
    HugeHead,
    /// Answers with a status line that is not HTTP.
    MalformedHead,
    /// Declares a 1 GiB body, sends a little of it, then waits.
    HugeDeclaredBody,
    /// Sends a chunked body that goes on past the client's cap.
    HugeChunkedBody,
    /// Answers `302` to another place.
    Redirect,
    /// Answers `502` with a page that repeats the bearer token it was sent, under no name
    /// (a proxy echoing the request).
    EchoToken,
}

/// The running server.
pub struct Hostile {
    addr: SocketAddr,
    accepted: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Hostile {
    /// Starts a server that treats every connection with `behaviour`.
    pub fn start(behaviour: Behaviour) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let accepted = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (count, stopped) = (accepted.clone(), stop.clone());
        thread::spawn(move || {
            while !stopped.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        count.fetch_add(1, Ordering::SeqCst);
                        let stopped = stopped.clone();
                        thread::spawn(move || serve(stream, behaviour, &stopped));
                    }
                    Err(_) => thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Self {
            addr,
            accepted,
            stop,
        }
    }

    /// `http://127.0.0.1:PORT`, or `https://` for a TLS client.
    pub fn url(&self, tls: bool) -> String {
        let scheme = if tls { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// How many connections were accepted.
    pub fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// A loopback address nothing listens on (bound, then released).
pub fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

fn read_head(stream: &mut TcpStream) -> String {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&seen).into_owned()
}

fn wait(stopped: &AtomicBool, for_: Duration) {
    let mut left = for_;
    while !left.is_zero() && !stopped.load(Ordering::SeqCst) {
        let step = left.min(Duration::from_millis(20));
        thread::sleep(step);
        left -= step;
    }
}

fn serve(mut stream: TcpStream, behaviour: Behaviour, stopped: &AtomicBool) {
    match behaviour {
        Behaviour::EchoToken => {
            let head = read_head(&mut stream);
            let token = head
                .lines()
                .find_map(|l| l.split_once("Bearer ").map(|(_, t)| t.trim().to_owned()))
                .unwrap_or_default();
            let body =
                format!("<html><body>upstream failed; you sent {token} (oops)</body></html>");
            let _ = stream.write_all(
                format!(
                    "HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/html\r\nx-echo: {token}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            );
            wait(stopped, Duration::from_millis(200));
        }
        Behaviour::CloseBeforeRead => drop(stream),
        Behaviour::CloseAfterRead => {
            let _ = read_head(&mut stream);
            drop(stream);
        }
        Behaviour::Silent => {
            let _ = read_head(&mut stream);
            wait(stopped, Duration::from_secs(10));
        }
        Behaviour::NotTls => {
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
            wait(stopped, Duration::from_millis(500));
        }
        Behaviour::HugeHead => {
            let _ = read_head(&mut stream);
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nx-padding: ");
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..16 {
                if stream.write_all(&chunk).is_err() {
                    return;
                }
            }
            let _ = stream.write_all(b"\r\ncontent-length: 0\r\n\r\n");
            wait(stopped, Duration::from_millis(500));
        }
        Behaviour::MalformedHead => {
            let _ = read_head(&mut stream);
            let _ = stream.write_all(b"HTTP/1.1 abc What\r\n\x01\x02: \xff\r\n\r\n");
            wait(stopped, Duration::from_millis(500));
        }
        Behaviour::HugeDeclaredBody => {
            let _ = read_head(&mut stream);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1073741824\r\n\r\n[",
            );
            // Less than any cap: a client that waits for the rest times out instead.
            let _ = stream.write_all(&[b' '; 16]);
            wait(stopped, Duration::from_secs(10));
        }
        Behaviour::HugeChunkedBody => {
            let _ = read_head(&mut stream);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
            );
            let chunk = format!("1000\r\n{}\r\n", " ".repeat(0x1000));
            for _ in 0..64 {
                if stream.write_all(chunk.as_bytes()).is_err() {
                    return;
                }
            }
            let _ = stream.write_all(b"0\r\n\r\n");
            wait(stopped, Duration::from_millis(500));
        }
        Behaviour::Redirect => {
            let _ = read_head(&mut stream);
            let _ = stream.write_all(
                b"HTTP/1.1 302 Found\r\nlocation: https://elsewhere.example/?token=stolen-0123456\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
            );
            wait(stopped, Duration::from_millis(500));
        }
    }
}
