//! `Empty`: the `{}` answer of deletes and other actions.

use core::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::Extra;

/// The empty object `{}` that many operations answer with (deletes, mark-read, ...).
///
/// It accepts any JSON object (or `null`, or an empty body), so an API that starts returning
/// members here does not break old code; those members are kept in `extra` (and written back
/// when the value is serialized), so nothing the API sends is lost. Any other JSON value (a
/// number, a list) is accepted and ignored: no operation answers with one, and an action that
/// succeeded must not be reported as failed because of its answer's shape.
///
/// ```
/// use linode_models::Empty;
/// let answer: Empty = serde_json::from_str(r#"{"queued": true}"#)?;
/// assert_eq!(answer.extra.get("queued"), Some(&serde_json::json!(true)));
/// assert_eq!(serde_json::to_string(&Empty::default())?, "{}");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Empty {
    /// Members the answer carried, kept as sent (see [`Extra`]); empty for a plain `{}`.
    pub extra: Extra,
}

impl Serialize for Empty {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Like every model: no kept member while the conformance runner tells modelled
        // members from kept ones (`Extra::omitted_in`).
        let members = if crate::extra::omitted() {
            &[][..]
        } else {
            self.extra.as_slice()
        };
        let mut map = serializer.serialize_map(Some(members.len()))?;
        for (name, value) in members {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Empty {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EmptyVisitor)
    }
}

struct EmptyVisitor;

impl<'de> Visitor<'de> for EmptyVisitor {
    type Value = Empty;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Empty, A::Error> {
        let mut members = Vec::new();
        while let Some((name, value)) = map.next_entry::<String, serde_json::Value>()? {
            members.push((name, value));
        }
        Ok(Empty {
            extra: members.into_iter().collect(),
        })
    }

    fn visit_unit<E: de::Error>(self) -> Result<Empty, E> {
        Ok(Empty::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Empty, E> {
        Ok(Empty::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Empty, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Empty, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Empty::default())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Empty, E> {
        Ok(Empty::default())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Empty, E> {
        Ok(Empty::default())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Empty, E> {
        Ok(Empty::default())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Empty, E> {
        Ok(Empty::default())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Empty, E> {
        Ok(Empty::default())
    }
}
