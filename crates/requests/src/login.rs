//! The login side of OAuth, sans IO: "Sign in with Linode" for apps registered as OAuth
//! clients of an account.
//!
//! The flow (the authorization-code grant of RFC 6749, at `login.linode.com`):
//!
//! 1. [`OAuthApp::authorize`] makes an [`Authorization`]: the URL to send the user's browser
//!    to (client id, scopes, redirect URI, a random `state`, and for a public client a PKCE
//!    S256 challenge). Keep the `Authorization` until the browser comes back.
//! 2. The login service redirects to your redirect URI with `?code=...&state=...`.
//!    [`Authorization::callback`] checks the `state` (so a forged redirect is refused) and
//!    returns the code, or the user's refusal.
//! 3. [`OAuthApp::exchange_request`] builds the token request; send it with any HTTP client
//!    and parse the answer with [`parse_token_response`]: an [`OAuthToken`] whose expiry is a
//!    UTC instant.
//! 4. Before it expires, [`OAuthApp::refresh_request`]; when done, [`OAuthApp::revoke_request`].
//!
//! Every request carries what the login service's edge wants to see (a `User-Agent`,
//! `Accept: application/json` and a form `Content-Type`): without them it has been seen to
//! answer `403` with an HTML page. Client secrets and tokens are [`Secret`]s throughout.
//! The `linode-client` crate drives these requests over a transport.
//!
//! ```
//! use linode_requests::login::{OAuthApp, parse_token_response};
//! use linode_requests::models::{Scopes, Secret};
//!
//! let app = OAuthApp::new("0123456789abcdef")?
//!     .with_secret(Secret::new("client-secret"))
//!     .with_redirect_uri("http://127.0.0.1:8400/callback")?;
//! let authorization = app.authorize(&Scopes::none().read_only("account").read_only("events"))?;
//! assert!(authorization.url().starts_with("https://login.linode.com/oauth/authorize?client_id=0123456789abcdef"));
//!
//! // The browser comes back to the redirect URI with the code and the same state:
//! let query = format!("code=c0de&state={}", authorization.state());
//! let code = authorization.callback(&query)?;
//! let request = app.exchange_request(&code, &authorization)?;
//! assert_eq!(request.uri(), "https://login.linode.com/oauth/token");
//!
//! let answer = http::Response::new(bytes::Bytes::from_static(
//!     br#"{"access_token":"a","token_type":"bearer","expires_in":7200,"refresh_token":"r","scopes":"account:read_only"}"#,
//! ));
//! let token = parse_token_response(answer, time::OffsetDateTime::now_utc())?;
//! assert_eq!(token.scopes, Some(Scopes::none().read_only("account")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use bytes::Bytes;
use http::header::{ACCEPT, CONTENT_TYPE, USER_AGENT};
use http::{HeaderValue, Method, StatusCode};
use linode_models::{Scopes, Secret};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Deserialize;
use time::OffsetDateTime;

use crate::meta::Metadata;
use crate::request_config::DEFAULT_USER_AGENT;
use crate::BuildError;

/// The public login service.
pub const DEFAULT_LOGIN_URL: &str = "https://login.linode.com";

/// The metadata a client uses for the token exchange and refresh (not an API operation:
/// not in the registry). Not idempotent: a code is good for one exchange, and a refresh
/// token may be rotated by the exchange.
pub const TOKEN_META: Metadata = Metadata {
    id: "oauth-token",
    name: "login::Token",
    summary: "Exchange a code or a refresh token for an access token",
    path: "/oauth/token",
    authenticated: false,
    ..Metadata::NOT_IDEMPOTENT_POST
};

/// The metadata a client uses for revocation. Revoking twice revokes once: idempotent.
pub const REVOKE_META: Metadata = Metadata {
    id: "oauth-revoke",
    name: "login::Revoke",
    summary: "Revoke an access or refresh token",
    path: "/oauth/revoke",
    authenticated: false,
    ..Metadata::IDEMPOTENT_POST
};

/// What RFC 3986 leaves unencoded in a query or form value: `A-Z a-z 0-9 - . _ ~`.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

