//! `Scopes`: the OAuth scopes of a token or an app, as the API writes them.

use core::fmt;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// How much a scope allows in one area. `ReadWrite` includes `ReadOnly`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScopeLevel {
    /// `read_only`: view.
    ReadOnly,
    /// `read_write`: view and change (includes `read_only`).
    ReadWrite,
}

impl ScopeLevel {
    /// The level as the API spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            ScopeLevel::ReadOnly => "read_only",
            ScopeLevel::ReadWrite => "read_write",
        }
    }

    fn from_api(level: &str) -> Option<Self> {
        match level {
            "read_only" => Some(ScopeLevel::ReadOnly),
            "read_write" => Some(ScopeLevel::ReadWrite),
            _ => None,
        }
    }
}

impl fmt::Display for ScopeLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The OAuth scopes of a token or an authorized app: `*` (everything), or a level per area.
///
/// The API writes them as one string, `*` or areas separated by spaces
/// (`"account:read_write events:read_only"`). Parsing accepts spaces or commas, any order, and
/// areas this version does not know (`linodes`, `vpc`, a future area): they are kept and printed
/// back. Printing is canonical (areas sorted, one level per area, the higher one kept), so two
/// values are equal when they allow the same things, whatever the order they were written in.
///
/// ```
/// use linode_models::{ScopeLevel, Scopes};
/// let scopes: Scopes = "events:read_only account:read_write".parse()?;
/// assert_eq!(scopes, Scopes::none().read_write("account").read_only("events"));
/// assert_eq!(scopes.to_string(), "account:read_write events:read_only");
/// assert!(scopes.allows("account", ScopeLevel::ReadOnly)); // read_write implies read_only
/// assert!(!scopes.allows("events", ScopeLevel::ReadWrite));
/// assert!("*".parse::<Scopes>()?.is_all());
/// # Ok::<(), linode_models::ScopeError>(())
/// ```
///
/// Whether a set allows a given operation is answered from the operation's metadata, in
/// `linode-requests` (`Metadata::allowed_by`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Scopes {
    all: bool,
    areas: BTreeMap<String, ScopeLevel>,
    /// Parts of an API-sent string that are not `area:level` (a future notation): kept so that
    /// the value prints back as it came, never an error when reading an answer.
    other: BTreeSet<String>,
}

/// Why a scope string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeError {
    /// The part of the string that is not a scope (the whole string when it was empty).
    pub part: String,
}

impl fmt::Display for ScopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not an OAuth scope; write `*` or area:read_only / area:read_write, separated by spaces (e.g. \"account:read_only events:read_write\")",
            self.part
        )
    }
}

impl std::error::Error for ScopeError {}

impl Scopes {
    /// Every scope (`*`).
    pub fn all() -> Self {
        Self {
            all: true,
            ..Self::default()
        }
    }

    /// No scope at all (add some with [`Scopes::read_only`] / [`Scopes::read_write`]).
    pub fn none() -> Self {
        Self::default()
    }

    /// Adds `area:read_only` (kept at `read_write` if the area already has it).
    #[must_use]
    pub fn read_only(self, area: impl Into<String>) -> Self {
        self.with(area, ScopeLevel::ReadOnly)
    }

    /// Adds `area:read_write`.
    #[must_use]
    pub fn read_write(self, area: impl Into<String>) -> Self {
        self.with(area, ScopeLevel::ReadWrite)
    }

    /// Adds `area` at `level` (the higher level wins if the area is already there).
    #[must_use]
    pub fn with(mut self, area: impl Into<String>, level: ScopeLevel) -> Self {
        self.insert(area, level);
        self
    }

    /// Adds `area` at `level` in place (the higher level wins).
    pub fn insert(&mut self, area: impl Into<String>, level: ScopeLevel) {
        if self.all {
            return;
        }
        let entry = self.areas.entry(area.into()).or_insert(level);
        *entry = (*entry).max(level);
    }

    /// Whether this is `*`.
    pub fn is_all(&self) -> bool {
        self.all
    }

    /// Whether this allows nothing.
    pub fn is_empty(&self) -> bool {
        !self.all && self.areas.is_empty() && self.other.is_empty()
    }

    /// The level given for `area`, if any (`*` gives `read_write` everywhere).
    pub fn level(&self, area: &str) -> Option<ScopeLevel> {
        if self.all {
            return Some(ScopeLevel::ReadWrite);
        }
        self.areas.get(area).copied()
    }

    /// Whether this allows `level` in `area` (`read_write` implies `read_only`; `*` allows
    /// everything).
    pub fn allows(&self, area: &str, level: ScopeLevel) -> bool {
        self.level(area).is_some_and(|given| given >= level)
    }

    /// Whether everything `other` allows, this allows too.
    pub fn contains(&self, other: &Scopes) -> bool {
        if self.all {
            return true;
        }
        !other.all
            && other.other.is_subset(&self.other)
            && other
                .areas
                .iter()
                .all(|(area, level)| self.allows(area, *level))
    }

