//! The tour: the SDK end to end, on a fresh machine, with no network and no Linode account.
//!
//! ```text
//! cargo run --example tour
//! ```
//!
//! Without `LINODE_TOKEN`, it starts the embedded fake Linode API (linode-fake) on 127.0.0.1
//! and walks a realistic scenario through both transports: the blocking one (ureq) and the
//! async one (hyper). With `LINODE_TOKEN` set, it talks to the real API (or `LINODE_URL`) and
//! runs read-only operations only.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use linode::client::events::{EventMatch, WaitFor};
use linode::models::account::EventEntityType;
use linode::models::account::{EventAction, GrantPermission};
use linode::requests::account::{
    CreatePayment, CreateUser, EventField, GetAccount, GetUserGrants, ListEvents, ListPayments,
    UpdateUserGrants,
};
use linode::requests::filter::{Filter, Order};
use linode::requests::profile::{
    CreatePersonalAccessToken, CreateSshKey, GetProfile, ListSshKeys, UpdateProfile,
};
use linode::requests::{Applied, Error};
use linode::{ClientConfig, RetryConfig};
use linode_fake::{EventScript, FakeLinode, Fault, FaultRule};

type Outcome = Result<(), Box<dyn std::error::Error>>;

fn main() -> ExitCode {
    let result = match std::env::var("LINODE_TOKEN") {
        Ok(token) if !token.trim().is_empty() => real_api(),
        _ => offline(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("the tour stopped: {e}");
            ExitCode::FAILURE
        }
    }
}

fn step(title: &str) {
    println!("\n== {title}");
}

/// The scenario, against the embedded fake Linode API.
fn offline() -> Outcome {
    let fake = FakeLinode::start_blocking()?;
    println!(
        "No LINODE_TOKEN: started the embedded fake Linode API at {}",
        fake.url()
    );
    println!("(set LINODE_TOKEN to run the read-only part against the real API)");

    // Short backoffs keep the tour brisk; the policy is the same as in production.
    let config = ClientConfig::new()
        .with_token(fake.token())?
        .with_base_url(fake.url())?
        .with_user_agent_prefix("linode-tour/1")?
        .with_retry(RetryConfig::default().with_initial_backoff(Duration::from_millis(50)));

    blocking_part(&config)?;
    async_part(&fake, &config)?;

    step("What the fake server saw");
    let log = fake.control().requests();
    let mut posts = std::collections::HashMap::new();
    for request in log.iter().filter(|r| r.method == "POST") {
        *posts.entry((&request.path, &request.body)).or_insert(0) += 1;
    }
    let repeated = posts.values().filter(|&&n| n > 1).count();
    println!(
        "  {} requests in all; {} distinct POSTs, {repeated} of them sent more than once",
        log.len(),
        posts.len()
    );
    fake.stop();
    Ok(())
}

