//! The blocking client, generic over any [`BlockingTransport`].

use std::sync::Arc;

use bytes::Bytes;
use linode_requests::{ApiResponse, BuildError, Error, Idempotency, Metadata, Operation};

use crate::auth::{token_answer, Credential, ProxyToken, Renewal, TokenProvider};
use crate::client_config::ClientConfig;
use crate::config_error::ConfigError;
use crate::identity::Identity;
use crate::retry::RetryDecision;
use crate::retry_loop::{copy_request, refuse_redirects, scrub, RetryLoop};
use crate::transport::{BlockingTransport, FromClientConfig};
use linode_requests::login::{self, Authorization, OAuthApp, OAuthToken};
use linode_requests::models::{Scopes, Secret};

/// Sends operations over a [`BlockingTransport`], retrying as the
/// [`RetryConfig`](crate::RetryConfig) says. The blocking twin of [`crate::Client`].
///
/// Cloning is cheap; with a `Send + Sync` transport the client can be shared by threads.
///
/// With `linode-ureq`, `linode_ureq::Client` is this type over its transport
/// (`linode_ureq::Client::from_token(&token)?`). Code can stay generic over the transport:
///
/// ```no_run
/// use linode_client::{BlockingClient, BlockingTransport};
/// use linode_requests::profile::ListSshKeys;
///
/// fn key_labels<T: BlockingTransport>(
///     client: &BlockingClient<T>,
/// ) -> Result<Vec<String>, linode_requests::Error> {
///     client.items(ListSshKeys::default()).map(|key| Ok(key?.label)).collect()
/// }
/// ```
pub struct BlockingClient<T> {
    shared: Arc<Shared<T>>,
    /// Where the token comes from (when not the configuration's fixed token) and the gate
    /// that makes its renewals single-flight (the provider's, whichever client uses it);
    /// shared by clones. A child session shares
    /// `shared` (transport, pool) with its parent but has an identity of its own.
    identity: Arc<Identity>,
}

struct Shared<T> {
    config: ClientConfig,
    transport: T,
}

impl<T> Clone for BlockingClient<T> {
    fn clone(&self) -> Self {
        Self {
            shared: self.shared.clone(),
            identity: self.identity.clone(),
        }
    }
}

impl<T> core::fmt::Debug for BlockingClient<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BlockingClient")
            .field("config", &self.shared.config)
            .field("transport", &core::any::type_name::<T>())
            .finish()
    }
}

impl<T: BlockingTransport> BlockingClient<T> {
    /// A client sending through `transport` with `config` (checked: plain http only to
    /// loopback unless allowed).
    pub fn new(config: ClientConfig, transport: T) -> Result<Self, ConfigError> {
        config.validate()?;
        let identity = Identity::new(config.token_provider().cloned());
        Ok(Self {
            shared: Arc::new(Shared { config, transport }),
            identity,
        })
    }

    /// A client whose transport is built from `config`.
    pub fn from_config(config: ClientConfig) -> Result<Self, ConfigError>
    where
        T: FromClientConfig,
    {
        let transport = T::from_client_config(&config)?;
        Self::new(config, transport)
    }

    /// A client for the public API with `token` and every default.
    pub fn from_token(token: &str) -> Result<Self, ConfigError>
    where
        T: FromClientConfig,
    {
        Self::from_config(ClientConfig::new().with_token(token)?)
    }

    /// A client configured from `LINODE_TOKEN`, `LINODE_URL`, `LINODE_API_VERSION` and
    /// `LINODE_CA` (see [`ClientConfig::from_env`]).
    pub fn from_env() -> Result<Self, ConfigError>
    where
        T: FromClientConfig,
    {
        Self::from_config(ClientConfig::from_env()?)
    }

    /// A client acting in the child account `euuid` as its proxy user, sharing this client's
    /// transport, connection pool, configuration and retry policy. Its proxy token is minted
    /// (`CreateProxyToken`, with this client's token) on its first request, again before it
    /// expires and once after a `401`; it never appears in logs or `Debug`.
    pub fn child(&self, euuid: impl Into<String>) -> Self {
        let provider = ProxyToken::new(
            euuid,
            self.shared.config.request_config().clone(),
            self.identity.provider.clone(),
        );
        self.acting_as(Arc::new(provider))
    }

