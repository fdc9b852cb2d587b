//! Who the client acts as: where its token comes from, and how a new one is had.
//!
//! A client built with [`ClientConfig::with_token`](crate::ClientConfig::with_token) sends
//! one fixed token. One built with
//! [`ClientConfig::with_token_provider`](crate::ClientConfig::with_token_provider) asks a
//! [`TokenProvider`] before every request, so the token can change without rebuilding the
//! client:
//!
//! - [`StaticToken`]: one token.
//! - [`RotatingToken`]: a handle the program swaps the token in (a secret store's rotation).
//! - [`EnvToken`]: `LINODE_TOKEN`, read again after the API refuses the token.
//! - [`CliConfigToken`]: the Linode CLI's configuration file (see [`CliConfigToken`] for the
//!   format read), read again after the API refuses the token.
//! - [`OAuthRefresher`]: an access token from the login service, refreshed before it expires.
//! - A child account's proxy token: [`Client::child`](crate::Client::child) (minted on first
//!   use and before it expires).
//!
//! **Cheap per request.** [`TokenProvider::token`] is called before every request: it hands
//! out a [`Credential`], an `Arc` around the token and its ready-made header, so an unchanged
//! token costs a reference-count increment, no allocation, and no lock held across IO
//! ([`TokenCell`] holds it behind a read-mostly lock taken only to clone the `Arc`).
//!
//! **After a `401`**, the client asks the provider once for a fresher token
//! ([`TokenProvider::renew`]) and resends the request with it **only if the operation is
//! idempotent**; a create or a payment is not sent twice, and the fresh token serves the next
//! call. A renewal that needs the network (a refresh at the login service, a new proxy token)
//! is described by the provider as a request ([`Renewal::Exchange`]) that the client sends
//! over its own transport, so one provider works with the async and the blocking client.

use core::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::HeaderValue;
use linode_requests::account::CreateProxyToken;
use linode_requests::login::{self, OAuthApp, OAuthToken};
use linode_requests::models::{Scopes, Secret};
use linode_requests::{BuildError, DecodeError, Error, Metadata, Operation, RequestConfig};

use crate::config_error::ConfigError;

/// The longest a renewal is started before expiry: 60 seconds (a proxy token lives 15
/// minutes). For short-lived tokens it is half the lifetime.
pub const RENEW_AHEAD: Duration = Duration::from_secs(60);

/// A bearer token ready to send: the secret, its `Authorization` header value (sensitive),
/// and when it expires by this machine's clock, if it does. Cloning is an `Arc` increment.
///
/// `Debug` never shows the token.
#[derive(Clone)]
pub struct Credential(Arc<CredentialInner>);

struct CredentialInner {
    token: Secret,
    header: HeaderValue,
    expires: Option<(Instant, Duration)>,
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("token", &"[redacted]")
            .field("expires_in", &self.expires_in())
            .finish()
    }
}

impl Credential {
    /// A token that does not expire (as far as the client knows). The token must be visible
    /// ASCII (what a header can carry); surrounding whitespace is trimmed.
    pub fn new(token: Secret) -> Result<Self, BuildError> {
        Self::build(token, None)
    }

    /// A token that expires `lifetime` from now: the client renews it before then.
    pub fn expiring(token: Secret, lifetime: Duration) -> Result<Self, BuildError> {
        Self::build(token, Some((Instant::now() + lifetime, lifetime)))
    }

    fn build(token: Secret, expires: Option<(Instant, Duration)>) -> Result<Self, BuildError> {
        let trimmed = token.expose().trim();
        if trimmed.is_empty() {
            return Err(BuildError::MissingToken);
        }
        if !trimmed.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(BuildError::InvalidHeaderValue {
                header: "token (Authorization)",
            });
        }
        let token = if trimmed.len() == token.expose().len() {
            token
        } else {
            Secret::new(trimmed)
        };
        let mut header =
            HeaderValue::from_str(&format!("Bearer {}", token.expose())).map_err(|_| {
                BuildError::InvalidHeaderValue {
                    header: "token (Authorization)",
                }
            })?;
        header.set_sensitive(true);
        Ok(Self(Arc::new(CredentialInner {
            token,
            header,
            expires,
        })))
    }

    /// The token.
    pub fn token(&self) -> &Secret {
        &self.0.token
    }

    /// The `Authorization: Bearer ...` value, marked sensitive.
    pub fn header(&self) -> &HeaderValue {
        &self.0.header
    }

    /// How long until the token expires (zero once it has), if it expires.
    pub fn expires_in(&self) -> Option<Duration> {
        self.0
            .expires
            .map(|(at, _)| at.saturating_duration_since(Instant::now()))
    }

    /// Whether the token has expired.
    pub fn is_expired(&self) -> bool {
        self.0.expires.is_some_and(|(at, _)| at <= Instant::now())
    }

    /// Whether the token should be renewed now: it expires within [`RENEW_AHEAD`] (or half
    /// its lifetime, if that is shorter).
    pub fn needs_renewal(&self) -> bool {
        self.0.expires.is_some_and(|(at, lifetime)| {
            let ahead = RENEW_AHEAD.min(lifetime / 2);
            at.checked_sub(ahead)
                .is_none_or(|due| due <= Instant::now())
        })
    }

    /// Whether two credentials carry the same token.
    pub fn same_token(&self, other: &Credential) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0.token == other.0.token
    }
}

