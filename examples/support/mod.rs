//! Where the examples send their requests: the real API when `LINODE_TOKEN` is set (read
//! with `ClientConfig::from_env`, so `LINODE_URL` etc. apply), otherwise a tiny canned
//! Linode API on 127.0.0.1 started in-process, so every example runs offline.
#![allow(dead_code, unreachable_pub)]

#[path = "../../tests/support/server.rs"]
mod server;

use std::sync::{Arc, Mutex, PoisonError};

use linode::ClientConfig;
use server::{Recorded, Reply, TestServer};

/// A configuration to use, and the canned server behind it if one was started.
pub struct Target {
    /// The client configuration.
    pub config: ClientConfig,
    /// Keeps the canned server running while the example runs.
    pub server: Option<TestServer>,
}

impl Target {
    /// Whether requests go to the in-process canned server.
    pub fn is_canned(&self) -> bool {
        self.server.is_some()
    }
}

/// The real API if `LINODE_TOKEN` is set, else a canned server on 127.0.0.1.
pub fn target() -> Result<Target, Box<dyn std::error::Error>> {
    if std::env::var("LINODE_TOKEN").is_ok_and(|t| !t.trim().is_empty()) {
        return Ok(Target {
            config: ClientConfig::from_env()?,
            server: None,
        });
    }
    let server = canned_api()?;
    let config = ClientConfig::new()
        .with_token("canned-example-token")?
        .with_base_url(&server.url())?;
    println!(
        "LINODE_TOKEN is unset: using a canned API at {}",
        server.url()
    );
    Ok(Target {
        config,
        server: Some(server),
    })
}

struct Key {
    id: u64,
    label: String,
    ssh_key: String,
}

fn key_json(k: &Key) -> serde_json::Value {
    serde_json::json!({
        "id": k.id, "label": k.label, "ssh_key": k.ssh_key, "created": "2024-03-09T12:00:00"
    })
}

/// The SSH-key endpoints of a Linode API, in memory: list (paginated), get, add, delete.
fn canned_api() -> std::io::Result<TestServer> {
    let keys: Vec<Key> = (1..=60)
        .map(|id| Key {
            id,
            label: format!("host-{id:02}"),
            ssh_key: format!("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{id:04} ops@host-{id:02}"),
        })
        .collect();
    let keys = Arc::new(Mutex::new(keys));
    TestServer::start(move |req, _| {
        let mut keys = keys.lock().unwrap_or_else(PoisonError::into_inner);
        route(req, &mut keys)
    })
}

fn query(req: &Recorded, name: &str) -> Option<u32> {
    let query = req.path_and_query.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .and_then(|(_, v)| v.parse().ok())
}

fn not_found() -> Reply {
    Reply::json(404, r#"{"errors": [{"reason": "Not found"}]}"#)
}

fn route(req: &Recorded, keys: &mut Vec<Key>) -> Reply {
    if req.header("authorization") != Some("Bearer canned-example-token") {
        return Reply::json(401, r#"{"errors": [{"reason": "Invalid Token"}]}"#);
    }
    let path = req.path();
    let id = path
        .strip_prefix("/v4/profile/sshkeys/")
        .and_then(|id| id.parse::<u64>().ok());
    match (req.method.as_str(), path, id) {
        ("GET", "/v4/profile/sshkeys", _) => {
            let size = query(req, "page_size").unwrap_or(100).max(1) as usize;
            let page = query(req, "page").unwrap_or(1).max(1) as usize;
            let pages = keys.len().div_ceil(size).max(1);
            let data: Vec<serde_json::Value> = keys
                .iter()
                .skip((page - 1) * size)
                .take(size)
                .map(key_json)
                .collect();
            let body = serde_json::json!({
                "data": data, "page": page, "pages": pages, "results": keys.len()
            });
            Reply::json(200, body.to_string()).header("x-ratelimit-remaining", "799")
        }
        ("POST", "/v4/profile/sshkeys", _) => {
            let Ok(body) = serde_json::from_slice::<serde_json::Value>(&req.body) else {
                return Reply::json(400, r#"{"errors": [{"reason": "Invalid JSON"}]}"#);
            };
            let Some(ssh_key) = body.get("ssh_key").and_then(|v| v.as_str()) else {
                return Reply::json(
                    400,
                    r#"{"errors": [{"field": "ssh_key", "reason": "ssh_key is required"}]}"#,
                );
            };
            let key = Key {
                id: keys.iter().map(|k| k.id).max().unwrap_or(0) + 1,
                label: body
                    .get("label")
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_owned(),
                ssh_key: ssh_key.to_owned(),
            };
            let reply = Reply::json(200, key_json(&key).to_string());
            keys.push(key);
            reply
        }
        ("GET", _, Some(id)) => match keys.iter().find(|k| k.id == id) {
            Some(k) => Reply::json(200, key_json(k).to_string()),
            None => not_found(),
        },
        ("DELETE", _, Some(id)) => match keys.iter().position(|k| k.id == id) {
            Some(i) => {
                keys.remove(i);
                Reply::json(200, "{}")
            }
            None => not_found(),
        },
        _ => not_found(),
    }
}
