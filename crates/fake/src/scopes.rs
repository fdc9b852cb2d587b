//! OAuth scopes of tokens: parsing the API's scope strings and checking them against the
//! scopes an operation needs.

use std::collections::BTreeMap;
use std::fmt;

use linode_requests::Scope;

/// How much a token may do in one area (`account`, `events`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    ReadOnly,
    ReadWrite,
}

/// The areas the API knows scopes for. A scope string naming another area is refused.
const AREAS: &[&str] = &[
    "account",
    "child_account",
    "databases",
    "domains",
    "events",
    "firewall",
    "images",
    "ips",
    "linodes",
    "lke",
    "longview",
    "nodebalancers",
    "object_storage",
    "stackscripts",
    "volumes",
    "vpc",
];

/// The scopes a token carries: `*` (everything), or a level per area.
///
/// Parsed from the API's notation, e.g. `"account:read_write events:read_only"`; areas are
/// separated by spaces or commas. A `read_write` scope also allows reading.
///
/// ```
/// use linode_fake::Scopes;
/// let scopes: Scopes = "account:read_only events:read_write".parse()?;
/// assert_eq!(scopes.to_string(), "account:read_only events:read_write");
/// assert!("*".parse::<Scopes>()?.is_all());
/// # Ok::<(), linode_fake::ScopeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scopes {
    all: bool,
    areas: BTreeMap<&'static str, Level>,
}

/// Why a scope string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeError {
    /// The part of the string that is not a scope.
    pub part: String,
}

impl fmt::Display for ScopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a scope (expected `*` or area:read_only / area:read_write)",
            self.part
        )
    }
}

impl std::error::Error for ScopeError {}

impl Scopes {
    /// Every scope (`*`): what the server's own token has.
    pub fn all() -> Self {
        Self {
            all: true,
            areas: BTreeMap::new(),
        }
    }

    /// Whether this is `*`.
    pub fn is_all(&self) -> bool {
        self.all
    }

    /// Whether the token may use an operation needing one of `required` (an empty list
    /// needs only a valid token).
    pub fn allows(&self, required: &[Scope]) -> bool {
        if self.all || required.is_empty() {
            return true;
        }
        required.iter().any(|scope| {
            let (area, needed) = match scope {
                Scope::AccountReadOnly => ("account", Level::ReadOnly),
                Scope::AccountReadWrite => ("account", Level::ReadWrite),
                Scope::EventsReadOnly => ("events", Level::ReadOnly),
                Scope::EventsReadWrite => ("events", Level::ReadWrite),
                Scope::ChildAccountReadOnly => ("child_account", Level::ReadOnly),
                Scope::ChildAccountReadWrite => ("child_account", Level::ReadWrite),
            };
            self.areas.get(area).is_some_and(|level| *level >= needed)
        })
    }
}

impl std::str::FromStr for Scopes {
    type Err = ScopeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut scopes = Scopes::default();
        for part in s.split([' ', ',']).filter(|p| !p.is_empty()) {
            if part == "*" {
                scopes.all = true;
                continue;
            }
            let refuse = || ScopeError {
                part: part.to_owned(),
            };
            let (area, level) = part.split_once(':').ok_or_else(refuse)?;
            let area = AREAS
                .iter()
                .copied()
                .find(|a| *a == area)
                .ok_or_else(refuse)?;
            let level = match level {
                "read_only" => Level::ReadOnly,
                "read_write" => Level::ReadWrite,
                _ => return Err(refuse()),
            };
            let entry = scopes.areas.entry(area).or_insert(level);
            *entry = (*entry).max(level);
        }
        if !scopes.all && scopes.areas.is_empty() {
            return Err(ScopeError { part: s.to_owned() });
        }
        Ok(scopes)
    }
}

impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.all {
            return f.write_str("*");
        }
        for (i, (area, level)) in self.areas.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            let level = match level {
                Level::ReadOnly => "read_only",
                Level::ReadWrite => "read_write",
            };
            write!(f, "{area}:{level}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_write_implies_read_only() {
        let s: Scopes = "account:read_write".parse().unwrap();
        assert!(s.allows(&[Scope::AccountReadOnly]));
        assert!(s.allows(&[Scope::AccountReadWrite]));
        assert!(!s.allows(&[Scope::EventsReadOnly]));
        assert!(s.allows(&[]));
    }

    #[test]
    fn read_only_does_not_write() {
        let s: Scopes = "account:read_only,events:read_only".parse().unwrap();
        assert!(!s.allows(&[Scope::AccountReadWrite]));
        assert!(s.allows(&[Scope::EventsReadOnly]));
        assert_eq!(s.to_string(), "account:read_only events:read_only");
    }

    #[test]
    fn star_allows_everything_and_junk_is_refused() {
        assert!("*"
            .parse::<Scopes>()
            .unwrap()
            .allows(&[Scope::ChildAccountReadWrite]));
        assert!("account:everything".parse::<Scopes>().is_err());
        assert!("planets:read_only".parse::<Scopes>().is_err());
        assert!("".parse::<Scopes>().is_err());
    }
}
