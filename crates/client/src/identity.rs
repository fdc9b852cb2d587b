//! Who a client value acts as: its token provider, the gate that makes renewals
//! single-flight, and the scopes its token was last seen to carry. Shared (`Arc`) by the
//! clones of one client, not by a child session, which acts as someone else.

use std::sync::{Arc, Mutex, PoisonError, RwLock, Weak};

use http::{HeaderMap, HeaderValue};
use linode_requests::models::Scopes;
use linode_requests::{Metadata, Operation};

use crate::auth::TokenProvider;

/// Held while a renewal exchange is under way. An async mutex: async clients wait on it
/// with `lock().await` (a waiting request yields, on any executor), blocking clients with
/// `lock_blocking()`, so an async and a blocking client sharing a provider share its gate.
pub(crate) type RenewalGate = async_lock::Mutex<()>;

/// A client's identity: where its token comes from (`None`: the configuration's fixed token)
/// and the gate held while a renewal is under way, so that concurrent requests that all find
/// the token missing or expiring send one exchange (one `CreateProxyToken`, one refresh) and
/// share its token.
pub(crate) struct Identity {
    pub(crate) provider: Option<Arc<dyn TokenProvider>>,
    /// One gate per provider, whichever client holds it: see [`gate_of`].
    pub(crate) renewing: Arc<RenewalGate>,
    /// The last `X-OAuth-Scopes` of an answer to this identity's token, raw (compared with
    /// the next answer's, so an unchanged header costs no parse) and typed.
    seen_scopes: RwLock<Option<(HeaderValue, Scopes)>>,
}

impl Identity {
    pub(crate) fn new(provider: Option<Arc<dyn TokenProvider>>) -> Arc<Self> {
        let renewing = match &provider {
            Some(provider) => gate_of(provider),
            None => Arc::default(),
        };
        Arc::new(Self {
            provider,
            renewing,
            seen_scopes: RwLock::new(None),
        })
    }
}

/// The renewal gate of `provider`, the same for every client that uses it, however each was
/// built (clones of one client, two clients from one `ClientConfig`, an async and a blocking
/// one given the same `Arc`): two gates would let two clients renew at once, and a refresh
/// token may be good for one refresh only.
///
/// Kept in a process-wide list of (provider, gate) pairs held weakly: an entry lives as long
/// as both its provider and some client holding the gate, and dead ones are dropped whenever
/// a client is built. The list is as long as the number of live providers (a handful; one
/// per child session), and only client construction reads it.
fn gate_of(provider: &Arc<dyn TokenProvider>) -> Arc<RenewalGate> {
    type Entry = (Weak<dyn TokenProvider>, Weak<RenewalGate>);
    static GATES: Mutex<Vec<Entry>> = Mutex::new(Vec::new());
    let mut gates = GATES.lock().unwrap_or_else(PoisonError::into_inner);
    gates.retain(|(p, g)| p.strong_count() > 0 && g.strong_count() > 0);
    let key = Arc::downgrade(provider);
    let found = gates
        .iter()
        .find(|(p, _)| Weak::ptr_eq(p, &key))
        .and_then(|(_, gate)| gate.upgrade());
    found.unwrap_or_else(|| {
        let gate = Arc::new(RenewalGate::new(()));
        gates.push((key, Arc::downgrade(&gate)));
        gate
    })
}

impl Identity {
    /// Records the scopes an answer says the token carries. A `401` says nothing about them
    /// (the fake and the API send an empty header then), so it is skipped, and so is the
    /// answer to an operation sent without a token.
    pub(crate) fn record_scopes(&self, meta: &Metadata, response: &http::Response<bytes::Bytes>) {
        if !meta.authenticated || response.status() == http::StatusCode::UNAUTHORIZED {
            return;
        }
        let Some(value) = scopes_header(response.headers()) else {
            return;
        };
        let unchanged = self
            .seen_scopes
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .is_some_and(|(seen, _)| seen == value);
        if unchanged {
            return;
        }
        // Liberal: a header that is not text is ignored rather than failing the call.
        let Ok(text) = value.to_str() else {
            return;
        };
        let typed = Scopes::from_api(text);
        *self
            .seen_scopes
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Some((value.clone(), typed));
    }

    /// The scopes last seen in an answer, else those the provider got with its token.
    pub(crate) fn granted_scopes(&self) -> Option<Scopes> {
        let seen = self
            .seen_scopes
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .map(|(_, scopes)| scopes.clone());
        seen.or_else(|| self.provider.as_ref().and_then(|p| p.granted_scopes()))
    }

    /// Whether the scopes known for this identity allow `O` (`None`: none known yet).
    pub(crate) fn may_send<O: Operation>(&self) -> Option<bool> {
        allowed(&O::META, self.granted_scopes().as_ref())
    }
}

fn scopes_header(headers: &HeaderMap) -> Option<&HeaderValue> {
    headers.get("x-oauth-scopes")
}

fn allowed(meta: &Metadata, scopes: Option<&Scopes>) -> Option<bool> {
    if !meta.authenticated || meta.scopes.is_empty() {
        return Some(true);
    }
    scopes.map(|scopes| meta.allowed_by(scopes))
}
