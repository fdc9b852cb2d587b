//! `Secret`: strings whose `Debug`/`Display` never show them.

use core::fmt;

use serde::{Deserialize, Serialize};

/// A secret string: a token, a TFA secret or scratch code, an OAuth client secret, a card
/// number or CVV.
///
/// `Debug` and `Display` never show it, so a secret cannot leak through `{:?}` in a log
/// line or an error message. Read it deliberately with [`Secret::expose`].
///
/// It implements `Serialize` (as the plain string) because the API must receive secrets in
/// request bodies (a card number, a TFA code, a new password) and because a model read from
/// the API writes back as it came. Serializing is the only way to get the text besides
/// `expose`, so the SDK never serializes a model into text it shows: request bodies go only
/// to the transport (no log line carries a body), errors carry excerpts of *response*
/// bodies with secret members and the token scrubbed, and the conformance runner compares
/// written-back JSON in memory and reports paths, not values. Code of yours that serializes
/// a model holding a `Secret` (to a file, a log) writes the secret: do it deliberately.
///
/// ```
/// use linode_models::Secret;
/// let token = Secret::new("abcdef123456");
/// assert_eq!(format!("{token:?}"), "Secret([redacted])");
/// assert_eq!(token.expose(), "abcdef123456");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself. Call this only where the value must really be used.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Consumes the wrapper and returns the secret.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}