/// What a provider offers when asked for a fresher token.
#[derive(Debug)]
pub enum Renewal {
    /// Nothing fresher: the client keeps (or fails with) what it has.
    Unavailable,
    /// A fresher token, at hand.
    Ready(Credential),
    /// Send this request (the client sends it over its transport, with its retry policy for
    /// `meta`) and give the answer to [`TokenProvider::complete`].
    Exchange {
        /// What the request is, for the retry policy and errors.
        meta: &'static Metadata,
        /// The request (boxed: it is large, and renewals are rare).
        request: Box<http::Request<Bytes>>,
    },
}

/// Where a client's token comes from. See the [module documentation](self).
///
/// Implement it for a secret store; the methods are plain functions, usable from the async
/// and the blocking client alike.
pub trait TokenProvider: Send + Sync + fmt::Debug {
    /// The token to send now; `None` if there is none yet (the client then asks
    /// [`TokenProvider::renew`]). Called before every request: no IO, no allocation when the
    /// token has not changed (clone an `Arc`, e.g. from a [`TokenCell`]).
    fn token(&self) -> Result<Option<Credential>, Error>;

    /// A fresher token than `stale` (the one the API refused, or one about to expire; `None`
    /// if there was none). The default has nothing fresher.
    fn renew(&self, stale: Option<&Credential>) -> Result<Renewal, Error> {
        let _ = stale;
        Ok(Renewal::Unavailable)
    }

    /// The scopes the current token was granted, if the provider learnt them when it got
    /// the token (a login's token answer, a minted proxy token). The client also records
    /// `X-OAuth-Scopes` from the API's answers; see `Client::granted_scopes`.
    fn granted_scopes(&self) -> Option<Scopes> {
        None
    }

    /// Completes a [`Renewal::Exchange`] with the answer the client received.
    fn complete(&self, response: http::Response<Bytes>) -> Result<Credential, Error> {
        let _ = response;
        Err(Error::Build {
            operation: "auth::TokenProvider",
            source: BuildError::MissingToken,
        })
    }
}

/// The current token of a provider: read by every request (an `Arc` clone under a read lock
/// held for nanoseconds), replaced when the token changes.
#[derive(Debug, Default)]
pub struct TokenCell(RwLock<Option<Credential>>);

impl TokenCell {
    /// A cell holding `credential`.
    pub fn new(credential: Option<Credential>) -> Self {
        Self(RwLock::new(credential))
    }

    /// The current credential.
    pub fn get(&self) -> Option<Credential> {
        match self.0.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Replaces the credential.
    pub fn set(&self, credential: Credential) {
        match self.0.write() {
            Ok(mut guard) => *guard = Some(credential),
            Err(poisoned) => *poisoned.into_inner() = Some(credential),
        }
    }

    /// `Ready(current)` if the current token is not `stale`'s, else `Unavailable`.
    pub fn fresher_than(&self, stale: Option<&Credential>) -> Renewal {
        match (self.get(), stale) {
            (Some(current), Some(stale)) if current.same_token(stale) => Renewal::Unavailable,
            (Some(current), _) => Renewal::Ready(current),
            (None, _) => Renewal::Unavailable,
        }
    }
}

/// One fixed token.
#[derive(Debug, Clone)]
pub struct StaticToken(Credential);

impl StaticToken {
    /// This token.
    pub fn new(token: Secret) -> Result<Self, BuildError> {
        Credential::new(token).map(Self)
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> Result<Option<Credential>, Error> {
        Ok(Some(self.0.clone()))
    }
}

/// A token the program replaces while clients use it: clone the handle, give one clone to
/// the client's configuration, call [`RotatingToken::set`] on another when the secret store
/// rotates the token. Requests sent after `set` use the new token.
#[derive(Debug, Clone)]
pub struct RotatingToken(Arc<TokenCell>);

impl RotatingToken {
    /// Starts with `token`.
    pub fn new(token: Secret) -> Result<Self, BuildError> {
        Ok(Self(Arc::new(TokenCell::new(Some(Credential::new(
            token,
        )?)))))
    }

