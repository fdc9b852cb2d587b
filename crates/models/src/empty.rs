//! `Empty`: the `{}` answer of deletes and other actions.

use serde::{Deserialize, Deserializer, Serialize};

/// The empty object `{}` that many operations answer with (deletes, mark-read, ...).
///
/// It accepts any JSON object (or `null`, or an empty body), so an API that starts returning
/// fields here does not break old code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Empty {}

impl<'de> Deserialize<'de> for Empty {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(Empty {})
    }
}
