//! The OAuth login service (`login.linode.com`), for apps registered with
//! `CreateOAuthClient`: `GET /oauth/authorize`, `POST /oauth/token`, `POST /oauth/revoke`.
//!
//! The fake signs in as the account's owner and approves at once: `/oauth/authorize` answers
//! `302` to the app's redirect URI with `code` and the `state` it was given. Codes are good
//! once, for ten minutes, for the client and redirect URI they were made for; a public client
//! must send a PKCE S256 challenge and prove it with the verifier. Access tokens carry the
//! scopes asked for, expire (2 hours, or [`crate::FakeBuilder::oauth_token_lifetime`]) and
//! come with a refresh token, which is rotated on use. As the real service's edge does, a
//! request without a `User-Agent` gets a `403` HTML page.

use std::collections::BTreeMap;

use bytes::Bytes;
use http::header::{CONTENT_TYPE, USER_AGENT};
use http::{HeaderMap, Method, StatusCode};
use linode_models::Timestamp;
use linode_requests::login::{parse_form, pkce_challenge};
use serde_json::json;

use crate::state::login::{Issued, LoginState, PendingCode};
use crate::state::{now, Store, TokenGrant};

/// How long an access token lives unless configured: 2 hours.
pub(crate) const ACCESS_TOKEN_SECS: i64 = 2 * 60 * 60;
const CODE_SECS: i64 = 10 * 60;

impl Default for LoginState {
    fn default() -> Self {
        Self {
            access_lifetime_secs: ACCESS_TOKEN_SECS,
            codes: BTreeMap::new(),
            refresh: BTreeMap::new(),
        }
    }
}

/// An answer of the login service.
#[derive(Debug)]
pub(crate) struct LoginAnswer {
    pub(crate) status: StatusCode,
    pub(crate) content_type: &'static str,
    pub(crate) body: Bytes,
    pub(crate) location: Option<String>,
}

/// Whether `path` is one of the login service's.
pub(crate) fn is_login_path(path: &str) -> bool {
    matches!(path, "/oauth/authorize" | "/oauth/token" | "/oauth/revoke")
}

/// The `operation` name the request log gives login requests.
pub(crate) fn operation_of(path: &str) -> Option<&'static str> {
    match path {
        "/oauth/authorize" => Some("oauth-authorize"),
        "/oauth/token" => Some("oauth-token"),
        "/oauth/revoke" => Some("oauth-revoke"),
        _ => None,
    }
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> LoginAnswer {
    LoginAnswer {
        status,
        content_type: "application/json",
        body: Bytes::from(json!({ "error": error, "error_description": description }).to_string()),
        location: None,
    }
}

fn json_answer(value: &serde_json::Value) -> LoginAnswer {
    LoginAnswer {
        status: StatusCode::OK,
        content_type: "application/json",
        body: Bytes::from(value.to_string()),
        location: None,
    }
}

/// Answers one login request.
pub(crate) fn answer(
    store: &mut Store,
    method: &Method,
    path: &str,
    query: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> LoginAnswer {
    if !headers.contains_key(USER_AGENT) {
        return LoginAnswer {
            status: StatusCode::FORBIDDEN,
            content_type: "text/html",
            body: Bytes::from_static(
                b"<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1></BODY></HTML>\n",
            ),
            location: None,
        };
    }
    match (method, path) {
        (&Method::GET, "/oauth/authorize") => authorize(store, &parse_form(query)),
        (&Method::POST, "/oauth/token" | "/oauth/revoke") => {
            let is_form = headers
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
            if !is_form {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "send a form (application/x-www-form-urlencoded)",
                );
            }
            let form = parse_form(&String::from_utf8_lossy(body));
            if path == "/oauth/token" {
                token(store, &form)
            } else {
                revoke(store, &form)
            }
        }
        _ => oauth_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "invalid_request",
            "method not allowed",
        ),
    }
}

fn get<'a>(form: &'a [(String, String)], key: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn authorize(store: &mut Store, query: &[(String, String)]) -> LoginAnswer {
    let bad = |d| oauth_error(StatusCode::BAD_REQUEST, "invalid_request", d);
    let Some(client) = get(query, "client_id").and_then(|id| store.oauth_clients.client(id)) else {
        return bad("unknown client_id");
    };
    if get(query, "response_type") != Some("code") {
        return bad("response_type must be code");
    }
    if let Some(redirect) = get(query, "redirect_uri") {
        if redirect != client.redirect_uri {
            return bad("redirect_uri does not match the client's");
        }
    }
    let Some(scopes) = get(query, "scopes")
        .or_else(|| get(query, "scope"))
        .and_then(|s| crate::scopes::parse_known(s).ok())
    else {
        return bad("scopes missing or not scopes");
    };
    let challenge = match (
        get(query, "code_challenge"),
        get(query, "code_challenge_method"),
    ) {
        (Some(c), Some("S256")) => Some(c.to_owned()),
        (Some(_), _) => return bad("only code_challenge_method=S256 is supported"),
        (None, _) if client.public => return bad("a public client must send a PKCE challenge"),
        (None, _) => None,
    };
    let redirect_uri = client.redirect_uri.clone();
    let client_id = client.id.clone();
    let code = store.new_secret(40);
    store.login.codes.insert(
        code.clone(),
        PendingCode {
            client_id,
            scopes,
            redirect_uri: redirect_uri.clone(),
            challenge,
            expires: now().to_utc().unix_timestamp() + CODE_SECS,
        },
    );
    let separator = if redirect_uri.contains('?') { '&' } else { '?' };
    let mut location = format!("{redirect_uri}{separator}code={code}");
    if let Some(state) = get(query, "state") {
        location.push_str("&state=");
        location.extend(percent_encoding::utf8_percent_encode(
            state,
            percent_encoding::NON_ALPHANUMERIC,
        ));
    }
    LoginAnswer {
        status: StatusCode::FOUND,
        content_type: "text/html",
        body: Bytes::new(),
        location: Some(location),
    }
}