const FORM: HeaderValue = HeaderValue::from_static("application/x-www-form-urlencoded");
const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// An app registered as an OAuth client (`account::CreateOAuthClient`): its id, its secret
/// (none for a public client), its redirect URI, and where the login service is.
///
/// `Debug` never shows the secret.
#[derive(Clone)]
pub struct OAuthApp {
    client_id: String,
    secret: Option<Secret>,
    redirect_uri: Option<String>,
    login_url: String,
    user_agent: HeaderValue,
}

impl fmt::Debug for OAuthApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthApp")
            .field("client_id", &self.client_id)
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field("redirect_uri", &self.redirect_uri)
            .field("login_url", &self.login_url)
            .finish()
    }
}

impl OAuthApp {
    /// A public app (no secret: PKCE protects its codes) with this client id, at
    /// [`DEFAULT_LOGIN_URL`]. Add a secret with [`OAuthApp::with_secret`] for a confidential
    /// app.
    pub fn new(client_id: &str) -> Result<Self, BuildError> {
        let client_id = client_id.trim();
        if client_id.is_empty() || !client_id.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(BuildError::InvalidHeaderValue {
                header: "OAuth client id",
            });
        }
        Ok(Self {
            client_id: client_id.to_owned(),
            secret: None,
            redirect_uri: None,
            login_url: DEFAULT_LOGIN_URL.to_owned(),
            user_agent: HeaderValue::from_static(DEFAULT_USER_AGENT),
        })
    }

    /// The client secret of a confidential app (shown once, when the OAuth client was created
    /// or its secret reset).
    #[must_use]
    pub fn with_secret(mut self, secret: Secret) -> Self {
        self.secret = Some(secret);
        self
    }

    /// The redirect URI registered for the app (the login service refuses another one).
    pub fn with_redirect_uri(mut self, uri: &str) -> Result<Self, BuildError> {
        let uri = uri.trim();
        let parsed: http::Uri = uri.parse().map_err(|_| BuildError::InvalidBaseUrl {
            url: uri.to_owned(),
            reason: "the redirect URI is not a URL",
        })?;
        if !matches!(parsed.scheme_str(), Some("http" | "https")) || parsed.host().is_none() {
            return Err(BuildError::InvalidBaseUrl {
                url: uri.to_owned(),
                reason: "the redirect URI must be an absolute http(s) URL",
            });
        }
        self.redirect_uri = Some(uri.to_owned());
        Ok(self)
    }

    /// Where the login service is (`https://login.linode.com` by default; a fake server's
    /// URL in tests).
    pub fn with_login_url(mut self, url: &str) -> Result<Self, BuildError> {
        let invalid = |reason| BuildError::InvalidBaseUrl {
            url: url.to_owned(),
            reason,
        };
        let parsed: http::Uri = url.trim().parse().map_err(|_| invalid("not a URL"))?;
        if !matches!(parsed.scheme_str(), Some("http" | "https")) || parsed.host().is_none() {
            return Err(invalid("the login URL must be an absolute http(s) URL"));
        }
        if parsed.query().is_some() {
            return Err(invalid("a login URL cannot have a query string"));
        }
        self.login_url = url.trim().trim_end_matches('/').to_owned();
        Ok(self)
    }

    /// Puts `prefix` before the SDK's User-Agent, as for API requests.
    pub fn with_user_agent_prefix(mut self, prefix: &str) -> Result<Self, BuildError> {
        self.user_agent = HeaderValue::from_str(&format!("{prefix} {DEFAULT_USER_AGENT}"))
            .map_err(|_| BuildError::InvalidHeaderValue {
                header: "User-Agent prefix",
            })?;
        Ok(self)
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// Whether the app has no secret (and so uses PKCE).
    pub fn is_public(&self) -> bool {
        self.secret.is_none()
    }

    /// The login service's base URL.
    pub fn login_url(&self) -> &str {
        &self.login_url
    }

    /// Starts a login asking for `scopes` (`Scopes::all()` for `*`, or e.g.
    /// `Scopes::none().read_only("account")`; a string parses with `str::parse`): a fresh
    /// random `state`, and for a public app a PKCE verifier. Fails only if the system's random
    /// source fails.
    pub fn authorize(&self, scopes: &Scopes) -> Result<Authorization, LoginError> {
        let state = Secret::new(random_text()?);
        let verifier = if self.is_public() {
            Some(Secret::new(random_text()?))
        } else {
            None
        };
        Ok(self.authorize_with(scopes, state, verifier))
    }

    /// [`OAuthApp::authorize`] with a given `state` and PKCE verifier (tests, or a state
    /// that also carries the app's own data). Use unguessable values.
    pub fn authorize_with(
        &self,
        scopes: &Scopes,
        state: Secret,
        pkce_verifier: Option<Secret>,
    ) -> Authorization {
        let mut url = String::with_capacity(self.login_url.len() + 200);
        url.push_str(&self.login_url);
        url.push_str("/oauth/authorize?client_id=");
        push_encoded(&mut url, &self.client_id);
        url.push_str("&response_type=code&scopes=");
        push_encoded(&mut url, &scopes.to_string());
        if let Some(redirect) = &self.redirect_uri {
            url.push_str("&redirect_uri=");
            push_encoded(&mut url, redirect);
        }
        url.push_str("&state=");
        push_encoded(&mut url, state.expose());
        if let Some(verifier) = &pkce_verifier {
            url.push_str("&code_challenge=");
            url.push_str(&pkce_challenge(verifier.expose()));
            url.push_str("&code_challenge_method=S256");
        }
        Authorization {
            url,
            state,
            pkce_verifier,
        }
    }

    /// The request exchanging the `code` of a login started by `authorization`.
    pub fn exchange_request(
        &self,
        code: &Secret,
        authorization: &Authorization,
    ) -> Result<http::Request<Bytes>, BuildError> {
        let mut form = Form::default();
        form.field("grant_type", "authorization_code");
        form.field("client_id", &self.client_id);
        if let Some(secret) = &self.secret {
            form.field("client_secret", secret.expose());
        }
        form.field("code", code.expose());
        if let Some(redirect) = &self.redirect_uri {
            form.field("redirect_uri", redirect);
        }
        if let Some(verifier) = &authorization.pkce_verifier {
            form.field("code_verifier", verifier.expose());
        }
        self.post("/oauth/token", form)
    }

    /// The request trading a refresh token for a new access token (and, usually, a new
    /// refresh token: keep the one in the answer).
    pub fn refresh_request(
        &self,
        refresh_token: &Secret,
    ) -> Result<http::Request<Bytes>, BuildError> {
        let mut form = Form::default();
        form.field("grant_type", "refresh_token");
        form.field("client_id", &self.client_id);
        if let Some(secret) = &self.secret {
            form.field("client_secret", secret.expose());
        }
        form.field("refresh_token", refresh_token.expose());
        self.post("/oauth/token", form)
    }

    /// The request revoking `token` (an access token; its refresh token goes with it).
    pub fn revoke_request(&self, token: &Secret) -> Result<http::Request<Bytes>, BuildError> {
        let mut form = Form::default();
        form.field("client_id", &self.client_id);
        if let Some(secret) = &self.secret {
            form.field("client_secret", secret.expose());
        }
        form.field("token", token.expose());
        self.post("/oauth/revoke", form)
    }

    fn post(&self, path: &str, form: Form) -> Result<http::Request<Bytes>, BuildError> {
        let uri: http::Uri = format!("{}{path}", self.login_url).parse().map_err(|_| {
            BuildError::InvalidBaseUrl {
                url: self.login_url.clone(),
                reason: "the login URL and path do not make a URL",
            }
        })?;
        let mut request = http::Request::new(Bytes::from(form.0));
        *request.method_mut() = Method::POST;
        *request.uri_mut() = uri;
        let headers = request.headers_mut();
        headers.insert(USER_AGENT, self.user_agent.clone());
        headers.insert(ACCEPT, JSON);
        headers.insert(CONTENT_TYPE, FORM);
        Ok(request)
    }
}

