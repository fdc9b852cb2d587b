//! The README's Rust blocks, read as rustdoc reads them: shared by `readme_facade_only.rs`
//! (no path names a crate the user lacks) and `first_hour.rs` (they compile in a crate that
//! depends on `linode` alone).

// Each test binary uses part of this.
#![allow(dead_code)]

/// The Rust blocks of `markdown` that are meant to compile: fenced blocks whose info string
/// is empty, `rust...` or `no_run`/`should_panic`/`edition` attributes only, as rustdoc reads
/// them (a `compile_fail` block is left out: it proves nothing either way).
pub(crate) fn rust_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    // `Some(Some(text))`: inside a Rust block; `Some(None)`: inside another block.
    let mut current: Option<Option<String>> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            match current.take() {
                Some(Some(block)) => blocks.push(block),
                Some(None) => {}
                None => {
                    let is_rust = info.split(',').all(|attr| {
                        let attr = attr.trim();
                        attr.is_empty()
                            || attr == "rust"
                            || matches!(attr, "no_run" | "should_panic")
                            || attr.starts_with("edition")
                    });
                    current = Some(is_rust.then(String::new));
                }
            }
            continue;
        }
        if let Some(Some(block)) = current.as_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    blocks
}

/// `block` as the items of a module named `name`, the way rustdoc builds a doctest: hidden
/// lines (`# ...`) shown, and a block without its own `fn main` wrapped in a function, one
/// that returns a `Result` when the block ends in `Ok::<...>(())`.
pub(crate) fn as_module(name: &str, block: &str) -> String {
    let code: String = block
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            match trimmed.strip_prefix("# ") {
                Some(shown) => shown,
                None if trimmed == "#" => "",
                None => line,
            }
        })
        .flat_map(|line| [line, "\n"])
        .collect();
    let body = if code.contains("fn main") {
        code
    } else if code.trim_end().ends_with("(())") && code.contains("Ok::<") {
        format!("pub fn block() -> Result<(), Box<dyn std::error::Error>> {{\n{code}}}\n")
    } else {
        format!("pub fn block() {{\n{code}}}\n")
    };
    format!("pub mod {name} {{\n{body}}}\n")
}
