//! Which operations a set of OAuth scopes allows, from each operation's [`Metadata`].
//!
//! [`Scopes`] (pure data, in `linode-models`) parses and prints the API's scope strings; this
//! module ties it to the operations: [`Scope::area`] / [`Scope::level`], and
//! [`Metadata::allowed_by`] / [`AllowsOperation`] for "may a token with these scopes call X".

use linode_models::{ScopeLevel, Scopes};

use crate::meta::{Metadata, Scope};
use crate::operation::Operation;

impl Scope {
    /// The area of the scope: `account`, `events` or `child_account`.
    pub const fn area(self) -> &'static str {
        match self {
            Scope::AccountReadOnly | Scope::AccountReadWrite => "account",
            Scope::EventsReadOnly | Scope::EventsReadWrite => "events",
            Scope::ChildAccountReadOnly | Scope::ChildAccountReadWrite => "child_account",
        }
    }

    /// The level of the scope.
    pub const fn level(self) -> ScopeLevel {
        match self {
            Scope::AccountReadOnly | Scope::EventsReadOnly | Scope::ChildAccountReadOnly => {
                ScopeLevel::ReadOnly
            }
            Scope::AccountReadWrite | Scope::EventsReadWrite | Scope::ChildAccountReadWrite => {
                ScopeLevel::ReadWrite
            }
        }
    }

    /// Whether `scopes` includes this scope (`read_write` implies `read_only`, `*` everything).
    pub fn is_allowed_by(self, scopes: &Scopes) -> bool {
        scopes.allows(self.area(), self.level())
    }
}

impl From<Scope> for Scopes {
    fn from(scope: Scope) -> Self {
        Scopes::none().with(scope.area(), scope.level())
    }
}

impl FromIterator<Scope> for Scopes {
    fn from_iter<I: IntoIterator<Item = Scope>>(iter: I) -> Self {
        iter.into_iter().fold(Scopes::none(), |s, scope| {
            s.with(scope.area(), scope.level())
        })
    }
}

impl Metadata {
    /// Whether a token with `scopes` may call this operation: the operation lists the scopes
    /// that each suffice (none: any valid token). Grants of restricted users are checked by the
    /// API on top of this.
    ///
    /// ```
    /// use linode_requests::{account::CreatePayment, profile::GetProfile, Operation};
    /// use linode_requests::models::Scopes;
    /// let scopes: Scopes = "account:read_only".parse()?;
    /// assert!(GetProfile::META.allowed_by(&scopes));
    /// assert!(!CreatePayment::META.allowed_by(&scopes));
    /// assert!(CreatePayment::META.allowed_by(&Scopes::all()));
    /// # Ok::<(), linode_requests::models::ScopeError>(())
    /// ```
    pub fn allowed_by(&self, scopes: &Scopes) -> bool {
        self.scopes.is_empty() || self.scopes.iter().any(|s| s.is_allowed_by(scopes))
    }

    /// The smallest scopes that allow this operation (the first listed scope), empty when any
    /// valid token does: what to give a token made for this operation.
    pub fn minimal_scopes(&self) -> Scopes {
        self.scopes
            .first()
            .map(|s| Scopes::from(*s))
            .unwrap_or_default()
    }
}

/// "Does this set of scopes allow operation X", asked of the scopes.
///
/// ```
/// use linode_requests::{account::ListEvents, account::CreateUser, AllowsOperation};
/// use linode_requests::models::Scopes;
/// let ci = Scopes::none().read_only("events");
/// assert!(ci.allows_operation::<ListEvents>());
/// assert!(!ci.allows_operation::<CreateUser>());
/// ```
pub trait AllowsOperation {
    /// Whether a token with these scopes may call `O` (see [`Metadata::allowed_by`]).
    fn allows_operation<O: Operation>(&self) -> bool;
}

impl AllowsOperation for Scopes {
    fn allows_operation<O: Operation>(&self) -> bool {
        O::META.allowed_by(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry;

    #[test]
    fn read_write_implies_read_only_for_every_operation() {
        for meta in registry::operations().map(|e| e.meta) {
            assert!(meta.allowed_by(&Scopes::all()), "{}", meta.name);
            assert!(meta.allowed_by(&meta.minimal_scopes()), "{}", meta.name);
            let write_all = Scopes::none()
                .read_write("account")
                .read_write("events")
                .read_write("child_account");
            assert!(meta.allowed_by(&write_all), "{}", meta.name);
            if !meta.scopes.is_empty() {
                assert!(!meta.allowed_by(&Scopes::none()), "{}", meta.name);
                assert!(
                    !meta.allowed_by(&Scopes::none().read_write("linodes")),
                    "{}",
                    meta.name
                );
            }
        }
    }

    #[test]
    fn scopes_collect_from_operation_scopes() {
        let s: Scopes = [
            Scope::AccountReadOnly,
            Scope::EventsReadWrite,
            Scope::AccountReadWrite,
        ]
        .into_iter()
        .collect();
        assert_eq!(s.to_string(), "account:read_write events:read_write");
    }
}