/// A login in progress: the URL to open, and what the callback is checked against.
///
/// `Debug` shows neither the `state` nor the PKCE verifier.
pub struct Authorization {
    url: String,
    state: Secret,
    pkce_verifier: Option<Secret>,
}

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authorization")
            .field("url", &"[contains the state]")
            .field("pkce", &self.pkce_verifier.is_some())
            .finish()
    }
}

impl Authorization {
    /// The URL to send the user's browser to.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The random `state` the callback must carry back.
    pub fn state(&self) -> &str {
        self.state.expose()
    }

    /// Whether a PKCE challenge was sent (public apps).
    pub fn uses_pkce(&self) -> bool {
        self.pkce_verifier.is_some()
    }

    /// Reads the query string the login service redirected to (`code=...&state=...`, or
    /// `error=...`), checks that its `state` is this login's, and returns the code.
    pub fn callback(&self, query: &str) -> Result<Secret, LoginError> {
        let query = query.trim_start_matches('?');
        let (mut code, mut state, mut error, mut description) = (None, None, None, None);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode_form(value);
            match key {
                "code" => code = Some(value),
                "state" => state = Some(value),
                "error" => error = Some(value),
                "error_description" => description = Some(value),
                _ => {}
            }
        }
        // The state is checked first: an error redirect with a wrong state is not ours.
        let matches = state
            .as_deref()
            .is_some_and(|s| constant_time_eq(s.as_bytes(), self.state.expose().as_bytes()));
        if !matches {
            return Err(LoginError::StateMismatch);
        }
        if let Some(error) = error {
            return Err(LoginError::Refused {
                error,
                description: description.unwrap_or_default(),
            });
        }
        code.filter(|c| !c.is_empty())
            .map(Secret::new)
            .ok_or(LoginError::MissingCode)
    }
}

