//! Logging at TRACE shows no secret: a tour-like run (the configured token on every request,
//! a new personal access token, an OAuth client secret, a TFA secret, a service transfer
//! token in a response and in a path) through both transports, with a `log` logger and a
//! `tracing` subscriber that record everything at TRACE, filtered as the README's secrets
//! section says (`linode_ureq::log_target_is_safe`). Unfiltered, ureq's byte dumps do carry
//! the secrets: the test checks that too, so it cannot pass by seeing nothing.

// A panic in a test is a failed test (clippy.toml allows it in #[test] fns; helpers too).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::sync::Mutex;

use linode::requests::account::{CreateOAuthClient, CreateServiceTransfer, GetServiceTransfer};
use linode::requests::profile::{CreatePersonalAccessToken, CreateTfaSecret, GetProfile};
use linode::ClientConfig;
use linode_fake::FakeLinode;

/// Every record, kept or filtered out.
static LOG: Mutex<Vec<(bool, String)>> = Mutex::new(Vec::new());

struct Recorder;

impl log::Log for Recorder {
    /// Filtered as the README says (this is what `log_enabled!` asks: ureq shows the path
    /// in its DEBUG line only when TRACE is enabled).
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        linode_ureq::log_target_is_safe(metadata.target(), metadata.level())
    }
    /// Records everything (`log!` does not ask `enabled`), marking what the filter keeps.
    fn log(&self, record: &log::Record<'_>) {
        let kept = linode_ureq::log_target_is_safe(record.target(), record.level());
        let line = format!("{} {} {}", record.level(), record.target(), record.args());
        LOG.lock().unwrap().push((kept, line));
    }
    fn flush(&self) {}
}

/// A `tracing` subscriber that records every span field and event at TRACE.
struct Tracer;

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl tracing::Subscriber for Tracer {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut line = format!("span {}", span.metadata().name());
        span.record(&mut Fields(&mut line));
        LOG.lock().unwrap().push((true, line));
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut line = String::from("record");
        values.record(&mut Fields(&mut line));
        LOG.lock().unwrap().push((true, line));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut line = format!("event {}", event.metadata().target());
        event.record(&mut Fields(&mut line));
        LOG.lock().unwrap().push((true, line));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// The secrets a run handles, as text.
fn tour_blocking(config: ClientConfig) -> Vec<String> {
    let client = linode_ureq::Client::from_config(config).unwrap();
    client.send(&GetProfile).unwrap();
    let pat = client
        .send(&CreatePersonalAccessToken::new(
            "logs-test",
            linode::Scopes::all(),
        ))
        .unwrap();
    let oauth = client
        .send(&CreateOAuthClient::new("logs", "https://example.org/cb"))
        .unwrap();
    let tfa = client.send(&CreateTfaSecret).unwrap();
    let transfer = client
        .send(&CreateServiceTransfer::linodes([31001]))
        .unwrap();
    let transfer_token = transfer.token.expose().to_owned();
    client
        .send(&GetServiceTransfer::new(transfer_token.clone()))
        .unwrap();
    vec![
        pat.token.expose().to_owned(),
        oauth.secret.expose().to_owned(),
        tfa.secret.expose().to_owned(),
        transfer_token,
    ]
}

async fn tour_async(config: ClientConfig) -> Vec<String> {
    let client = linode_hyper::Client::from_config(config).unwrap();
    client.send(&GetProfile).await.unwrap();
    let pat = client
        .send(&CreatePersonalAccessToken::new(
            "logs-test",
            linode::Scopes::all(),
        ))
        .await
        .unwrap();
    let oauth = client
        .send(&CreateOAuthClient::new("logs", "https://example.org/cb"))
        .await
        .unwrap();
    let transfer = client
        .send(&CreateServiceTransfer::linodes([31002]))
        .await
        .unwrap();
    let transfer_token = transfer.token.expose().to_owned();
    client
        .send(&GetServiceTransfer::new(transfer_token.clone()))
        .await
        .unwrap();
    vec![
        pat.token.expose().to_owned(),
        oauth.secret.expose().to_owned(),
        transfer_token,
    ]
}

/// Whether `text` holds any 12-character window of `secret` (a byte dump shows 16 bytes a
/// row, so a secret split across rows still leaves a whole window in one).
fn shows(text: &str, secret: &str) -> bool {
    let window = 12.min(secret.len());
    (0..=secret.len() - window).any(|at| {
        secret
            .get(at..at + window)
            .is_some_and(|part| text.contains(part))
    })
}

#[test]
fn trace_logs_filtered_as_documented_show_no_secret() {
    log::set_boxed_logger(Box::new(Recorder)).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
    tracing::subscriber::set_global_default(Tracer).unwrap();

    let fake = FakeLinode::builder()
        .token("logs-test-configured-token-7c1f9e0b2a")
        .start_blocking()
        .unwrap();
    let config = ClientConfig::new()
        .with_token(fake.token())
        .unwrap()
        .with_base_url(fake.url())
        .unwrap();
    let mut secrets = vec![fake.token().to_owned()];
    secrets.extend(tour_blocking(config.clone()));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    secrets.extend(runtime.block_on(tour_async(config)));
    assert!(secrets.iter().all(|s| s.len() >= 12), "{secrets:?}");

    let log = LOG.lock().unwrap();
    let kept: String = log
        .iter()
        .filter(|(k, _)| *k)
        .map(|(_, l)| l.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let all: String = log
        .iter()
        .map(|(_, l)| l.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    // The loggers did see the run (spans of our own, ureq's records)...
    assert!(kept.contains("linode.request"), "no span recorded");
    // ...and unfiltered, ureq's TRACE byte dumps carry the token: the filter is needed.
    assert!(
        shows(&all, &secrets[0]),
        "ureq's TRACE dumps no longer show the token; the README's advice may be stale"
    );
    for secret in &secrets {
        assert!(
            !shows(&kept, secret),
            "a secret shows in the kept logs: {secret}"
        );
    }
}
