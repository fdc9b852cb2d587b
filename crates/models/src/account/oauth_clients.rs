//! OAuth clients: applications that let Linode users log in with their Linode account and
//! grant the application access to their account.

use linode_models_derive::Lossless;
use serde::{Deserialize, Serialize};

use crate::{Extra, Secret};

open_enum! {
    /// The state of an OAuth client.
    pub enum OAuthClientStatus {
        /// In use (the default).
        Active = "active",
        /// Turned off.
        Disabled = "disabled",
        /// Suspended by Linode.
        Suspended = "suspended",
    }
}

/// An OAuth client (a third-party application) registered on the account.
///
/// Its `Debug` output never shows the secret.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct OAuthClient {
    /// The client id: public, it identifies the client in the OAuth exchange.
    pub id: String,
    /// The application's name (1 to 512 characters), shown to users asked to grant it
    /// access.
    pub label: String,
    /// Whether this is a public client (a slightly different OAuth flow) rather than a
    /// private one.
    pub public: bool,
    /// Where login.linode.com redirects after a successful login; that endpoint finishes
    /// the OAuth exchange.
    pub redirect_uri: String,
    /// The client secret. The real value comes only in the answers to "create an OAuth
    /// client" and "reset an OAuth client secret"; everywhere else the API sends
    /// `<REDACTED>`. Keep it when you get it: it cannot be read again.
    pub secret: Secret,
    /// The client's state.
    pub status: OAuthClientStatus,
    /// Where the client's thumbnail can be fetched; `None` if it has none.
    pub thumbnail_url: Option<String>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

impl OAuthClient {
    /// The text the API sends in place of the secret, except right after creating the client
    /// or resetting its secret.
    pub const REDACTED_SECRET: &'static str = "<REDACTED>";

    /// Whether `secret` holds the real secret rather than the API's placeholder.
    pub fn has_plaintext_secret(&self) -> bool {
        let secret = self.secret.expose();
        !secret.is_empty() && secret != Self::REDACTED_SECRET
    }
}

/// The body of "create an OAuth client".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct OAuthClientCreate {
    /// The application's name (1 to 512 characters).
    pub label: String,
    /// Where to redirect after a successful login.
    pub redirect_uri: String,
    /// Whether the client is public; the API makes it private when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<bool>,
}

impl OAuthClientCreate {
    /// A private client named `label` redirecting to `redirect_uri`.
    pub fn new(label: impl Into<String>, redirect_uri: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            redirect_uri: redirect_uri.into(),
            public: None,
        }
    }
}

/// The body of "update an OAuth client": only the fields set are sent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct OAuthClientUpdate {
    /// A new name (1 to 512 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A new redirect location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// Make the client public (`true`) or private (`false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<bool>,
}