/// A token from the login service.
///
/// `Debug` never shows the tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OAuthToken {
    /// The access token, sent as `Authorization: Bearer ...`.
    pub access_token: Secret,
    /// The refresh token, if one was given.
    pub refresh_token: Option<Secret>,
    /// When the access token expires (UTC), if the answer said (`expires_in`).
    pub expires_at: Option<OffsetDateTime>,
    /// The scopes granted (may be fewer than asked for); `None` if the answer did not say.
    pub scopes: Option<Scopes>,
    /// The token type (`bearer`).
    pub token_type: String,
}

impl OAuthToken {
    /// Whether the access token expires within `margin` of `now` (or already has).
    pub fn expires_within(&self, now: OffsetDateTime, margin: time::Duration) -> bool {
        self.expires_at.is_some_and(|at| at - margin <= now)
    }
}

#[derive(Deserialize)]
struct TokenBody {
    access_token: Secret,
    #[serde(default)]
    refresh_token: Option<Secret>,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
    #[serde(default, alias = "scope")]
    scopes: Option<String>,
    #[serde(default)]
    token_type: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
}

/// Parses the login service's answer to a code exchange or a refresh. `received_at` is when
/// the answer arrived: `expires_in` counts from it.
pub fn parse_token_response(
    response: http::Response<Bytes>,
    received_at: OffsetDateTime,
) -> Result<OAuthToken, LoginError> {
    let (parts, body) = response.into_parts();
    if !parts.status.is_success() {
        return Err(status_error(parts.status, &body));
    }
    let parsed: TokenBody = serde_json::from_slice(&body).map_err(|e| LoginError::Decode {
        message: e.to_string(),
    })?;
    if parsed.access_token.expose().is_empty() {
        return Err(LoginError::Decode {
            message: "the answer's access_token is empty".to_owned(),
        });
    }
    // Liberal: `expires_in` as a number or a numeric string.
    let expires_in = match &parsed.expires_in {
        Some(serde_json::Value::Number(n)) => n.as_i64(),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    Ok(OAuthToken {
        access_token: parsed.access_token,
        refresh_token: parsed.refresh_token.filter(|t| !t.expose().is_empty()),
        expires_at: expires_in
            .filter(|s| *s >= 0)
            .and_then(|s| received_at.checked_add(time::Duration::seconds(s))),
        // Liberal: whatever the service wrote is kept (unknown parts too, see `Scopes::from_api`).
        scopes: parsed
            .scopes
            .filter(|s| !s.trim().is_empty())
            .map(|s| Scopes::from_api(&s)),
        token_type: parsed.token_type.unwrap_or_else(|| "bearer".to_owned()),
    })
}

/// Parses the answer to a revocation: any success status is success.
pub fn parse_revoke_response(response: http::Response<Bytes>) -> Result<(), LoginError> {
    let (parts, body) = response.into_parts();
    if parts.status.is_success() {
        Ok(())
    } else {
        Err(status_error(parts.status, &body))
    }
}

fn status_error(status: StatusCode, body: &[u8]) -> LoginError {
    match serde_json::from_slice::<ErrorBody>(body) {
        Ok(ErrorBody {
            error: Some(error),
            error_description,
        }) => LoginError::Rejected {
            status,
            error,
            description: error_description.unwrap_or_default(),
        },
        _ => {
            let html = body.trim_ascii_start().starts_with(b"<");
            LoginError::Status { status, html }
        }
    }
}

/// Why a login step failed. Never contains a token, a code or the client secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoginError {
    /// The callback's `state` is missing or not this login's: a forged or stale redirect.
    #[error("the login callback's state does not match the login that was started; ignore this redirect and start the login again")]
    StateMismatch,
    /// The user (or the login service) refused the authorization.
    #[error("the login was refused: {error} {description}; the user may try again")]
    Refused {
        /// The OAuth error code (`access_denied`, ...).
        error: String,
        /// The service's explanation, if any.
        description: String,
    },
    /// The callback carried neither a code nor an error.
    #[error("the login callback has no code; start the login again")]
    MissingCode,
    /// The login service refused the request with an OAuth error.
    #[error("the login service answered {status}: {error} {description}; check the client id and secret, and that the code or refresh token was not used or revoked already")]
    Rejected {
        /// The status.
        status: StatusCode,
        /// The OAuth error code (`invalid_grant`, ...).
        error: String,
        /// The service's explanation, if any.
        description: String,
    },
    /// The login service answered an error status without an OAuth error body.
    #[error("the login service answered {status}{}; check the login URL{}", if *html { " with an HTML page" } else { "" }, if *html { " and that a User-Agent is sent (the edge refuses requests without one)" } else { "" })]
    Status {
        /// The status.
        status: StatusCode,
        /// Whether the body was HTML (an edge or proxy page, not the service).
        html: bool,
    },
    /// A success answer that is not a token.
    #[error("the login service's answer is not a token: {message}")]
    Decode {
        /// What is wrong (never the body: it may hold tokens).
        message: String,
    },
    /// The system's random source failed (no `state` can be made).
    #[error("the system's random number source failed: {0}")]
    Random(String),
}