    /// The areas and their levels, sorted by area (empty for `*`).
    pub fn areas(&self) -> impl Iterator<Item = (&str, ScopeLevel)> + '_ {
        self.areas.iter().map(|(a, l)| (a.as_str(), *l))
    }

    /// Parses a scope string the API sent; never fails: a part that is not `area:level` is
    /// kept verbatim (see [`Scopes::unrecognized`]). To check a string a person wrote, use
    /// `str::parse`, which refuses such parts.
    pub fn from_api(text: &str) -> Self {
        let mut scopes = Scopes::default();
        for part in parts(text) {
            if scopes.add_part(part).is_err() {
                scopes.other.insert(part.to_owned());
            }
        }
        scopes.normalize();
        scopes
    }

    /// Parts of an API-sent string that were not `*` or `area:level` (normally none).
    pub fn unrecognized(&self) -> impl Iterator<Item = &str> + '_ {
        self.other.iter().map(String::as_str)
    }

    fn add_part(&mut self, part: &str) -> Result<(), ScopeError> {
        if part == "*" {
            self.all = true;
            return Ok(());
        }
        let refuse = || ScopeError {
            part: part.to_owned(),
        };
        let (area, level) = part.split_once(':').ok_or_else(refuse)?;
        let level = ScopeLevel::from_api(level).ok_or_else(refuse)?;
        let area_ok = !area.is_empty()
            && area
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !area_ok {
            return Err(refuse());
        }
        self.insert(area, level);
        Ok(())
    }

    /// `*` swallows everything else, so that equal meanings compare and print equal.
    fn normalize(&mut self) {
        if self.all {
            self.areas.clear();
            self.other.clear();
        }
    }
}

fn parts(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
}

impl core::str::FromStr for Scopes {
    type Err = ScopeError;

    /// Parses `*` or `area:level` parts separated by spaces or commas; refuses an empty string
    /// and any part that is not a scope (a typo would otherwise give a token fewer rights than
    /// meant). Unknown areas are accepted.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut scopes = Scopes::default();
        let mut any = false;
        for part in parts(text) {
            scopes.add_part(part)?;
            any = true;
        }
        if !any {
            return Err(ScopeError {
                part: text.to_owned(),
            });
        }
        scopes.normalize();
        Ok(scopes)
    }
}

impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.all {
            return f.write_str("*");
        }
        let mut first = true;
        let mut sep = |f: &mut fmt::Formatter<'_>| {
            if !core::mem::take(&mut first) {
                f.write_str(" ")?;
            }
            Ok::<(), fmt::Error>(())
        };
        for (area, level) in &self.areas {
            sep(f)?;
            write!(f, "{area}:{level}")?;
        }
        for part in &self.other {
            sep(f)?;
            f.write_str(part)?;
        }
        Ok(())
    }
}

impl Serialize for Scopes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Scopes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Scopes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a scope string (`*` or `area:level ...`)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Scopes, E> {
                Ok(Scopes::from_api(v))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(feature = "proptest")]
impl proptest::arbitrary::Arbitrary for Scopes {
    type Parameters = ();
    type Strategy = proptest::strategy::BoxedStrategy<Self>;
    fn arbitrary_with(_: ()) -> Self::Strategy {
        use proptest::prelude::*;
        let level = prop_oneof![Just(ScopeLevel::ReadOnly), Just(ScopeLevel::ReadWrite)];
        let area = prop_oneof![
            proptest::sample::select(vec!["account", "events", "child_account", "linodes"])
                .prop_map(str::to_owned),
            "[a-z][a-z_]{0,10}".prop_map(|s| format!("future_{s}")),
        ];
        prop_oneof![
            1 => Just(Scopes::all()),
            6 => proptest::collection::vec((area, level), 1..5).prop_map(|parts| {
                parts
                    .into_iter()
                    .fold(Scopes::none(), |s, (area, level)| s.with(area, level))
            }),
        ]
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_the_api_writes() -> Result<(), ScopeError> {
        let s: Scopes = "linodes:read_only account:read_write,events:read_only".parse()?;
        assert_eq!(
            s.to_string(),
            "account:read_write events:read_only linodes:read_only"
        );
        assert!(s.allows("linodes", ScopeLevel::ReadOnly));
        assert!(!s.allows("linodes", ScopeLevel::ReadWrite));
        assert!(!s.allows("vpc", ScopeLevel::ReadOnly));
        // The higher level wins, whatever the order.
        let twice: Scopes = "account:read_write account:read_only".parse()?;
        assert_eq!(twice.level("account"), Some(ScopeLevel::ReadWrite));
        // `*` swallows the rest.
        let star: Scopes = "account:read_only *".parse()?;
        assert_eq!(star, Scopes::all());
        assert_eq!(star.to_string(), "*");
        Ok(())
    }

    #[test]
    fn strict_parse_refuses_typos_but_api_text_is_kept() {
        for bad in [
            "",
            "  ",
            "account",
            "account:write",
            ":read_only",
            "acc ount:read",
        ] {
            assert!(bad.parse::<Scopes>().is_err(), "{bad:?}");
        }
        let kept = Scopes::from_api("account:read_only linodes:admin");
        assert_eq!(kept.to_string(), "account:read_only linodes:admin");
        assert_eq!(kept.unrecognized().collect::<Vec<_>>(), ["linodes:admin"]);
        assert!(Scopes::from_api("").is_empty());
    }

    #[test]
    fn containment() -> Result<(), ScopeError> {
        let big: Scopes = "account:read_write events:read_only".parse()?;
        assert!(big.contains(&"account:read_only".parse()?));
        assert!(!big.contains(&"events:read_write".parse()?));
        assert!(!big.contains(&Scopes::all()));
        assert!(Scopes::all().contains(&big));
        Ok(())
    }
}