fn blocking_part(config: &ClientConfig) -> Outcome {
    let client = linode_ureq::Client::from_config(config.clone())?;
    println!("\n--- blocking client (linode-ureq) ---");

    step("View the profile");
    let profile = client.send_with_meta(&GetProfile)?;
    println!(
        "  {} <{}>, timezone {}, two-factor {}",
        profile.value.username,
        profile.value.email,
        profile.value.timezone,
        profile.value.two_factor_auth
    );
    println!(
        "  rate limit: {:?} of {:?} left; token scopes {:?}",
        profile.meta().rate_limit_remaining(),
        profile.meta().rate_limit_limit(),
        profile.meta().oauth_scopes()
    );

    step("Add an SSH key, then list the keys");
    let key = client.send(&CreateSshKey::new(
        "tour laptop",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITourKeyForTheReadme tour@laptop",
    ))?;
    println!("  added key {} {:?} at {}", key.id, key.label, key.created);
    for k in client.items(ListSshKeys::default()) {
        let k = k?;
        println!("  - {} {:?}", k.id, k.label);
    }

    step("Only change what you mean to: a profile update that sends one field");
    let update = UpdateProfile::default().timezone("America/Sao_Paulo");
    let updated = client.send(&update)?;
    println!(
        "  timezone is now {} (email untouched: {})",
        updated.timezone, updated.email
    );

    step("Events, page by page: boots and reboots, newest first, 25 a page");
    let filter = Filter::or([
        Filter::eq(EventField::Action, EventAction::LinodeBoot.as_str()),
        Filter::eq(EventField::Action, EventAction::LinodeReboot.as_str()),
    ])
    .order_by(EventField::Created, Order::Desc);
    let events = ListEvents::new().filtered(filter).page_size(25);
    let mut total = 0;
    for page in client.pages(events) {
        let page = page?;
        total += page.data.len();
        let newest = page
            .data
            .first()
            .map(|e| e.created.to_string())
            .unwrap_or_default();
        println!(
            "  page {}/{}: {} events (first at {newest})",
            page.page,
            page.pages,
            page.data.len()
        );
    }
    println!("  {total} matching events, fetched lazily one page at a time");

    step("A page size the API would refuse is caught before anything is sent");
    let too_big = ListEvents::new().page_size(1000);
    if let Err(e) = client.send(&too_big) {
        println!("  {e}");
    }

    step("Create a restricted user and grant it read access to one Linode");
    let new_user = CreateUser::new("tour-intern", "intern@example.net").restricted(true);
    let user = client.send(&new_user)?;
    println!(
        "  created {} (restricted: {})",
        user.username, user.restricted
    );
    let grants = UpdateUserGrants::new(&user.username)
        .add_linodes(false)
        .linode(31007, GrantPermission::ReadOnly);
    client.send(&grants)?;
    let now = client.send(&GetUserGrants::new(&user.username))?;
    match now {
        linode::models::account::UserGrants::Restricted(grants) => {
            for linode in grants.linode.iter().filter(|g| g.permissions.is_some()) {
                println!(
                    "  may see Linode {} {:?}: {:?}",
                    linode.id, linode.label, linode.permissions
                );
            }
            println!("  may add Linodes: {}", grants.global.add_linodes);
        }
        other => println!("  grants: {other:?}"),
    }

    step("A token with limited scopes gets a 403 for a write, with advice");
    let limited = client.send(&CreatePersonalAccessToken::new(
        "tour read-only",
        linode::models::Scopes::none().read_only("account"),
    ))?;
    println!(
        "  created token {} with scopes {} (its value stays hidden: {:?})",
        limited.id, limited.scopes, limited.token
    );
    let read_only =
        linode_ureq::Client::from_config(config.clone().with_token(limited.token.expose())?)?;
    let account = read_only.send(&GetAccount)?;
    println!("  reading the account works: balance {}", account.balance);
    match read_only.send(&CreateSshKey::new("nope", "ssh-ed25519 AAAA nope@x")) {
        Err(e) => println!("  {e}"),
        Ok(_) => println!("  unexpected: the write went through"),
    }

    Ok(())
}