    /// Replaces the token (checked as [`Credential::new`] does; on error the old one stays).
    pub fn set(&self, token: Secret) -> Result<(), BuildError> {
        self.0.set(Credential::new(token)?);
        Ok(())
    }
}

impl TokenProvider for RotatingToken {
    fn token(&self) -> Result<Option<Credential>, Error> {
        Ok(self.0.get())
    }

    fn renew(&self, stale: Option<&Credential>) -> Result<Renewal, Error> {
        // Someone may have rotated it since the refused request was sent.
        Ok(self.0.fresher_than(stale))
    }
}

/// The token in an environment variable (`LINODE_TOKEN` by default), read when built and
/// again after the API refuses it (a supervisor may have updated the environment of a
/// long-running process through a reload hook that calls `std::env::set_var`).
#[derive(Debug)]
pub struct EnvToken {
    name: &'static str,
    cell: TokenCell,
}

impl EnvToken {
    /// Reads `LINODE_TOKEN`.
    pub fn new() -> Result<Self, ConfigError> {
        Self::from_var("LINODE_TOKEN")
    }

    /// Reads the variable `name`.
    pub fn from_var(name: &'static str) -> Result<Self, ConfigError> {
        let credential = read_env(name)?;
        Ok(Self {
            name,
            cell: TokenCell::new(Some(credential)),
        })
    }
}

fn read_env(name: &'static str) -> Result<Credential, ConfigError> {
    let value = std::env::var(name)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .ok_or(ConfigError::MissingEnv { name })?;
    Credential::new(Secret::new(value)).map_err(|e| ConfigError::InvalidEnv {
        name,
        // Says what is wrong, never the value.
        reason: e.to_string(),
    })
}

impl TokenProvider for EnvToken {
    fn token(&self) -> Result<Option<Credential>, Error> {
        Ok(self.cell.get())
    }

    fn renew(&self, stale: Option<&Credential>) -> Result<Renewal, Error> {
        if let Ok(fresh) = read_env(self.name) {
            if !stale.is_some_and(|s| s.same_token(&fresh)) {
                self.cell.set(fresh);
            }
        }
        Ok(self.cell.fresher_than(stale))
    }
}

/// The token of a user of the Linode CLI, from its configuration file.
///
/// **The format read** (the CLI writes it with Python's `configparser`; this SDK **only reads
/// it and never writes it**): an INI file at `$XDG_CONFIG_HOME/linode-cli`, else
/// `$HOME/.config/linode-cli`. Its `[DEFAULT]` section names the default user
/// (`default-user = NAME`); each user has a section of their own whose `token = ...` is their
/// personal access token. Other keys (`region`, `type`, `image`, ...) are ignored. Keys are
/// case-insensitive, `=` or `:` separates a key from its value, lines starting with `#` or
/// `;` are comments, and a key missing from a user's section is looked up in `[DEFAULT]`.
///
/// ```ini
/// [DEFAULT]
/// default-user = mira
///
/// [mira]
/// token = 0123abcd...
/// region = eu-central
/// ```
///
/// The file is read when the provider is made and again after the API refuses the token
/// (`linode-cli configure` may have replaced it).
#[derive(Debug)]
pub struct CliConfigToken {
    path: PathBuf,
    user: Option<String>,
    cell: TokenCell,
}

impl CliConfigToken {
    /// The default user's token, from the default location.
    pub fn default_user() -> Result<Self, ConfigError> {
        Self::from_path(cli_config_path()?, None)
    }

    /// The token of the user named `user`, from the default location.
    pub fn user(user: &str) -> Result<Self, ConfigError> {
        Self::from_path(cli_config_path()?, Some(user))
    }

