//! The README is the `linode` crate's documentation, and its Rust blocks run as doctests. A
//! doctest sees this package's dev-dependencies too (`linode_ureq`, `tokio`, `http`...), which
//! a user does not have: a block that names one compiles here and fails for the user (the
//! blocking example once called `linode_ureq::Client`). This test reads the blocks and refuses
//! any path that starts with a crate other than `linode` and the standard library (and
//! `first_hour.rs` compiles the blocks in a scratch crate that depends on `linode` alone).

use std::collections::BTreeSet;

mod readme_blocks;
use readme_blocks::rust_blocks;

/// The crates a user's program has: the facade and the standard library.
const ALLOWED_ROOTS: &[&str] = &["linode", "std", "core", "alloc", "crate", "self", "super"];

/// The first segments of the paths in `code` (`foo` in `foo::bar`, not `bar` in `a::bar::c`),
/// outside string literals and comments.
fn path_roots(code: &str) -> BTreeSet<String> {
    let mut roots = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start().trim_start_matches('#');
        let line = line.split("//").next().unwrap_or("");
        let mut in_string = false;
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if c == b'"' {
                in_string = !in_string;
                i += 1;
                continue;
            }
            if in_string || !(c.is_ascii_alphabetic() || c == b'_') {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let preceded_by_path = start >= 2 && &line[start - 2..start] == "::";
            let followed_by_path = line[i..].starts_with("::");
            let word = &line[start..i];
            if followed_by_path && !preceded_by_path && word.starts_with(|c: char| c.is_lowercase())
            {
                roots.insert(word.to_owned());
            }
        }
    }
    roots
}

/// The names a block brings into scope from the facade (`use linode::profile;`,
/// `use linode::{http, bytes::Bytes}`): paths may start with them.
fn imported_from_linode(code: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start().trim_start_matches('#').trim();
        if let Some(rest) = line.strip_prefix("use linode::") {
            for part in rest.split([',', '{', '}', ';', ' ']) {
                if let Some(last) = part.rsplit("::").next().filter(|s| !s.is_empty()) {
                    names.insert(last.to_owned());
                }
            }
        }
    }
    names
}

#[test]
fn readme_rust_blocks_name_only_the_facade() {
    let readme = include_str!("../README.md");
    let blocks = rust_blocks(readme);
    assert!(blocks.len() >= 4, "the README's Rust blocks were not found");
    let mut offenders = Vec::new();
    for (n, block) in blocks.iter().enumerate() {
        let imported = imported_from_linode(block);
        for root in path_roots(block) {
            if !ALLOWED_ROOTS.contains(&root.as_str()) && !imported.contains(&root) {
                offenders.push(format!("block {n}: `{root}::`"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "README blocks name crates a user of `linode` does not have: {offenders:?}"
    );
}

#[test]
fn the_check_catches_a_dev_dependency() {
    let block = "fn main() {\n    let client = linode_ureq::Client::from_env();\n}\n";
    assert!(path_roots(block).contains("linode_ureq"));
    let block = "use linode::http;\nlet r = http::Response::new(());\n";
    assert!(imported_from_linode(block).contains("http"));
}