fn async_part(fake: &linode_fake::BlockingFakeLinode, config: &ClientConfig) -> Outcome {
    println!("\n--- async client (linode-hyper, tokio) ---");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let client = linode::HyperClient::from_config(config.clone())?;

        step("View the profile, concurrently with the account");
        let (profile, account) = tokio::join!(client.send(&GetProfile), client.send(&GetAccount));
        println!(
            "  {} / account of {} (two requests in flight on one pooled client)",
            profile?.username, account?.first_name
        );

        step("Hit the rate limit and watch the client wait and retry (a GET is safe to repeat)");
        let control = fake.control();
        control.inject(
            FaultRule::for_op::<GetProfile>(Fault::RateLimited {
                retry_after_secs: 1,
            })
            .times(1),
        );
        let before = control.count_of::<GetProfile>();
        let started = Instant::now();
        let profile = client.send(&GetProfile).await?;
        println!(
            "  got {} after {:.1}s; the server saw {} requests for it (429, then 200)",
            profile.username,
            started.elapsed().as_secs_f32(),
            control.count_of::<GetProfile>() - before
        );

        step("A payment answered 503 is never sent twice, and the advice says what to check");
        control.inject(FaultRule::for_op::<CreatePayment>(Fault::unavailable()).times(1));
        let before = control.count_of::<CreatePayment>();
        let result = client.send(&CreatePayment::new("15.00".parse()?)).await;
        match result {
            // The advice follows the operation's idempotency: a payment that got a 5xx may
            // have gone through, so it says to list payments, never "retry later".
            Err(e) if e.may_have_been_applied() != Applied::No => {
                println!("  {e}");
                println!(
                    "  kind {:?}, may have been applied: {:?}, retryable as is: {}",
                    e.kind(),
                    e.may_have_been_applied(),
                    e.is_retryable()
                );
            }
            other => println!("  unexpected: {other:?}"),
        }
        println!(
            "  the server saw it {} time(s); the client did not repeat it",
            control.count_of::<CreatePayment>() - before
        );
        let payments = client.send(&ListPayments::default()).await?;
        println!(
            "  listing payments before paying again: {} on the account",
            payments.results
        );

        step("Any other POST that fails on the server: checked before it is repeated");
        control.inject(FaultRule::for_op::<CreateSshKey>(Fault::internal_error()).times(1));
        let before = control.count_of::<CreateSshKey>();
        let result = client
            .send(&CreateSshKey::new("once only", "ssh-ed25519 AAAA once@x"))
            .await;
        match result {
            Err(Error::Api(e)) => println!("  {e}"),
            other => println!("  unexpected: {other:?}"),
        }
        println!(
            "  the server saw it {} time(s): retrying a write could duplicate it",
            control.count_of::<CreateSshKey>() - before
        );

        step("Walk every event, gzip-compressed, fetching up to 4 pages ahead");
        // Over a real network this is where the time goes: bytes (gzip cuts a page of events
        // about 14 times) and round trips (after the first page, which tells how many there
        // are, the next ones are requested together). Lazy by default; `.prefetch(n)` asks.
        let log_before = control.requests().len();
        let mut walk = client.items(ListEvents::new().page_size(25)).prefetch(4);
        let mut walked = 0;
        while let Some(event) = walk.next().await {
            event?;
            walked += 1;
        }
        let log = control.requests();
        let pages = log
            .iter()
            .skip(log_before)
            .filter(|r| r.is::<ListEvents>())
            .collect::<Vec<_>>();
        let compressed = pages
            .iter()
            .filter(|r| r.content_encoding == Some("gzip"))
            .count();
        println!(
            "  {walked} events in {} pages of 25; {compressed} of the {} answers came gzip-compressed",
            pages.len(),
            pages.len()
        );

        step("Start an action and wait for its event, with a live progress line");
        // The fake's stand-in for a Linode boot: the next SSH key added starts it.
        control.script_event(
            EventScript::new("linode_boot")
                .entity("linode", 31007, "worker-fra-1")
                .scheduled_then_over(Duration::from_millis(500), Duration::from_secs(3))
                .after_operation::<CreateSshKey>(),
        );
        let before = control.count_of::<linode::account::ListEvents>()
            + control.count_of::<linode::account::GetEvent>();
        let events = client.events_since_now().await?; // the snapshot, before the action
        client
            .send(&CreateSshKey::new(
                "tour-deploy",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITourWaitsForAnEventKeyMaterial deploy@x",
            ))
            .await?;
        let wait = WaitFor::new(
            EventMatch::action(EventAction::LinodeBoot).and_entity(EventEntityType::Linode, 31007),
        )
        .within(Duration::from_secs(60))
        .on_progress(|p| {
            let percent = p.percent_complete.unwrap_or(0);
            let left = p
                .time_remaining
                .map(|d| format!(", {}s left", d.as_secs()))
                .unwrap_or_default();
            let status = p.status.as_ref().map_or("?", |s| s.as_str());
            print!("\r  linode_boot: {status:<9} {percent:>3}%{left}        ");
            let _ = std::io::Write::flush(&mut std::io::stdout());
        });
        let event = events.wait(wait).await?;
        println!(
            "\n  event {} finished after {} requests (polls by id > last, then re-reads by id)",
            event.id,
            control.count_of::<linode::account::ListEvents>()
                + control.count_of::<linode::account::GetEvent>()
                - before
        );
        Ok::<(), Box<dyn std::error::Error>>(())
    })
}

/// Read-only operations against the real API (or `LINODE_URL`).
fn real_api() -> Outcome {
    let config = ClientConfig::from_env()?.with_user_agent_prefix("linode-tour/1")?;
    let client = linode_ureq::Client::from_config(config)?;
    println!(
        "LINODE_TOKEN is set: read-only calls against {}",
        client.config().request_config().base_url()
    );

    step("Profile");
    let profile = client.send_with_meta(&GetProfile)?;
    println!(
        "  {} <{}>; rate limit {:?} left; spec {:?}",
        profile.value.username,
        profile.value.email,
        profile.meta().rate_limit_remaining(),
        profile.meta().spec_version()
    );

    step("SSH keys");
    for key in client.items(ListSshKeys::default()) {
        let key = key?;
        println!("  - {} {:?}", key.id, key.label);
    }

    step("The five newest events");
    let newest = ListEvents::new()
        .filtered(Filter::default().order_by(EventField::Created, Order::Desc))
        .page_size(25);
    for event in client.items(newest).take(5) {
        let event = event?;
        println!("  {} {} {}", event.created, event.action, event.id);
    }
    Ok(())
}
