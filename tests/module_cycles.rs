//! No module cycles in any crate of the repository (issue 14).
//!
//! A cycle between two modules means neither can be read, tested or moved without the other;
//! the compiler accepts it, so this test is what keeps them out. It reads every crate's `src/`
//! as text (no build, no dependency), collects each file's paths into its own crate
//! (`crate::a::B`, `super::B`, `self::c::D`, a child module's `c::D`, `use` groups in braces,
//! and names re-exported by name, so that `crate::Client` leads to the module defining it),
//! and checks, inside each module directory, that the graph between sibling modules has no
//! cycle. A nested `mod.rs` counts as a node of its own (`<a>` in messages): a child that uses
//! its parent's items while the parent's own code uses the child is a cycle too. The crate root
//! (`lib.rs`, `main.rs`) is left out: it only declares and re-exports modules.
//!
//! Not read: comments (doc links are not dependencies), re-exports (`pub use`, which serve the
//! module's users, not its code), macro bodies' `$crate::` paths, and inline modules (in
//! practice the unit tests at the end of a file: test code may reach any module of its crate).
//! So a name that a file both re-exports and uses is not seen as used: the check is cheap and
//! errs towards missing an edge, never towards inventing one.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A module's path inside its crate (`["events", "state"]`); the root is empty.
type ModPath = Vec<String>;

/// One dependency between two sibling modules, with where it was seen.
#[derive(Debug, Clone)]
struct Edge {
    from: String,
    to: String,
    site: String,
}

/// Every `src/` directory of the repository, fuzz's included.
fn crate_sources(root: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![root.join("src"), root.join("fuzz/src")];
    if let Ok(entries) = fs::read_dir(root.join("crates")) {
        for entry in entries.flatten() {
            dirs.push(entry.path().join("src"));
        }
    }
    dirs.retain(|dir| dir.is_dir());
    dirs.sort();
    dirs
}

/// All `.rs` files under `dir`, with their module path (`None` for a crate root).
fn module_files(src: &Path) -> Vec<(PathBuf, Option<ModPath>)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let relative = file.strip_prefix(src).unwrap_or(&file);
            let mut parts: Vec<String> = relative
                .iter()
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            let last = parts.pop().unwrap_or_default();
            let module = match last.as_str() {
                "lib.rs" | "main.rs" if parts.is_empty() => None,
                "mod.rs" => Some(parts),
                name => {
                    parts.push(name.trim_end_matches(".rs").to_owned());
                    Some(parts)
                }
            };
            (file, module)
        })
        .collect()
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A file's lines as (line number, code without comments).
type Lines = Vec<(usize, String)>;

/// The text of a file that counts, split into its code and its re-exports (`pub use`), without
/// comments and without what follows the first inline module.
fn code_lines(text: &str) -> (Lines, Lines) {
    let mut lines = Vec::new();
    let mut reexports = Vec::new();
    let mut in_reexport = false;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if in_reexport || trimmed.starts_with("pub use ") || trimmed.starts_with("pub(crate) use ")
        {
            in_reexport = !line.contains(';');
            reexports.push((index + 1, line.to_owned()));
            continue;
        }
        let declaration = trimmed
            .strip_prefix("pub(crate) ")
            .or_else(|| trimmed.strip_prefix("pub "))
            .unwrap_or(trimmed);
        if declaration.starts_with("mod ") && declaration.contains('{') {
            break;
        }
        let code = match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        };
        lines.push((index + 1, code.to_owned()));
    }
    (lines, reexports)
}

/// A tiny cursor over one file's code, for reading paths.
struct Reader<'a> {
    chars: Vec<char>,
    at: usize,
    lines: &'a [usize],
}

