//! Spec drift report: which members an OpenAPI spec's response schemas have that the SDK's
//! models lack (they would be kept in `extra`, untyped), and the reverse (members the models
//! have that the spec does not list: fields the live API added, or fields the spec dropped).
//!
//! ```text
//! cargo run --example spec_drift -- PATH/TO/linode-openapi.json [--all]
//! ```
//!
//! Point it at a newer spec to see what changed since the models were written. Prints one
//! block per operation that differs (`--all`: every operation), then a summary. Exits 0 (it
//! reports, it does not judge), 2 on a usage error. docs/live-api.md says how to read it.

use std::process::ExitCode;

#[path = "../tests/spec_drift/mod.rs"]
mod spec_drift;

fn main() -> ExitCode {
    let mut path = None;
    let mut all = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--all" => all = true,
            "-h" | "--help" => {
                println!("usage: spec_drift SPEC.json [--all]");
                return ExitCode::SUCCESS;
            }
            _ if path.is_none() => path = Some(arg),
            _ => {
                eprintln!("usage: spec_drift SPEC.json [--all] (unexpected argument {arg:?})");
                return ExitCode::from(2);
            }
        }
    }
    let Some(path) = path else {
        eprintln!("usage: spec_drift SPEC.json [--all]");
        return ExitCode::from(2);
    };
    let spec: serde_json::Value = match std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("cannot read the spec {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let report = spec_drift::drift(&spec);
    let (mut spec_only, mut model_only, mut errors) = (0, 0, 0);
    for d in &report {
        spec_only += d.spec_only.len();
        model_only += d.model_only.len();
        errors += usize::from(d.parse_error.is_some());
        if d.is_empty() && !all {
            continue;
        }
        println!("{} ({})", d.operation_id, d.operation);
        if let Some(e) = &d.parse_error {
            println!("  does not parse a spec-shaped body: {e}");
        }
        for p in &d.spec_only {
            println!("  spec has, model lacks:  {p}");
        }
        for p in &d.model_only {
            println!("  model has, spec lacks:  {p}");
        }
    }
    println!(
        "{} operations compared: {spec_only} members only in the spec, {model_only} only in \
         the models, {errors} spec-shaped bodies that do not parse",
        report.len()
    );
    ExitCode::SUCCESS
}
