//! Where the examples send their requests: the real API when `LINODE_TOKEN` is set (read
//! with `ClientConfig::from_env`, so `LINODE_URL` etc. apply), otherwise the embedded fake
//! Linode API (linode-fake) on 127.0.0.1, started in-process, so every example runs offline.
#![allow(dead_code, unreachable_pub)]

use linode::ClientConfig;
use linode_fake::{BlockingFakeLinode, FakeLinode};

/// A configuration to use, and the fake server behind it if one was started.
pub struct Target {
    /// The client configuration.
    pub config: ClientConfig,
    /// Keeps the fake server running while the example runs.
    pub server: Option<BlockingFakeLinode>,
}

impl Target {
    /// Whether requests go to the in-process fake server.
    pub fn is_canned(&self) -> bool {
        self.server.is_some()
    }
}

/// The real API if `LINODE_TOKEN` is set, else the fake on 127.0.0.1.
pub fn target() -> Result<Target, Box<dyn std::error::Error>> {
    if std::env::var("LINODE_TOKEN").is_ok_and(|t| !t.trim().is_empty()) {
        return Ok(Target {
            config: ClientConfig::from_env()?,
            server: None,
        });
    }
    let server = FakeLinode::start_blocking()?;
    let config = ClientConfig::new()
        .with_token(server.token())?
        .with_base_url(server.url())?;
    println!(
        "LINODE_TOKEN is unset: using the embedded fake Linode API at {}",
        server.url()
    );
    Ok(Target {
        config,
        server: Some(server),
    })
}