/// Checks the client's credentials: the secret of a confidential client (a public one has
/// none to check; its proof is PKCE).
fn client_ok(
    store: &Store,
    form: &[(String, String)],
    client_id: &str,
) -> Result<bool, LoginAnswer> {
    let Some(client) = store.oauth_clients.client(client_id) else {
        return Err(oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "unknown client",
        ));
    };
    if client.public {
        return Ok(true);
    }
    match get(form, "client_secret") {
        Some(secret) if secret == client.secret.expose() => Ok(false),
        _ => Err(oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "wrong or missing client_secret",
        )),
    }
}

fn token(store: &mut Store, form: &[(String, String)]) -> LoginAnswer {
    let Some(client_id) = get(form, "client_id") else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "client_id missing",
        );
    };
    let public = match client_ok(store, form, client_id) {
        Ok(public) => public,
        Err(answer) => return answer,
    };
    let invalid_grant = |d| oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", d);
    let (scopes, old_access) = match get(form, "grant_type").unwrap_or("authorization_code") {
        "authorization_code" => {
            // A code is spent by any attempt, right or wrong.
            let Some(pending) = get(form, "code").and_then(|c| store.login.codes.remove(c)) else {
                return invalid_grant("unknown or used code");
            };
            if pending.client_id != client_id || pending.expires <= now().to_utc().unix_timestamp()
            {
                return invalid_grant("the code is expired or not this client's");
            }
            if get(form, "redirect_uri").is_some_and(|r| r != pending.redirect_uri) {
                return invalid_grant("redirect_uri differs from the authorization's");
            }
            match (&pending.challenge, get(form, "code_verifier")) {
                (Some(challenge), Some(verifier)) if pkce_challenge(verifier) == *challenge => {}
                (Some(_), _) => return invalid_grant("the code_verifier does not match"),
                (None, _) if public => return invalid_grant("a public client needs PKCE"),
                (None, _) => {}
            }
            (pending.scopes, None)
        }
        "refresh_token" => {
            let Some(issued) = get(form, "refresh_token")
                .filter(|r| {
                    store
                        .login
                        .refresh
                        .get(*r)
                        .is_some_and(|i| i.client_id == client_id)
                })
                .and_then(|r| store.login.refresh.remove(r))
            else {
                return invalid_grant("unknown, used or revoked refresh token");
            };
            (issued.scopes, Some(issued.access_token))
        }
        _ => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "grant_type must be authorization_code or refresh_token",
            )
        }
    };
    // The refreshed-away access token stops working: one live access token per grant.
    if let Some(old) = old_access {
        store.auth.remove(&old);
    }
    let access = store.new_secret(64);
    let refresh = store.new_secret(64);
    let lifetime = store.login.access_lifetime_secs;
    let expiry = Timestamp::from_unix_seconds(now().to_utc().unix_timestamp() + lifetime).ok();
    store.auth.insert(
        access.clone(),
        TokenGrant {
            scopes: scopes.clone(),
            token_id: None,
            expiry,
        },
    );
    let scopes_text = scopes.to_string();
    store.login.refresh.insert(
        refresh.clone(),
        Issued {
            client_id: client_id.to_owned(),
            scopes,
            access_token: access.clone(),
        },
    );
    json_answer(&json!({
        "access_token": access,
        "token_type": "bearer",
        "expires_in": lifetime,
        "refresh_token": refresh,
        "scopes": scopes_text,
    }))
}

fn revoke(store: &mut Store, form: &[(String, String)]) -> LoginAnswer {
    let Some(client_id) = get(form, "client_id") else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "client_id missing",
        );
    };
    if let Err(answer) = client_ok(store, form, client_id) {
        return answer;
    }
    let Some(token) = get(form, "token") else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", "token missing");
    };
    // An access token, or a refresh token: either way the grant ends (RFC 7009: revoking an
    // unknown token succeeds too).
    let grant = store
        .login
        .refresh
        .iter()
        .find(|(r, i)| i.client_id == client_id && (*r == token || i.access_token == token))
        .map(|(r, i)| (r.clone(), i.access_token.clone()));
    if let Some((refresh, access)) = grant {
        store.login.refresh.remove(&refresh);
        store.auth.remove(&access);
    }
    json_answer(&json!({}))
}

/// The `Location` header value, when the answer is a redirect.
pub(crate) fn location_header(answer: &LoginAnswer) -> Option<http::HeaderValue> {
    answer
        .location
        .as_deref()
        .and_then(|l| http::HeaderValue::from_str(l).ok())
}
