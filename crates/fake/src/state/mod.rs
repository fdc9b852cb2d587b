//! The server's state: the data every handler works on, the tokens that may call it, the
//! fault rules, the request log and the rate-limit counters.
//!
//! The types of each area's data are in a module of this tree at the path of the code that
//! serves them (`state/account/payments.rs` for `handlers/account/payments.rs`; `state/login.rs`
//! for `login.rs`): `Store` holds them and those modules take the whole `Store`, so the types
//! live here, apart from the functions, or the two would depend on each other.

pub(crate) mod account;
pub(crate) mod acting;
pub(crate) mod login;
pub(crate) mod profile;
pub(crate) mod scripted_events;

use std::collections::hash_map::RandomState;
use std::collections::BTreeMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use linode_models::Timestamp;

use crate::faults::FaultBook;
use crate::log::RequestLog;
use crate::scopes::Scopes;

/// One token the server accepts.
#[derive(Debug, Clone)]
pub(crate) struct TokenGrant {
    /// What it may do.
    pub(crate) scopes: Scopes,
    /// The personal access token's id, when it was created through the API.
    pub(crate) token_id: Option<u64>,
    /// When it stops working, if ever.
    pub(crate) expiry: Option<Timestamp>,
}

/// The username of the account's owner, whose profile the tokens see.
pub(crate) const OWNER: &str = "mira_okafor";

/// Everything the handlers read and change. Each area's data lives in its handler module.
#[derive(Debug)]
pub(crate) struct Store {
    next_id: u64,
    secrets: SecretSource,
    /// The tokens accepted, by value.
    pub(crate) auth: BTreeMap<String, TokenGrant>,
    /// The profile's username (the account's owner, the user the tokens belong to).
    pub(crate) username: String,
    /// `/profile`, preferences, phone, TFA, security questions.
    pub(crate) profile: profile::details::ProfileState,
    /// `/profile/tokens` (the tokens as the API lists them).
    pub(crate) tokens: profile::tokens::Tokens,
    /// `/profile/apps`.
    pub(crate) apps: profile::apps::Apps,
    /// `/profile/devices`.
    pub(crate) devices: profile::devices::Devices,
    /// `/profile/sshkeys`.
    pub(crate) ssh_keys: profile::ssh_keys::SshKeys,
    /// `/account/logins` (and the profile's own).
    pub(crate) logins: account::logins::Logins,
    /// `/account/users` and grants.
    pub(crate) users: account::users::Users,
    /// `/account/oauth-clients`.
    pub(crate) oauth_clients: account::oauth_clients::OAuthClients,
    /// `/account/service-transfers` and `/account/entity-transfers`.
    pub(crate) transfers: account::service_transfers::Transfers,
    /// `/account/agreements`.
    pub(crate) agreements: account::agreements::AgreementsState,
    /// `/account/betas`.
    pub(crate) betas: account::betas::Betas,
    /// `/account` and its settings, notifications, maintenance.
    pub(crate) account: account::details::AccountState,
    /// `/account/events`.
    pub(crate) events: account::events::Events,
    /// `/account/child-accounts`.
    pub(crate) child_accounts: account::child_accounts::ChildAccounts,
    /// Proxy tokens (who acts in which child account).
    pub(crate) acting: acting::Acting,
    /// The OAuth login service's codes and refresh tokens.
    pub(crate) login: login::LoginState,
    /// `/account/invoices`.
    pub(crate) invoices: account::invoices::Invoices,
    /// `/account/payments` and staged PayPal payments.
    pub(crate) payments: account::payments::Payments,
    /// `/account/payment-methods`.
    pub(crate) payment_methods: account::payment_methods::PaymentMethods,
    /// Scripted events (see `scripted_events`).
    pub(crate) scripts: scripted_events::Scripts,
}

