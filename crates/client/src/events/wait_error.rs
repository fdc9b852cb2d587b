//! How a wait (or a cursor's snapshot) ends without a finished event, and the scope check
//! behind [`WaitError::MissingScope`].
//!
//! A module of its own because the wait's state machine (`state`), the wait's settings
//! (`WaitFor`, in `events`) and both cursors produce these errors: kept beside any one of
//! them, it would tie that one to the others in both directions.

use std::time::Duration;

use linode_requests::account::ListEvents;
use linode_requests::models::account::Event;
use linode_requests::models::Scopes;
use linode_requests::{Error, Operation};

/// Why a wait (or a cursor's snapshot) ended without a finished event.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WaitError {
    /// The event reached `failed`.
    #[error(
        "event {} ({}) failed{}; read the event's message, fix the cause and start the action again",
        .0.id, .0.action, .0.message.as_deref().map(|m| format!(": {m}")).unwrap_or_default()
    )]
    Failed(Box<Event>),
    /// The deadline passed first.
    #[error(
        "no matching event finished within {waited:?}{}; wait longer (WaitFor::within) or check that the action was started and the match is right",
        .last_seen.as_ref().map(|e| format!(" (event {} was last {})", e.id,
            e.status.as_ref().map_or("without status", |s| s.as_str()))).unwrap_or_default()
    )]
    DeadlineExceeded {
        /// How long the wait lasted.
        waited: Duration,
        /// The matching event as last seen, if one appeared.
        last_seen: Option<Box<Event>>,
    },
    /// The token cannot read events.
    #[error(
        "the token cannot read events: it needs the events:read_only scope (its scopes: {scopes}); create a token with events:read_only or events:read_write"
    )]
    MissingScope {
        /// The token's scopes as `X-OAuth-Scopes` listed them (none if the answer did not
        /// say).
        scopes: Scopes,
    },
    /// A poll failed (after the client's retries).
    #[error(transparent)]
    Request(#[from] Error),
}

impl WaitError {
    /// The failed event, for [`WaitError::Failed`].
    pub fn failed_event(&self) -> Option<&Event> {
        match self {
            WaitError::Failed(event) => Some(event),
            _ => None,
        }
    }

    /// A request error, seen in the light of scopes: a 403 to reading events means the token
    /// lacks `events:read_only`.
    pub(crate) fn from_request(error: Error) -> Self {
        match error.as_api() {
            Some(api) if api.status == http::StatusCode::FORBIDDEN => {
                let scopes = api.meta().token_scopes();
                if scopes_allow_events(scopes.as_ref()) != Some(true) {
                    return WaitError::MissingScope {
                        scopes: scopes.unwrap_or_default(),
                    };
                }
                WaitError::Request(error)
            }
            _ => WaitError::Request(error),
        }
    }
}

/// Checks the scopes a snapshot's response listed (`X-OAuth-Scopes`, typed).
pub(crate) fn check_scopes(scopes: Option<Scopes>) -> Result<(), WaitError> {
    match scopes_allow_events(scopes.as_ref()) {
        Some(false) => Err(WaitError::MissingScope {
            scopes: scopes.unwrap_or_default(),
        }),
        _ => Ok(()),
    }
}

/// Whether the token's scopes allow reading events, answered from the list operation's own
/// metadata (`None`: the answer did not list them, so the API will be the judge).
pub(crate) fn scopes_allow_events(scopes: Option<&Scopes>) -> Option<bool> {
    let scopes = scopes.filter(|s| !s.is_empty())?;
    Some(ListEvents::META.allowed_by(scopes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(text: &str) -> Option<bool> {
        scopes_allow_events(Some(&Scopes::from_api(text)))
    }

    #[test]
    fn scopes_are_read_liberally() {
        assert_eq!(scopes_allow_events(None), None);
        assert_eq!(allowed(""), None);
        assert_eq!(allowed("*"), Some(true));
        assert_eq!(allowed("account:read_only events:read_write"), Some(true));
        assert_eq!(allowed("events:read_only"), Some(true));
        assert_eq!(allowed("account:read_write"), Some(false));
        assert_eq!(allowed("account:read_write,linodes:read_only"), Some(false));
    }
}