/// A form body, `key=value&...`, values percent-encoded.
#[derive(Default)]
struct Form(Vec<u8>);

impl Form {
    fn field(&mut self, key: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push(b'&');
        }
        self.0.extend_from_slice(key.as_bytes());
        self.0.push(b'=');
        for part in utf8_percent_encode(value, VALUE) {
            self.0.extend_from_slice(part.as_bytes());
        }
    }
}

fn push_encoded(out: &mut String, value: &str) {
    out.extend(utf8_percent_encode(value, VALUE));
}

/// Decodes a form value (`+` is a space, `%XX` a byte); invalid UTF-8 is replaced.
pub fn decode_form(value: &str) -> String {
    let spaced = value.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

/// Parses a form body or query string into its pairs, decoded.
pub fn parse_form(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_form(k), decode_form(v))
        })
        .collect()
}

/// 32 random bytes as base64url: 43 characters, 256 bits (a `state` or a PKCE verifier).
fn random_text() -> Result<String, LoginError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| LoginError::Random(e.to_string()))?;
    Ok(base64url(&bytes))
}

/// The PKCE S256 challenge of `verifier`: base64url(SHA-256(verifier)) (RFC 7636 §4.2).
pub fn pkce_challenge(verifier: &str) -> String {
    use sha2::Digest as _;
    base64url(&sha2::Sha256::digest(verifier.as_bytes()))
}

/// base64url without padding (RFC 4648 §5).
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let index = (n >> (18 - 6 * i)) & 0x3f;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

