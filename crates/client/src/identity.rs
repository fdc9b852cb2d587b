//! Who a client value acts as: its token provider and the gate that makes renewals
//! single-flight. Shared (`Arc`) by the clones of one client, not by a child session, which
//! acts as someone else.

use std::sync::Arc;

use crate::auth::TokenProvider;

/// A client's identity: where its token comes from (`None`: the configuration's fixed token)
/// and `G`, the gate held while a renewal is under way (an async mutex in the async client,
/// std's in the blocking one), so that concurrent requests that all find the token missing
/// or expiring send one exchange (one `CreateProxyToken`, one refresh) and share its token.
pub(crate) struct Identity<G> {
    pub(crate) provider: Option<Arc<dyn TokenProvider>>,
    pub(crate) renewing: G,
}

impl<G: Default> Identity<G> {
    pub(crate) fn new(provider: Option<Arc<dyn TokenProvider>>) -> Arc<Self> {
        Arc::new(Self {
            provider,
            renewing: G::default(),
        })
    }
}
