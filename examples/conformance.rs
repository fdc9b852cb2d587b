//! Conformance runner: checks recorded Linode API responses against this SDK's models.
//!
//! ```text
//! cargo run --example conformance -- DIR [--json]
//! ```
//!
//! Reads every `*.json` file under DIR (recursively), each
//! `{"method", "path", "status", "headers", "body"}` (other fields ignored), routes it to its
//! operation, parses the response, writes the typed value back to JSON, and reports per case:
//! ok, a parse error, or the fields lost in the round trip, and the members no model field
//! holds (kept in the models' `extra`, so not lost, but untyped). With `--json`, one JSON object
//! per case (`{"file","operation","result","detail","unmodelled"}`). Ends with the totals of
//! parse errors, lost and unmodelled members, then `N passed, N failed`; exits 1 on any
//! failure, 2 on a usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use linode::requests::conformance::{check, Case, Outcome, Report};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

fn run_file(path: &Path) -> Report {
    let parsed = std::fs::read(path)
        .map_err(|e| format!("cannot read: {e}"))
        .and_then(|bytes| {
            serde_json::from_slice::<Case>(&bytes).map_err(|e| format!("not a case file: {e}"))
        });
    match parsed {
        Ok(case) => check(&case),
        Err(reason) => Report {
            operation: None,
            outcome: Outcome::ParseError(reason),
            unmodelled: Vec::new(),
        },
    }
}

fn main() -> ExitCode {
    let mut dir = None;
    let mut json = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("usage: conformance DIR [--json]");
                return ExitCode::SUCCESS;
            }
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => {
                eprintln!("usage: conformance DIR [--json] (unexpected argument {arg:?})");
                return ExitCode::from(2);
            }
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: conformance DIR [--json]");
        return ExitCode::from(2);
    };
    let mut files = Vec::new();
    if let Err(e) = collect(&dir, &mut files) {
        eprintln!("cannot read {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    files.sort();

    let (mut passed, mut failed) = (0usize, 0usize);
    let (mut parse_errors, mut lost, mut unmodelled) = (0usize, 0usize, 0usize);
    for file in &files {
        let report = run_file(file);
        let name = file
            .strip_prefix(&dir)
            .unwrap_or(file)
            .display()
            .to_string();
        if report.outcome.is_ok() {
            passed += 1;
        } else {
            failed += 1;
        }
        match &report.outcome {
            Outcome::ParseError(_) => parse_errors += 1,
            Outcome::FieldsLost(paths) => lost += paths.len(),
            Outcome::Ok | Outcome::NoRoute(_) => {}
        }
        unmodelled += report.unmodelled.len();
        if json {
            let (result, detail) = match &report.outcome {
                Outcome::Ok => ("ok", serde_json::Value::Null),
                Outcome::NoRoute(d) => ("no_route", d.clone().into()),
                Outcome::ParseError(d) => ("parse_error", d.clone().into()),
                Outcome::FieldsLost(d) => ("fields_lost", d.clone().into()),
            };
            let line = serde_json::json!({
                "file": name,
                "operation": report.operation,
                "result": result,
                "detail": detail,
                "unmodelled": report.unmodelled,
            });
            println!("{line}");
        } else {
            let op = report.operation.unwrap_or("-");
            match &report.outcome {
                Outcome::Ok => println!("ok           {name} ({op})"),
                Outcome::NoRoute(d) => println!("no route     {name}: {d}"),
                Outcome::ParseError(d) => println!("parse error  {name} ({op}): {d}"),
                Outcome::FieldsLost(d) => {
                    println!("fields lost  {name} ({op}): {}", d.join(", "))
                }
            }
            if !report.unmodelled.is_empty() {
                println!(
                    "  unmodelled (kept in extra): {}",
                    report.unmodelled.join(", ")
                );
            }
        }
    }
    println!(
        "{parse_errors} parse errors, {lost} members lost, {unmodelled} members unmodelled \
         (kept)"
    );
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