    /// A client sharing this one's transport and configuration whose token comes from
    /// `provider`. Every client using `provider`, its clones and clients built separately
    /// alike, renews the token one at a time: concurrent requests that find it expiring send
    /// one exchange.
    pub fn acting_as(&self, provider: Arc<dyn TokenProvider>) -> Self {
        Self {
            shared: self.shared.clone(),
            identity: Identity::new(Some(provider)),
        }
    }

    /// The token provider, if the token does not come from the configuration.
    pub fn token_provider(&self) -> Option<&Arc<dyn TokenProvider>> {
        self.identity.provider.as_ref()
    }

    /// The scopes this client's token carries, as far as it has seen: the `X-OAuth-Scopes`
    /// of the latest answer to it, else what the token's provider was told when it got the
    /// token (a login's token answer, a minted proxy token). `None` before either.
    pub fn granted_scopes(&self) -> Option<Scopes> {
        self.identity.granted_scopes()
    }

    /// Whether `O` may be sent with the scopes seen so far ([`Self::granted_scopes`]):
    /// `Some(false)` means the API would refuse it for lack of a scope (restricted users'
    /// grants are checked by the API on top); `None` means no scopes are known yet (send
    /// one request, e.g. `GetProfile`, to learn them). Operations that need no scope are
    /// always `Some(true)`.
    pub fn may_send<O: Operation>(&self) -> Option<bool> {
        self.identity.may_send::<O>()
    }

    /// Finishes a login (see [`linode_requests::login`]): exchanges the `code` the callback
    /// brought back, through this client's transport, at `app`'s login service.
    pub fn exchange_login_code(
        &self,
        app: &OAuthApp,
        code: &Secret,
        authorization: &Authorization,
    ) -> Result<OAuthToken, Error> {
        let request = app
            .exchange_request(code, authorization)
            .map_err(|source| Error::Build {
                operation: login::TOKEN_META.name,
                source,
            })?;
        token_answer(self.send_raw(&login::TOKEN_META, &request)?)
    }

    /// Trades `refresh_token` for a new access token at `app`'s login service.
    pub fn refresh_login(
        &self,
        app: &OAuthApp,
        refresh_token: &Secret,
    ) -> Result<OAuthToken, Error> {
        let request = app
            .refresh_request(refresh_token)
            .map_err(|source| Error::Build {
                operation: login::TOKEN_META.name,
                source,
            })?;
        token_answer(self.send_raw(&login::TOKEN_META, &request)?)
    }

    /// Revokes `token` (an access token: its refresh token goes with it) at `app`'s login
    /// service.
    pub fn revoke_login(&self, app: &OAuthApp, token: &Secret) -> Result<(), Error> {
        let request = app.revoke_request(token).map_err(|source| Error::Build {
            operation: login::REVOKE_META.name,
            source,
        })?;
        let response = self.send_raw(&login::REVOKE_META, &request)?;
        linode_requests::parse::<linode_requests::models::Empty>(&login::REVOKE_META, response)
            .map(|_| ())
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.shared.config
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.shared.transport
    }

    /// Sends `op` and returns its typed output.
    pub fn send<O: Operation>(&self, op: &O) -> Result<O::Output, Error> {
        self.send_with_meta(op).map(ApiResponse::into_value)
    }

    /// Sends `op` and returns its typed output with the response's status, headers
    /// (rate limits: [`ApiResponse::meta`]) and warnings.
    pub fn send_with_meta<O: Operation>(&self, op: &O) -> Result<ApiResponse<O::Output>, Error> {
        let config = self.shared.config.request_config();
        let credential = self.credential(&O::META)?;
        let request = match &credential {
            Some(credential) => op.to_http_request_as(config, credential.header())?,
            None => op.to_http_request(config)?,
        };
        let (response, sent) = self.send_authorized(&O::META, request, credential)?;
        // Whatever the server echoed, neither the configured token nor the one this request
        // carried (a provider's) leaves in an error.
        O::from_http_response(response).map_err(|e| scrub(config, &sent, e))
    }