impl Reader<'_> {
    fn skip_space(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn ident(&mut self) -> Option<String> {
        self.skip_space();
        let start = self.at;
        while self.chars.get(self.at).copied().is_some_and(is_ident_char) {
            self.at += 1;
        }
        (self.at > start).then(|| self.chars[start..self.at].iter().collect())
    }

    fn eat(&mut self, text: &str) -> bool {
        self.skip_space();
        let wanted: Vec<char> = text.chars().collect();
        if self.chars.get(self.at..self.at + wanted.len()) == Some(&wanted[..]) {
            self.at += wanted.len();
            true
        } else {
            false
        }
    }

    /// Skips ` as alias` after a path, if there is one.
    fn skip_alias(&mut self) {
        let at = self.at;
        if self.ident().as_deref() == Some("as") {
            let _ = self.ident();
        } else {
            self.at = at;
        }
    }

    /// Reads the rest of a path after `base::` (segments, a `*`, a `{...}` group), adding
    /// every full path it names to `out`.
    fn rest(&mut self, base: &ModPath, out: &mut Vec<ModPath>) {
        if self.eat("{") {
            while self.at < self.chars.len() {
                if self.eat("}") {
                    return;
                }
                if self.eat(",") {
                    continue;
                }
                let before = self.at;
                match self.ident() {
                    Some(name) if name == "self" => {
                        out.push(base.clone());
                        self.skip_alias();
                    }
                    Some(name) => self.segment(base, name, out),
                    None if self.eat("*") => out.push(base.clone()),
                    None if self.chars.get(self.at) == Some(&'{') => self.rest(base, out),
                    None => {}
                }
                if self.at == before {
                    self.at += 1; // Not a path: step over it.
                }
            }
            return;
        }
        if self.eat("*") {
            out.push(base.clone());
            return;
        }
        match self.ident() {
            Some(name) => self.segment(base, name, out),
            None => out.push(base.clone()),
        }
    }

    /// One more segment `name` after `base`, and what follows it.
    fn segment(&mut self, base: &ModPath, name: String, out: &mut Vec<ModPath>) {
        let mut path = base.clone();
        path.push(name);
        if self.eat("::") {
            self.rest(&path, out);
        } else {
            out.push(path);
            self.skip_alias();
        }
    }
}

/// Every path in `code` (of module `module`) that leads into the crate, with its line.
fn crate_paths(
    module: &ModPath,
    code: &[(usize, String)],
    children: &BTreeSet<String>,
) -> Vec<(ModPath, usize)> {
    let mut chars = Vec::new();
    let mut lines = Vec::new();
    for (line, text) in code {
        for c in text.chars().chain(std::iter::once('\n')) {
            chars.push(c);
            lines.push(*line);
        }
    }
    let mut reader = Reader {
        chars,
        at: 0,
        lines: &lines,
    };
    let mut found = Vec::new();
    while reader.at < reader.chars.len() {
        let boundary = reader.at == 0 || {
            let before = reader.chars[reader.at - 1];
            !is_ident_char(before) && before != ':' && before != '$' && before != '\''
        };
        if !boundary || !is_ident_char(reader.chars[reader.at]) {
            reader.at += 1;
            continue;
        }
        let start = reader.at;
        let Some(first) = reader.ident() else {
            reader.at += 1;
            continue;
        };
        if reader.chars.get(reader.at..reader.at + 2) != Some(&[':', ':'][..]) {
            continue;
        }
        let mut base = match first.as_str() {
            "crate" => Vec::new(),
            "self" => module.clone(),
            "super" => module[..module.len().saturating_sub(1)].to_vec(),
            child if children.contains(child) => {
                let mut path = module.clone();
                path.push(child.to_owned());
                path
            }
            _ => continue,
        };
        let line = reader.lines.get(start).copied().unwrap_or(0);
        reader.at += 2;
        let super_step: Vec<char> = "super::".chars().collect();
        while reader.chars.get(reader.at..reader.at + super_step.len()) == Some(&super_step[..]) {
            base.pop();
            reader.at += super_step.len();
        }
        let mut paths = Vec::new();
        reader.rest(&base, &mut paths);
        found.extend(paths.into_iter().map(|path| (path, line)));
    }
    found
}