    /// The token of `user` (or the default user) from the file at `path`.
    pub fn from_path(path: impl Into<PathBuf>, user: Option<&str>) -> Result<Self, ConfigError> {
        let path = path.into();
        let user = user.map(str::to_owned);
        let credential = read_cli_token(&path, user.as_deref())?;
        Ok(Self {
            path,
            user,
            cell: TokenCell::new(Some(credential)),
        })
    }

    /// The file read.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl TokenProvider for CliConfigToken {
    fn token(&self) -> Result<Option<Credential>, Error> {
        Ok(self.cell.get())
    }

    fn renew(&self, stale: Option<&Credential>) -> Result<Renewal, Error> {
        if let Ok(fresh) = read_cli_token(&self.path, self.user.as_deref()) {
            if !stale.is_some_and(|s| s.same_token(&fresh)) {
                self.cell.set(fresh);
            }
        }
        Ok(self.cell.fresher_than(stale))
    }
}

/// Where the Linode CLI keeps its configuration.
pub fn cli_config_path() -> Result<PathBuf, ConfigError> {
    let from = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(xdg) = from("XDG_CONFIG_HOME") {
        return Ok(PathBuf::from(xdg).join("linode-cli"));
    }
    from("HOME")
        .map(|home| PathBuf::from(home).join(".config").join("linode-cli"))
        .ok_or(ConfigError::MissingEnv { name: "HOME" })
}

fn cli_error(path: &Path, reason: impl Into<String>) -> ConfigError {
    ConfigError::CliConfig {
        path: path.display().to_string(),
        reason: reason.into(),
    }
}

fn read_cli_token(path: &Path, user: Option<&str>) -> Result<Credential, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        cli_error(
            path,
            format!("it could not be read ({e}); run `linode-cli configure` or give the path"),
        )
    })?;
    let token = cli_token(&text, user).map_err(|reason| cli_error(path, reason))?;
    Credential::new(token).map_err(|_| {
        cli_error(
            path,
            "the token has characters a header cannot carry; run `linode-cli configure` again",
        )
    })
}

/// Finds the token of `user` (or of the `[DEFAULT]` section's `default-user`) in the text of
/// a Linode CLI configuration file. The error says what is missing (never a token).
pub fn cli_token(text: &str, user: Option<&str>) -> Result<Secret, String> {
    let sections = parse_ini(text);
    let lookup = |section: &str, key: &str| -> Option<&str> {
        sections
            .iter()
            .find(|(name, _)| name == section)
            .and_then(|(_, pairs)| pairs.iter().find(|(k, _)| k == key))
            .map(|(_, v)| v.as_str())
    };
    let user = match user {
        Some(user) => user.to_owned(),
        None => lookup("DEFAULT", "default-user")
            .filter(|u| !u.is_empty())
            .ok_or("its [DEFAULT] section names no default-user; name the user to read")?
            .to_owned(),
    };
    if !sections.iter().any(|(name, _)| *name == user) {
        return Err(format!(
            "it has no section for the user {user:?}; `linode-cli show-users` lists them"
        ));
    }
    lookup(&user, "token")
        .or_else(|| lookup("DEFAULT", "token"))
        .filter(|t| !t.is_empty())
        .map(Secret::new)
        .ok_or_else(|| format!("the user {user:?} has no token"))
}

/// INI as Python's configparser reads it (the subset the CLI writes): sections, `key = value`
/// or `key: value`, comments, keys lower-cased.
fn parse_ini(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut sections: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            sections.push((name.trim().to_owned(), Vec::new()));
            continue;
        }
        let split = line.find(['=', ':']);
        let (Some(section), Some(at)) = (sections.last_mut(), split) else {
            continue;
        };
        let key = line[..at].trim().to_ascii_lowercase();
        let value = line[at + 1..].trim().to_owned();
        section.1.push((key, value));
    }
    sections
}

/// An access token from the login service, refreshed with its refresh token before it
/// expires (and after a `401`). The refresh request goes to the login service over the
/// client's transport.
#[derive(Debug)]
pub struct OAuthRefresher {
    app: OAuthApp,
    refresh_token: Mutex<Option<Secret>>,
    scopes: Mutex<Option<Scopes>>,
    cell: TokenCell,
}

impl OAuthRefresher {
    /// Starts from a token of the code exchange (or an earlier refresh) of `app`.
    pub fn new(app: OAuthApp, token: OAuthToken) -> Result<Self, BuildError> {
        let credential = oauth_credential(&token)?;
        Ok(Self {
            app,
            refresh_token: Mutex::new(token.refresh_token),
            scopes: Mutex::new(token.scopes),
            cell: TokenCell::new(Some(credential)),
        })
    }

