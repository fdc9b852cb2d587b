//! Who a token acts as: the parent account's users, and proxy users in child accounts.
//!
//! The fake's data is the parent account's. A proxy token (made by `CreateProxyToken`) acts
//! as the proxy user of one child account:
//! - it expires (15 minutes, or [`crate::FakeBuilder::proxy_token_lifetime`]);
//! - it reads its child account: `GetAccount` answers with the child's company, contact and
//!   address, `GetProfile` with the proxy user (`user_type: proxy`);
//! - what the API forbids to child account users is refused with `403` (managing child
//!   accounts, payments, payment methods, promo codes, account changes, cancelling, personal
//!   access tokens);
//! - the parent account's other data is not the child's: those operations answer `501`
//!   rather than show the parent's data to a child account user.

use std::collections::BTreeMap;

use http::StatusCode;
use linode_models::Timestamp;

use crate::reply::{AnswerBody, Failure};
use crate::scopes::Scopes;
use crate::state::acting::Acting;
use crate::state::{Store, TokenGrant};

/// How long a proxy token lives unless configured: 15 minutes, as the API says.
pub(crate) const PROXY_TOKEN_SECS: i64 = 15 * 60;

impl Default for Acting {
    fn default() -> Self {
        Self {
            proxy_lifetime_secs: PROXY_TOKEN_SECS,
            proxy: BTreeMap::new(),
        }
    }
}

impl Acting {
    /// The child account a proxy token acts in; `None` for a parent account's token.
    pub(crate) fn child_of(&self, token: &str) -> Option<&str> {
        self.proxy.get(token).map(String::as_str)
    }
}

/// Accepts `token` as the proxy user of child account `euuid` until `expiry`.
pub(crate) fn register_proxy(store: &mut Store, token: &str, euuid: &str, expiry: Timestamp) {
    // Expired proxy tokens are forgotten as new ones are made: the map stays small.
    let now = crate::state::now();
    let auth = &mut store.auth;
    store.acting.proxy.retain(|t, _| {
        auth.get(t)
            .is_some_and(|g| g.expiry.is_none_or(|e| e > now))
    });
    store.auth.insert(
        token.to_owned(),
        TokenGrant {
            scopes: Scopes::all(),
            token_id: None,
            expiry: Some(expiry),
        },
    );
    store
        .acting
        .proxy
        .insert(token.to_owned(), euuid.to_owned());
}

/// Operations a child account user (so a proxy user) may not run.
const REFUSED_TO_CHILD_USERS: &[&str] = &[
    "get-child-accounts",
    "get-child-account",
    "post-child-account-token",
    "put-account",
    "post-cancel-account",
    "post-payment",
    "post-payment-method",
    "post-make-payment-method-default",
    "post-promo-credit",
    "post-personal-access-token",
];

/// Operations answered for a proxy user, from its child account's data.
const SERVED_TO_PROXY_USERS: &[&str] = &["get-account", "get-profile"];

/// Checks an operation called with a proxy token.
pub(crate) fn gate(operation_id: &str) -> Result<(), Failure> {
    if REFUSED_TO_CHILD_USERS.contains(&operation_id) {
        return Err(Failure::new(
            StatusCode::FORBIDDEN,
            "Child account users (and proxy users) cannot use this endpoint; use a parent account token",
        ));
    }
    if !SERVED_TO_PROXY_USERS.contains(&operation_id) {
        return Err(Failure::new(
            StatusCode::NOT_IMPLEMENTED,
            format!(
                "linode-fake does not model the data of child accounts for {operation_id}; \
                 only GetAccount and GetProfile answer for a proxy user"
            ),
        ));
    }
    Ok(())
}

/// Turns the parent's answer to a served operation into the child account's.
pub(crate) fn patch(store: &Store, euuid: &str, operation_id: &str, body: &mut AnswerBody) {
    let (AnswerBody::Json(value), Some(child)) = (body, store.child_accounts.account(euuid)) else {
        return;
    };
    let Some(object) = value.as_object_mut() else {
        return;
    };
    let text = |s: &str| serde_json::Value::String(s.to_owned());
    match operation_id {
        "get-account" => {
            for (key, v) in [
                ("company", &child.company),
                ("email", &child.email),
                ("first_name", &child.first_name),
                ("last_name", &child.last_name),
                ("phone", &child.phone),
                ("address_1", &child.address_1),
                ("address_2", &child.address_2),
                ("city", &child.city),
                ("state", &child.state),
                ("zip", &child.zip),
                ("country", &child.country),
                ("euuid", &child.euuid),
            ] {
                object.insert(key.to_owned(), text(v));
            }
            object.insert("billing_source".to_owned(), text("external"));
        }
        "get-profile" => {
            let slug: String = child
                .company
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            object.insert(
                "username".to_owned(),
                text(&format!("{}_proxy", slug.to_ascii_lowercase())),
            );
            object.insert("email".to_owned(), text(&child.email));
            object.insert("user_type".to_owned(), text("proxy"));
            object.insert("restricted".to_owned(), serde_json::Value::Bool(false));
        }
        _ => {}
    }
}