/// Compares without stopping at the first difference, so timing says nothing of the state.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> OAuthApp {
        OAuthApp::new("cid-1")
            .unwrap()
            .with_secret(Secret::new("s3cr3t"))
            .with_redirect_uri("http://127.0.0.1:9/cb?x=1")
            .unwrap()
    }

    #[test]
    fn pkce_matches_the_rfc_7636_example() {
        // RFC 7636, appendix B.
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
    }

    #[test]
    fn the_authorization_url_carries_everything_encoded() {
        let a = app().authorize_with(
            &Scopes::none().read_write("events").read_only("account"),
            Secret::new("st+1"),
            None,
        );
        assert_eq!(
            a.url(),
            "https://login.linode.com/oauth/authorize?client_id=cid-1&response_type=code\
             &scopes=account%3Aread_only%20events%3Aread_write\
             &redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb%3Fx%3D1&state=st%2B1"
        );
        assert!(!a.uses_pkce());
        assert!(!format!("{a:?}").contains("st+1"));
    }

    #[test]
    fn public_apps_send_a_pkce_challenge_and_the_verifier_on_exchange() {
        let public = OAuthApp::new("pub").unwrap();
        let a = public.authorize(&Scopes::all()).unwrap();
        assert!(a.uses_pkce());
        assert!(a.url().contains("&code_challenge_method=S256"));
        assert_eq!(a.state().len(), 43);
        let other = public.authorize(&Scopes::all()).unwrap();
        assert_ne!(a.state(), other.state(), "states are random");
        let request = public.exchange_request(&Secret::new("c"), &a).unwrap();
        let body = String::from_utf8(request.body().to_vec()).unwrap();
        let form = parse_form(&body);
        let verifier = &form.iter().find(|(k, _)| k == "code_verifier").unwrap().1;
        let challenge = pkce_challenge(verifier);
        assert!(a.url().contains(&format!("code_challenge={challenge}&")));
        assert!(!form.iter().any(|(k, _)| k == "client_secret"));
    }

    #[test]
    fn callbacks_are_checked_against_the_state() {
        let a = app().authorize_with(&Scopes::all(), Secret::new("abc"), None);
        assert_eq!(a.callback("?code=xyz&state=abc").unwrap().expose(), "xyz");
        assert_eq!(
            a.callback("code=xyz&state=abd"),
            Err(LoginError::StateMismatch)
        );
        assert_eq!(a.callback("code=xyz"), Err(LoginError::StateMismatch));
        assert!(matches!(
            a.callback("error=access_denied&state=abc"),
            Err(LoginError::Refused { .. })
        ));
        assert_eq!(a.callback("state=abc"), Err(LoginError::MissingCode));
    }

    #[test]
    fn token_requests_are_forms_with_the_edge_headers() {
        let app = app().with_login_url("http://127.0.0.1:7/").unwrap();
        let r = app.refresh_request(&Secret::new("r e&f")).unwrap();
        assert_eq!(r.uri(), "http://127.0.0.1:7/oauth/token");
        assert_eq!(r.method(), Method::POST);
        assert_eq!(
            r.headers()[CONTENT_TYPE],
            "application/x-www-form-urlencoded"
        );
        assert_eq!(r.headers()[ACCEPT], "application/json");
        assert!(r.headers()[USER_AGENT]
            .to_str()
            .unwrap()
            .starts_with("linode-rs/"));
        assert_eq!(
            r.body().as_ref(),
            b"grant_type=refresh_token&client_id=cid-1&client_secret=s3cr3t&refresh_token=r%20e%26f"
        );
        let revoke = app.revoke_request(&Secret::new("tok")).unwrap();
        assert_eq!(revoke.uri(), "http://127.0.0.1:7/oauth/revoke");
        assert!(!format!("{app:?}").contains("s3cr3t"));
    }

    #[test]
    fn token_answers_parse_with_a_utc_expiry() {
        let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        let ok = http::Response::new(Bytes::from_static(
            br#"{"access_token":"a","expires_in":"60","scope":"*"}"#,
        ));
        let token = parse_token_response(ok, now).unwrap();
        assert_eq!(token.expires_at, Some(now + time::Duration::seconds(60)));
        assert_eq!(token.scopes, Some(Scopes::all()));
        assert!(token.refresh_token.is_none());
        assert!(token.expires_within(now, time::Duration::seconds(61)));
        assert!(!token.expires_within(now, time::Duration::seconds(30)));

        let refused = http::Response::builder()
            .status(400)
            .body(Bytes::from_static(br#"{"error":"invalid_grant"}"#))
            .unwrap();
        assert!(matches!(
            parse_token_response(refused, now),
            Err(LoginError::Rejected { error, .. }) if error == "invalid_grant"
        ));
        let edge = http::Response::builder()
            .status(403)
            .body(Bytes::from_static(b"<HTML>Access Denied</HTML>"))
            .unwrap();
        let err = parse_token_response(edge, now).unwrap_err();
        assert!(err.to_string().contains("User-Agent"), "{err}");
        let junk = http::Response::new(Bytes::from_static(br#"{"access_token":"secret-x","#));
        let err = parse_token_response(junk, now).unwrap_err();
        assert!(!err.to_string().contains("secret-x"));
    }
}