    /// The scopes of the current token, as the login service granted them (`None` if its
    /// answer did not say).
    pub fn scopes(&self) -> Option<Scopes> {
        lock(&self.scopes).clone()
    }

    /// The current access token (to revoke it with
    /// [`Client::revoke_login`](crate::Client::revoke_login) or its blocking twin).
    pub fn current_token(&self) -> Option<Secret> {
        self.cell.get().map(|c| c.token().clone())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

fn oauth_credential(token: &OAuthToken) -> Result<Credential, BuildError> {
    match token.expires_at {
        Some(at) => {
            let left = at - time::OffsetDateTime::now_utc();
            let left = Duration::try_from(left).unwrap_or(Duration::ZERO);
            Credential::expiring(token.access_token.clone(), left)
        }
        None => Credential::new(token.access_token.clone()),
    }
}

impl TokenProvider for OAuthRefresher {
    fn token(&self) -> Result<Option<Credential>, Error> {
        Ok(self.cell.get())
    }

    fn granted_scopes(&self) -> Option<Scopes> {
        self.scopes()
    }

    fn renew(&self, stale: Option<&Credential>) -> Result<Renewal, Error> {
        // Another request may have refreshed already.
        if let ready @ Renewal::Ready(_) = self.cell.fresher_than(stale) {
            if self.cell.get().is_some_and(|c| !c.needs_renewal()) {
                return Ok(ready);
            }
        }
        let Some(refresh) = lock(&self.refresh_token).clone() else {
            return Ok(Renewal::Unavailable);
        };
        let request = self
            .app
            .refresh_request(&refresh)
            .map_err(|source| Error::Build {
                operation: login::TOKEN_META.name,
                source,
            })?;
        Ok(Renewal::Exchange {
            meta: &login::TOKEN_META,
            request: Box::new(request),
        })
    }

    fn complete(&self, response: http::Response<Bytes>) -> Result<Credential, Error> {
        let token = token_answer(response)?;
        let credential = oauth_credential(&token).map_err(|source| Error::Build {
            operation: login::TOKEN_META.name,
            source,
        })?;
        if token.refresh_token.is_some() {
            *lock(&self.refresh_token) = token.refresh_token;
        }
        if token.scopes.is_some() {
            *lock(&self.scopes) = token.scopes;
        }
        self.cell.set(credential.clone());
        Ok(credential)
    }
}

/// The proxy user's token of a child account, minted with `CreateProxyToken` on first use,
/// again before it expires (tokens live 15 minutes) and once after a `401`. Made by
/// [`Client::child`](crate::Client::child); never logged (`Debug` shows the euuid only).
#[derive(Debug)]
pub struct ProxyToken {
    euuid: String,
    parent_config: RequestConfig,
    parent: Option<Arc<dyn TokenProvider>>,
    cell: TokenCell,
    scopes: Mutex<Option<Scopes>>,
}

impl ProxyToken {
    /// A proxy token for child account `euuid`, minted by the parent whose request settings
    /// are `parent_config` and whose token comes from `parent` (or from `parent_config`).
    pub fn new(
        euuid: impl Into<String>,
        parent_config: RequestConfig,
        parent: Option<Arc<dyn TokenProvider>>,
    ) -> Self {
        Self {
            euuid: euuid.into(),
            parent_config,
            parent,
            cell: TokenCell::default(),
            scopes: Mutex::new(None),
        }
    }

    /// The child account's euuid.
    pub fn euuid(&self) -> &str {
        &self.euuid
    }
}

impl TokenProvider for ProxyToken {
    fn token(&self) -> Result<Option<Credential>, Error> {
        Ok(self.cell.get())
    }

    fn granted_scopes(&self) -> Option<Scopes> {
        lock(&self.scopes).clone()
    }

    fn renew(&self, stale: Option<&Credential>) -> Result<Renewal, Error> {
        // A concurrent request may have minted one already.
        if let Some(current) = self.cell.get() {
            if !stale.is_some_and(|s| s.same_token(&current)) && !current.needs_renewal() {
                return Ok(Renewal::Ready(current));
            }
        }
        let op = CreateProxyToken::new(self.euuid.clone());
        let parent = match &self.parent {
            Some(parent) => parent.token()?,
            None => None,
        };
        let request = match parent {
            Some(parent) => op.to_http_request_as(&self.parent_config, parent.header())?,
            None => op.to_http_request(&self.parent_config)?,
        };
        Ok(Renewal::Exchange {
            meta: &CreateProxyToken::META,
            request: Box::new(request),
        })
    }

    fn complete(&self, response: http::Response<Bytes>) -> Result<Credential, Error> {
        let minted = CreateProxyToken::from_http_response(response)?.into_value();
        let lifetime = minted.expiry.to_utc() - minted.created.to_utc();
        let lifetime = Duration::try_from(lifetime).unwrap_or(Duration::ZERO);
        let credential =
            Credential::expiring(minted.token, lifetime).map_err(|source| Error::Build {
                operation: CreateProxyToken::META.name,
                source,
            })?;
        *lock(&self.scopes) = Some(minted.scopes);
        self.cell.set(credential.clone());
        Ok(credential)
    }
}

/// Parses the login service's token answer into the SDK's errors.
pub(crate) fn token_answer(response: http::Response<Bytes>) -> Result<OAuthToken, Error> {
    if !response.status().is_success() {
        let failure =
            linode_requests::parse::<linode_requests::models::Empty>(&login::TOKEN_META, response);
        return Err(failure.err().unwrap_or(Error::Build {
            operation: login::TOKEN_META.name,
            source: BuildError::MissingToken,
        }));
    }
    let status = response.status();
    login::parse_token_response(response, time::OffsetDateTime::now_utc()).map_err(|e| {
        Error::Decode(Box::new(DecodeError {
            operation: login::TOKEN_META.name,
            status,
            path: ".".to_owned(),
            message: e.to_string(),
            body_excerpt: String::new(),
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_shared_and_never_shown() {
        let c = Credential::new(Secret::new(" tok-1 ")).unwrap();
        assert_eq!(c.token().expose(), "tok-1");
        assert_eq!(c.header(), "Bearer tok-1");
        assert!(c.header().is_sensitive());
        assert!(!format!("{c:?}").contains("tok-1"));
        assert!(Credential::new(Secret::new("a b")).is_err());
        assert!(Credential::new(Secret::new("")).is_err());
        let copy = c.clone();
        assert!(copy.same_token(&c));
        assert!(!c.needs_renewal() && !c.is_expired());
    }

    #[test]
    fn short_lived_tokens_are_renewed_at_half_life() {
        let c = Credential::expiring(Secret::new("t"), Duration::from_secs(3600)).unwrap();
        assert!(!c.needs_renewal());
        let soon = Credential::expiring(Secret::new("t"), Duration::from_secs(30)).unwrap();
        assert!(!soon.needs_renewal(), "15 s of 30 are left");
        let gone = Credential::expiring(Secret::new("t"), Duration::ZERO).unwrap();
        assert!(gone.needs_renewal() && gone.is_expired());
    }

    #[test]
    fn a_rotating_token_offers_the_new_one_once() {
        let rotating = RotatingToken::new(Secret::new("one")).unwrap();
        let first = rotating.token().unwrap().unwrap();
        assert!(matches!(
            rotating.renew(Some(&first)).unwrap(),
            Renewal::Unavailable
        ));
        rotating.set(Secret::new("two")).unwrap();
        match rotating.renew(Some(&first)).unwrap() {
            Renewal::Ready(c) => assert_eq!(c.token().expose(), "two"),
            other => panic!("{other:?}"),
        }
        assert!(rotating.set(Secret::new("b\u{e4}d")).is_err());
        assert_eq!(rotating.token().unwrap().unwrap().token().expose(), "two");
    }

    #[test]
    fn the_cli_file_is_read_as_configparser_does() {
        let text = "\
# written by linode-cli
[DEFAULT]
default-user = mira

[mira]
token = mira-token
region = eu-central

[Dario]
Token: dario-token
";
        assert_eq!(cli_token(text, None).unwrap().expose(), "mira-token");
        assert_eq!(
            cli_token(text, Some("Dario")).unwrap().expose(),
            "dario-token"
        );
        let missing = cli_token(text, Some("nobody")).unwrap_err();
        assert!(missing.contains("nobody"), "{missing}");
        let no_default = cli_token("[mira]\ntoken = x\n", None).unwrap_err();
        assert!(no_default.contains("default-user"), "{no_default}");
        let no_token = cli_token("[DEFAULT]\ndefault-user = a\n[a]\nregion = x\n", None);
        assert!(no_token.is_err());
    }
}