/// The module a path leads into: its longest prefix that is a module, followed through
/// re-exports (`crate::Client` leads to the module that defines `Client`, when the root
/// re-exports it by name; a glob re-export is not followed).
fn target_of(
    path: &[String],
    modules: &BTreeSet<ModPath>,
    reexports: &BTreeMap<(ModPath, String), ModPath>,
) -> ModPath {
    let mut target: ModPath = (0..=path.len())
        .rev()
        .map(|len| path[..len].to_vec())
        .find(|prefix| prefix.is_empty() || modules.contains(prefix))
        .unwrap_or_default();
    // A chain of re-exports is short; the bound only guards against a re-export loop.
    for _ in 0..8 {
        let Some(name) = path.get(target.len()) else {
            break;
        };
        match reexports.get(&(target.clone(), name.clone())) {
            Some(next) if next != &target => target = next.clone(),
            _ => break,
        }
    }
    target
}

/// The edges between sibling modules of one crate, grouped by parent module.
fn sibling_edges(src: &Path) -> BTreeMap<ModPath, Vec<Edge>> {
    let files = module_files(src);
    let modules: BTreeSet<ModPath> = files.iter().filter_map(|(_, m)| m.clone()).collect();
    let children_of = |module: &ModPath| -> BTreeSet<String> {
        modules
            .iter()
            .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
            .filter_map(|m| m.last().cloned())
            .collect()
    };
    let mut parsed = Vec::new();
    let mut reexports: BTreeMap<(ModPath, String), ModPath> = BTreeMap::new();
    for (file, module) in &files {
        let Ok(text) = fs::read_to_string(file) else {
            continue;
        };
        let (code, exported) = code_lines(&text);
        let here = module.clone().unwrap_or_default();
        let children = children_of(&here);
        for (path, _) in crate_paths(&here, &exported, &children) {
            let Some(name) = path.last() else { continue };
            if !modules.contains(&path) {
                let defined_in = target_of(&path[..path.len() - 1], &modules, &BTreeMap::new());
                reexports.insert((here.clone(), name.clone()), defined_in);
            }
        }
        if let Some(module) = module {
            parsed.push((file, module.clone(), crate_paths(module, &code, &children)));
        }
    }
    let mut edges: BTreeMap<ModPath, Vec<Edge>> = BTreeMap::new();
    for (file, module, paths) in parsed {
        for (path, line) in paths {
            let target = target_of(&path, &modules, &reexports);
            if target == module || target.is_empty() {
                continue; // Its own items, or the crate root's (which only declares modules).
            }
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            let parent = module[..common].to_vec();
            let side = |m: &ModPath| match m.get(common) {
                Some(name) => name.clone(),
                None => format!("<{}>", parent.join("::")),
            };
            let site = format!("{}:{line} uses {}", file.display(), path.join("::"));
            edges.entry(parent.clone()).or_default().push(Edge {
                from: side(&module),
                to: side(&target),
                site,
            });
        }
    }
    edges
}

/// The cycles of a directed graph, one per strongly connected component of two or more nodes,
/// each told as a closed walk with the evidence for every step.
fn cycles(edges: &[Edge]) -> Vec<Vec<Edge>> {
    let mut next: BTreeMap<&str, BTreeMap<&str, &Edge>> = BTreeMap::new();
    for edge in edges {
        next.entry(&edge.from)
            .or_default()
            .entry(&edge.to)
            .or_insert(edge);
    }
    let reaches = |from: &str, to: &str| -> Option<Vec<Edge>> {
        // Breadth-first, keeping how each node was reached.
        let mut came: BTreeMap<&str, &Edge> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([from]);
        while let Some(node) = queue.pop_front() {
            for (&succ, &edge) in next.get(node).into_iter().flatten() {
                if came.contains_key(succ) || succ == from && to != from {
                    continue;
                }
                came.insert(succ, edge);
                if succ == to {
                    let mut walk = vec![edge.clone()];
                    let mut at = edge.from.as_str();
                    while at != from {
                        let step = came[at];
                        walk.push(step.clone());
                        at = step.from.as_str();
                    }
                    walk.reverse();
                    return Some(walk);
                }
                queue.push_back(succ);
            }
        }
        None
    };
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut found = Vec::new();
    for edge in edges {
        if seen.contains(&edge.from) {
            continue;
        }
        if let Some(walk) = reaches(&edge.from, &edge.from) {
            for step in &walk {
                seen.insert(step.from.clone());
            }
            found.push(walk);
        }
    }
    found
}

