//! `Update`: the tri-state field of update bodies (unchanged / null / set).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One field of an update (PUT) body for a field the API lets you set to `null`.
///
/// Three states, because "leave it alone" and "clear it" are different requests (other SDKs
/// lost data by sending `null` or omitting zero values):
///
/// - [`Update::Unchanged`]: the field is not sent; the API keeps its value (the default);
/// - [`Update::Null`]: the field is sent as `null`, clearing it;
/// - [`Update::Set`]: the field is sent with this value.
///
/// Declare such a field with
/// `#[serde(default, skip_serializing_if = "Update::is_unchanged")]`.
///
/// ```
/// use linode_models::Update;
/// let keep: Update<String> = Update::Unchanged;
/// let clear: Update<String> = Update::Null;
/// assert!(keep.is_unchanged());
/// assert_eq!(serde_json::to_string(&clear).unwrap(), "null");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Update<T> {
    /// Do not send the field: the API keeps its current value.
    #[default]
    Unchanged,
    /// Send `null`: the API clears the field.
    Null,
    /// Send this value.
    Set(T),
}

impl<T> Update<T> {
    /// Whether the field is left out of the request (for `skip_serializing_if`).
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Update::Unchanged)
    }
}

impl<T> From<T> for Update<T> {
    fn from(value: T) -> Self {
        Update::Set(value)
    }
}

impl<T> From<Option<T>> for Update<T> {
    /// `Some(v)` sets the field, `None` clears it (sends `null`).
    fn from(value: Option<T>) -> Self {
        value.map_or(Update::Null, Update::Set)
    }
}

impl<T: Serialize> Serialize for Update<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Reached only without `skip_serializing_if`; `null` is the least surprising.
            Update::Unchanged | Update::Null => serializer.serialize_none(),
            Update::Set(value) => serializer.serialize_some(value),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Update<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A missing field never reaches here (`#[serde(default)]` gives `Unchanged`).
        Ok(Option::<T>::deserialize(deserializer)?.map_or(Update::Null, Update::Set))
    }
}