    /// Sends a built request for the operation described by `meta`, with retries, and
    /// returns the raw response (any status).
    pub fn execute(
        &self,
        meta: &Metadata,
        mut request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, Error> {
        let credential = self.credential(meta)?;
        if let Some(credential) = &credential {
            request
                .headers_mut()
                .insert(http::header::AUTHORIZATION, credential.header().clone());
        }
        self.send_authorized(meta, request, credential)
            .map(|(response, _)| response)
    }

    /// The token to send now: the provider's, renewed first if it is about to expire.
    /// `None` with no provider (the configuration's token is in the request already).
    fn credential(&self, meta: &Metadata) -> Result<Option<Credential>, Error> {
        let Some(provider) = self
            .identity
            .provider
            .as_deref()
            .filter(|_| meta.authenticated)
        else {
            return Ok(None);
        };
        let current = provider.token()?;
        if current.as_ref().is_some_and(|c| !c.needs_renewal()) {
            return Ok(current);
        }
        match self.renew(provider, current.as_ref()) {
            Ok(Some(fresh)) => Ok(Some(fresh)),
            // Nothing fresher: send what there is and let the API decide.
            Ok(None) => current.map(Some).ok_or(Error::Build {
                operation: meta.name,
                source: BuildError::MissingToken,
            }),
            // Renewing ahead of time failed, but the token still works: use it.
            Err(_) if current.as_ref().is_some_and(|c| !c.is_expired()) => Ok(current),
            Err(e) => Err(e),
        }
    }

    /// Asks `provider` for a token fresher than `stale`, sending its exchange if it has one.
    ///
    /// Single-flight: one renewal at a time per identity. A request that waited for another's
    /// renewal finds the fresh token in the provider and uses it instead of sending a second
    /// exchange (two `CreateProxyToken` calls would mint two tokens, and a refresh token may
    /// be good for one refresh only).
    fn renew(
        &self,
        provider: &dyn TokenProvider,
        stale: Option<&Credential>,
    ) -> Result<Option<Credential>, Error> {
        let _single_flight = self.identity.renewing.lock_blocking();
        if let Some(current) = provider.token()? {
            let renewed_meanwhile = !stale.is_some_and(|s| s.same_token(&current));
            if renewed_meanwhile && !current.needs_renewal() {
                return Ok(Some(current));
            }
        }
        match provider.renew(stale)? {
            Renewal::Unavailable => Ok(None),
            Renewal::Ready(fresh) => Ok(Some(fresh)),
            Renewal::Exchange { meta, request } => {
                let response = self.send_raw(meta, &request)?;
                let config = self.shared.config.request_config();
                provider
                    .complete(response)
                    .map(Some)
                    .map_err(|e| scrub(config, &request, e))
            }
        }
    }

    /// Sends with retries; after a `401`, renews the token once and resends only an
    /// idempotent operation (a create or a payment is not sent twice: its caller gets the
    /// `401`, and the fresh token serves the next call).
    fn send_authorized(
        &self,
        meta: &Metadata,
        mut request: http::Request<Bytes>,
        credential: Option<Credential>,
    ) -> Result<(http::Response<Bytes>, http::Request<Bytes>), Error> {
        let response = self.send_raw(meta, &request)?;
        self.identity.record_scopes(meta, &response);
        if response.status() != http::StatusCode::UNAUTHORIZED {
            return Ok((response, request));
        }
        let (Some(provider), Some(stale)) = (self.identity.provider.as_deref(), credential) else {
            return Ok((response, request));
        };
        let Ok(Some(fresh)) = self.renew(provider, Some(&stale)) else {
            return Ok((response, request));
        };
        if !meta.idempotent {
            tracing::debug!(
                operation = meta.name,
                "token renewed after a 401; not resent (not idempotent)"
            );
            return Ok((response, request));
        }
        tracing::debug!(
            operation = meta.name,
            "token renewed after a 401; resending once"
        );
        request
            .headers_mut()
            .insert(http::header::AUTHORIZATION, fresh.header().clone());
        let response = self.send_raw(meta, &request)?;
        self.identity.record_scopes(meta, &response);
        Ok((response, request))
    }

    /// Sends `request` with retries, as it is.
    fn send_raw(
        &self,
        meta: &Metadata,
        request: &http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, Error> {
        let transport = &self.shared.transport;
        let mut retries = RetryLoop::new(self.shared.config.retry(), meta);
        loop {
            let (_, span) = retries.begin();
            let exchange = span.in_scope(|| transport.send(copy_request(request)));
            let exchange = refuse_redirects(exchange);
            match retries.after(&exchange, &span) {
                RetryDecision::Retry { delay, .. } => transport.sleep(delay),
                RetryDecision::Stop { .. } => {
                    return exchange.map_err(|source| {
                        let error = Error::Transport {
                            operation: meta.name,
                            source,
                            idempotency: Idempotency::of(meta),
                        };
                        scrub(self.shared.config.request_config(), request, error)
                    });
                }
            }
        }
    }
}
