//! Why a client could not be configured: the one error type of configuration.
//!
//! It has a module of its own because both the configuration (`client_config`) and the token
//! providers (`auth`) return it, and the configuration holds a token provider: kept in either
//! of them, it would make the two depend on each other.

use linode_requests::BuildError;

/// Why a client could not be configured.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A value (token, base URL, User-Agent prefix) is not usable.
    #[error(transparent)]
    Build(#[from] BuildError),
    /// A plain-http base URL to a host that is not loopback.
    #[error("refusing to send the token over plain http to {url}: use https, or call ClientConfig::allow_insecure_http() if this network is trusted")]
    InsecureUrl {
        /// The base URL.
        url: String,
    },
    /// A required environment variable is missing or empty. The message says how to set it
    /// (for a token: where to create one and how to export it).
    #[error(
        "the environment variable {name} is not set (or is empty): {}",
        missing_env_advice(name)
    )]
    MissingEnv {
        /// The variable.
        name: &'static str,
    },
    /// An environment variable has an unusable value.
    #[error("the environment variable {name} is not usable: {reason}")]
    InvalidEnv {
        /// The variable.
        name: &'static str,
        /// What is wrong (never the value of LINODE_TOKEN).
        reason: String,
    },
    /// The Linode CLI's configuration file gave no token.
    #[error("the Linode CLI configuration {path} gave no token: {reason}")]
    CliConfig {
        /// The file.
        path: String,
        /// What is missing (never a token).
        reason: String,
    },
    /// The extra root certificate could not be read or parsed.
    #[error("the root certificate could not be used: {reason}; give a PEM file with at least one CERTIFICATE block")]
    RootCertificate {
        /// What went wrong.
        reason: String,
    },
    /// The transport could not be set up (TLS configuration, ...).
    #[error("the HTTP transport could not be set up: {message}")]
    Transport {
        /// What went wrong.
        message: String,
        /// The underlying error.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    },
}

impl ConfigError {
    /// A transport setup failure with a message and its cause.
    pub fn transport(
        message: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Self {
        ConfigError::Transport {
            message: message.into(),
            source: Some(source.into()),
        }
    }
}

/// What to do about the missing variable `name`.
fn missing_env_advice(name: &str) -> String {
    if name.ends_with("TOKEN") {
        format!("create a personal access token at https://cloud.linode.com/profile/tokens and `export {name}=<the token>` before running (or give the token in code with ClientConfig::with_token)")
    } else if name == "HOME" {
        "set it to your home directory, where the Linode CLI keeps its configuration (or give the token in code with ClientConfig::with_token)".to_owned()
    } else {
        format!("`export {name}=...` before running")
    }
}
