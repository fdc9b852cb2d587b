//! The error and warning bodies the API wraps around failures and deprecations.

use serde::{Deserialize, Serialize};

/// One entry of the API's error body, `{"errors": [{"field": ..., "reason": ...}]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct FieldError {
    /// The request field at fault (dotted for nested fields), or `None` when the error is
    /// about the request as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What went wrong, in the API's words.
    #[serde(default)]
    pub reason: String,
}

/// The body of every error response: `{"errors": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct ErrorBody {
    /// The errors, most relevant first.
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

/// A warning attached to a successful response (status 299 on deprecated operations).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct Warning {
    /// The general warning.
    #[serde(default)]
    pub title: String,
    /// Specifics.
    #[serde(default)]
    pub details: String,
}

/// The `warnings` array of a 299 response.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WarningsBody {
    /// The warnings.
    #[serde(default)]
    pub warnings: Vec<Warning>,
}