/// Every cycle of every crate under `root`, as readable text.
fn report(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for src in crate_sources(root) {
        for (parent, edges) in sibling_edges(&src) {
            for cycle in cycles(&edges) {
                let mut text = format!(
                    "cycle in {} (inside `{}`): {}",
                    src.display(),
                    if parent.is_empty() {
                        "crate".to_owned()
                    } else {
                        parent.join("::")
                    },
                    cycle
                        .iter()
                        .map(|edge| edge.from.as_str())
                        .chain(cycle.first().map(|edge| edge.from.as_str()))
                        .collect::<Vec<_>>()
                        .join(" -> ")
                );
                for edge in &cycle {
                    text.push_str(&format!(
                        "\n    {} -> {}: {}",
                        edge.from, edge.to, edge.site
                    ));
                }
                problems.push(text);
            }
        }
    }
    problems
}

#[test]
fn no_crate_has_a_module_cycle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(
        crate_sources(root).len() >= 8,
        "expected every crate's src/ under {}",
        root.display()
    );
    let problems = report(root);
    assert!(
        problems.is_empty(),
        "modules that depend on each other (move the shared piece into a module of its own):\n{}",
        problems.join("\n")
    );
}

/// The detector itself: a planted cycle is found, in each shape it takes in this repository.
#[test]
fn a_planted_cycle_is_found() {
    let root = std::env::temp_dir().join(format!("module-cycles-{}", std::process::id()));
    let src = root.join("crates/planted/src");
    let write = |path: &str, text: &str| {
        let file = src.join(path);
        fs::create_dir_all(file.parent().unwrap_or(&src)).unwrap_or_else(|e| panic!("{e}"));
        fs::write(file, text).unwrap_or_else(|e| panic!("{e}"));
    };
    write(
        "lib.rs",
        "mod a;\nmod b;\nmod c;\nmod d;\nmod e;\nuse crate::a::A;\npub use b::{B as _, B};\n",
    );
    // a -> b through the root's re-export of `B`, b -> a through `super::`.
    write("a.rs", "use crate::{c, B};\npub struct A;\n");
    write("b.rs", "pub struct B(super::a::A);\n");
    // c -> d in a body path, d -> e and e -> c in nested groups: a three-step cycle.
    write("c.rs", "fn f() { crate::d::run() } // crate::e::no\n");
    write("d.rs", "use crate::{e::{self as e}};\npub fn run() {}\n");
    write(
        "e/mod.rs",
        "mod inner;\npub use inner::Z;\nuse inner::X;\nuse crate::c as _;\npub struct Y;\n",
    );
    // Inside `e`: the child uses its parent's item while the parent uses the child.
    write(
        "e/inner.rs",
        "pub struct X(super::Y);\n#[cfg(test)]\nmod tests { use crate::a::A; }\n",
    );
    let problems = report(&root);
    let _ = fs::remove_dir_all(&root);
    let text = problems.join("\n");
    assert_eq!(problems.len(), 3, "{text}");
    assert!(text.contains("a -> b -> a"), "{text}");
    assert!(text.contains("c -> d -> e -> c"), "{text}");
    assert!(
        text.contains("<e> -> inner -> <e>") || text.contains("inner -> <e> -> inner"),
        "{text}"
    );
}
