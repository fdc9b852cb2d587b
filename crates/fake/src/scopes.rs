//! OAuth scopes of the fake's tokens: the SDK's typed [`Scopes`] (from `linode-models`, so
//! the fake and the clients cannot disagree on what a scope string means), with the one
//! check the fake adds, as the API does: a scope a person asks for must name an area the
//! API knows.

use linode_requests::Metadata;

pub use linode_models::{ScopeError, Scopes};

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

/// Parses scopes a caller asks for (a token to create, a login): `*` or `area:level` parts
/// (see `Scopes`' `FromStr`), each naming an area the API knows.
pub(crate) fn parse_known(text: &str) -> Result<Scopes, ScopeError> {
    let scopes: Scopes = text.parse()?;
    check_known(&scopes)?;
    Ok(scopes)
}

/// Refuses scopes naming an area the API does not know.
pub(crate) fn check_known(scopes: &Scopes) -> Result<(), ScopeError> {
    let unknown = scopes
        .areas()
        .find(|(area, _)| !AREAS.contains(area))
        .map(|(area, level)| format!("{area}:{level}"))
        .or_else(|| scopes.unrecognized().next().map(str::to_owned));
    match unknown {
        Some(part) => Err(ScopeError { part }),
        None => Ok(()),
    }
}

/// Whether a caller with `scopes` may use the operation `meta` describes.
pub(crate) fn allows(scopes: &Scopes, meta: &Metadata) -> bool {
    meta.allowed_by(scopes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use linode_requests::account::{CreateProxyToken, GetAccount, ListEvents};
    use linode_requests::profile::GetProfile;
    use linode_requests::Operation;

    #[test]
    fn read_write_implies_read_only() {
        let s = parse_known("account:read_write").unwrap();
        assert!(allows(&s, &GetAccount::META));
        assert!(!allows(&s, &ListEvents::META));
        assert!(allows(&s, &GetProfile::META));
    }

    #[test]
    fn read_only_does_not_write() {
        let s = parse_known("account:read_only,events:read_only").unwrap();
        assert!(allows(&s, &ListEvents::META));
        assert!(!allows(&s, &CreateProxyToken::META));
        assert_eq!(s.to_string(), "account:read_only events:read_only");
    }

    #[test]
    fn star_allows_everything_and_junk_is_refused() {
        assert!(allows(&parse_known("*").unwrap(), &CreateProxyToken::META));
        assert!(parse_known("account:everything").is_err());
        assert_eq!(
            parse_known("planets:read_only").unwrap_err().part,
            "planets:read_only"
        );
        assert!(parse_known("").is_err());
    }
}
