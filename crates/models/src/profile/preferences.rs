//! Free-form user preferences: view, update.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Preferences stored for your user and the OAuth client of the token: any JSON object the
/// client chooses (font size, display name, ...). The API neither reads nor checks it;
/// updating replaces the whole object (at most 65,535 characters of JSON).
///
/// ```
/// use linode_models::profile::UserPreferences;
/// let prefs: UserPreferences = serde_json::from_str(r#"{"theme": "dark", "sizes": [12, 14]}"#)?;
/// assert_eq!(prefs.0["theme"], "dark");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(transparent)]
pub struct UserPreferences(
    /// The preferences, exactly as stored.
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "crate::strategies::json_object()")
    )]
    pub Map<String, Value>,
);

impl From<Map<String, Value>> for UserPreferences {
    fn from(value: Map<String, Value>) -> Self {
        Self(value)
    }
}
