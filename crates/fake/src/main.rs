//! `linode-fake`: runs the fake Linode API server until Ctrl-C.
//!
//! ```text
//! cargo run -p linode-fake -- --port 8080 --token T
//! ```

use std::process::ExitCode;

const USAGE: &str = "\
usage: linode-fake [--port PORT] [--token TOKEN] [--empty]

Runs a fake Linode API (Account and Profile) on 127.0.0.1 until Ctrl-C.
  --port PORT     listen on this port (default: a free one)
  --token TOKEN   accept this token with every scope (default: a random one)
  --empty         start without the seed data";

struct Args {
    port: u16,
    token: Option<String>,
    seeded: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        port: 0,
        token: None,
        seeded: true,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--port" | "-p" => {
                let value = it.next().ok_or("--port needs a value")?;
                args.port = value
                    .parse()
                    .map_err(|_| format!("--port: {value:?} is not a port number"))?;
            }
            "--token" | "-t" => {
                let value = it.next().ok_or("--token needs a value")?;
                if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
                    return Err("--token: the token must be non-empty, without spaces".into());
                }
                args.token = Some(value);
            }
            "--empty" => args.seeded = false,
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("linode-fake: {message}");
            }
            eprintln!("{USAGE}");
            return if message.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("linode-fake: cannot start a runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let mut builder = linode_fake::FakeLinode::builder()
            .port(args.port)
            .seeded(args.seeded);
        if let Some(token) = args.token {
            builder = builder.token(token);
        }
        let fake = match builder.start().await {
            Ok(fake) => fake,
            Err(e) => {
                eprintln!("linode-fake: cannot listen on 127.0.0.1:{}: {e}", args.port);
                return ExitCode::FAILURE;
            }
        };
        println!("linode-fake listening on {}", fake.url());
        println!("  API:   {}/v4", fake.url());
        println!("  token: {}", fake.token());
        println!(
            "  export LINODE_URL={} LINODE_TOKEN={}",
            fake.url(),
            fake.token()
        );
        println!("Ctrl-C to stop.");
        let _ = tokio::signal::ctrl_c().await;
        fake.stop().await;
        ExitCode::SUCCESS
    })
}