impl Store {
    /// An empty store whose only token is `admin_token` with every scope.
    pub(crate) fn new(admin_token: &str) -> Self {
        let mut tokens = BTreeMap::new();
        tokens.insert(
            admin_token.to_owned(),
            TokenGrant {
                scopes: Scopes::all(),
                token_id: None,
                expiry: None,
            },
        );
        Self {
            next_id: 1000,
            secrets: SecretSource::new(),
            auth: tokens,
            username: OWNER.to_owned(),
            profile: Default::default(),
            tokens: Default::default(),
            apps: Default::default(),
            devices: Default::default(),
            ssh_keys: Default::default(),
            logins: Default::default(),
            users: Default::default(),
            oauth_clients: Default::default(),
            transfers: Default::default(),
            agreements: Default::default(),
            betas: Default::default(),
            acting: Default::default(),
            login: Default::default(),
            account: Default::default(),
            events: Default::default(),
            child_accounts: Default::default(),
            invoices: Default::default(),
            payments: Default::default(),
            payment_methods: Default::default(),
            scripts: Default::default(),
        }
    }

    /// A fresh id, unique over the whole store.
    pub(crate) fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// A fresh random secret of `len` hex characters (tokens, client secrets).
    pub(crate) fn new_secret(&mut self, len: usize) -> String {
        self.secrets.hex(len)
    }
}

/// The current time as an API timestamp (second precision, UTC).
pub(crate) fn now() -> Timestamp {
    let seconds = time::OffsetDateTime::now_utc().unix_timestamp();
    Timestamp::from_unix_seconds(seconds)
        .unwrap_or_else(|_| Timestamp::from_utc(time::PrimitiveDateTime::MIN))
}

/// Random hex strings from the standard library's randomly keyed hasher.
#[derive(Debug)]
struct SecretSource {
    keys: RandomState,
    counter: u64,
}

impl SecretSource {
    fn new() -> Self {
        Self {
            keys: RandomState::new(),
            counter: 0,
        }
    }

    fn hex(&mut self, len: usize) -> String {
        let mut out = String::with_capacity(len + 16);
        while out.len() < len {
            self.counter += 1;
            let mut hasher = self.keys.build_hasher();
            hasher.write_u64(self.counter);
            out.push_str(&format!("{:016x}", hasher.finish()));
        }
        out.truncate(len);
        out
    }
}

/// Rate-limit bookkeeping: a fixed window per token.
#[derive(Debug)]
pub(crate) struct RateWindow {
    pub(crate) limit: u32,
    window_start: u64,
    counts: BTreeMap<String, u32>,
}

/// The rate-limit window, in seconds.
pub(crate) const RATE_WINDOW_SECS: u64 = 60;

impl RateWindow {
    pub(crate) fn new(limit: u32) -> Self {
        Self {
            limit,
            window_start: 0,
            counts: BTreeMap::new(),
        }
    }

    /// Counts one request by `key`; returns (remaining, reset as Unix seconds).
    pub(crate) fn hit(&mut self, key: &str) -> (u32, u64) {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        if now >= self.window_start + RATE_WINDOW_SECS {
            self.window_start = now - now % RATE_WINDOW_SECS;
            self.counts.clear();
        }
        // Bounded: one counter per distinct key per window, and keys are tokens seen.
        let count = if self.counts.len() < 10_000 || self.counts.contains_key(key) {
            let c = self.counts.entry(key.to_owned()).or_insert(0);
            *c = c.saturating_add(1);
            *c
        } else {
            1
        };
        (
            self.limit.saturating_sub(count),
            self.window_start + RATE_WINDOW_SECS,
        )
    }
}

/// Everything shared between the connections and the controlling handle.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) store: Mutex<Store>,
    pub(crate) faults: Mutex<FaultBook>,
    pub(crate) log: Mutex<RequestLog>,
    pub(crate) rate: Mutex<RateWindow>,
    /// The operations whose handler a test switched off (by `operationId`).
    pub(crate) disabled: Mutex<std::collections::BTreeSet<&'static str>>,
    pub(crate) admin_token: String,
    /// Whether answers are gzip-compressed for clients that accept it.
    pub(crate) compression: bool,
}

/// Locks a mutex, recovering the data if a thread panicked while holding it (a handler
/// never leaves the data half-changed on purpose; a poisoned lock must not stop the server).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
