//! `X-Filter`: a typed builder for the API's JSON filter language.
//!
//! List operations accept a filter in the `X-Filter` header. The language is JSON: field
//! conditions (`{"label": "x"}`, `{"created": {"+gte": "2024-01-01T00:00:00"}}`), combined
//! with `+and` / `+or` to any depth, plus `+order_by` / `+order`. Each list operation names
//! the fields the API lets you filter on as an enum implementing [`FilterField`], so a filter
//! on a field the API would refuse does not compile.
//!
//! ```
//! use linode_requests::filter::{Filter, FilterField, Order};
//!
//! #[derive(Clone, Copy)]
//! enum Field { Label, Created }
//! impl FilterField for Field {
//!     fn name(self) -> &'static str {
//!         match self { Field::Label => "label", Field::Created => "created" }
//!     }
//! }
//!
//! let filter = Filter::or([Filter::eq(Field::Label, "web"), Filter::contains(Field::Label, "db")])
//!     .and(Filter::gte(Field::Created, "2024-01-01T00:00:00"))
//!     .order_by(Field::Created, Order::Desc);
//! assert_eq!(
//!     filter.to_json(),
//!     r#"{"+and":[{"+or":[{"label":"web"},{"label":{"+contains":"db"}}]},{"created":{"+gte":"2024-01-01T00:00:00"}}],"+order":"desc","+order_by":"created"}"#
//! );
//! ```

use core::fmt;
use core::marker::PhantomData;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// A field a list operation can be filtered and ordered on.
pub trait FilterField: Copy {
    /// The field's name in the filter language (`"entity.id"` for nested fields).
    fn name(self) -> &'static str;
}

/// A list that cannot be filtered: the API documents no filterable field for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoFilterableFields {}

impl FilterField for NoFilterableFields {
    fn name(self) -> &'static str {
        match self {}
    }
}

/// Sort direction for `+order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Smallest first.
    Asc,
    /// Largest first.
    Desc,
}

/// A value compared against a field.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterValue(Value);

macro_rules! filter_value_from {
    ($($t:ty),*) => {$(
        impl From<$t> for FilterValue {
            fn from(value: $t) -> Self {
                FilterValue(Value::from(value))
            }
        }
    )*};
}
filter_value_from!(bool, i32, i64, u32, u64, f64, &str, String);

impl From<linode_models::Timestamp> for FilterValue {
    fn from(value: linode_models::Timestamp) -> Self {
        FilterValue(Value::String(value.to_string()))
    }
}

impl<'a, T: Into<FilterValue> + Clone> From<&'a T> for FilterValue {
    fn from(value: &'a T) -> Self {
        value.clone().into()
    }
}

/// A filter over the fields `F`; see the module documentation.
pub struct Filter<F> {
    condition: Option<Value>,
    order: Option<(&'static str, Order)>,
    field: PhantomData<fn(F)>,
}

impl<F> Clone for Filter<F> {
    fn clone(&self) -> Self {
        Self {
            condition: self.condition.clone(),
            order: self.order,
            field: PhantomData,
        }
    }
}

impl<F> PartialEq for Filter<F> {
    fn eq(&self, other: &Self) -> bool {
        self.condition == other.condition && self.order == other.order
    }
}

impl<F> fmt::Debug for Filter<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Filter({})", self.to_json())
    }
}

impl<F> Default for Filter<F> {
    /// The empty filter: everything, in the API's order.
    fn default() -> Self {
        Self {
            condition: None,
            order: None,
            field: PhantomData,
        }
    }
}

impl<F: FilterField> Filter<F> {
    fn condition(field: F, operator: Option<&'static str>, value: FilterValue) -> Self {
        let value = match operator {
            None => value.0,
            Some(op) => Value::Object(Map::from_iter([(op.to_owned(), value.0)])),
        };
        Self {
            condition: Some(Value::Object(Map::from_iter([(
                field.name().to_owned(),
                value,
            )]))),
            order: None,
            field: PhantomData,
        }
    }

    /// `field` equals `value`.
    pub fn eq(field: F, value: impl Into<FilterValue>) -> Self {
        Self::condition(field, None, value.into())
    }
    /// `field` does not equal `value` (`+neq`).
    pub fn neq(field: F, value: impl Into<FilterValue>) -> Self {
        Self::condition(field, Some("+neq"), value.into())
    }
    /// `field` is greater than `value` (`+gt`).
    pub fn gt(field: F, value: impl Into<FilterValue>) -> Self {
        Self::condition(field, Some("+gt"), value.into())
    }
    /// `field` is greater than or equal to `value` (`+gte`).
    pub fn gte(field: F, value: impl Into<FilterValue>) -> Self {
        Self::condition(field, Some("+gte"), value.into())
    }
    /// `field` is less than `value` (`+lt`).
    pub fn lt(field: F, value: impl Into<FilterValue>) -> Self {
        Self::condition(field, Some("+lt"), value.into())
    }
    /// `field` is less than or equal to `value` (`+lte`).
    pub fn lte(field: F, value: impl Into<FilterValue>) -> Self {
        Self::condition(field, Some("+lte"), value.into())
    }
    /// `field` contains the text `value` (`+contains`).
    pub fn contains(field: F, value: impl Into<FilterValue>) -> Self {
        Self::condition(field, Some("+contains"), value.into())
    }

    fn combine(operator: &'static str, filters: impl IntoIterator<Item = Self>) -> Self {
        let mut order = None;
        let parts: Vec<Value> = filters
            .into_iter()
            .filter_map(|f| {
                order = order.or(f.order);
                f.condition
            })
            .collect();
        let condition = match parts.len() {
            0 => None,
            _ => Some(Value::Object(Map::from_iter([(
                operator.to_owned(),
                Value::Array(parts),
            )]))),
        };
        Self {
            condition,
            order,
            field: PhantomData,
        }
    }

    /// Every filter holds (`+and`).
    pub fn all(filters: impl IntoIterator<Item = Self>) -> Self {
        Self::combine("+and", filters)
    }

    /// At least one filter holds (`+or`).
    pub fn or(filters: impl IntoIterator<Item = Self>) -> Self {
        Self::combine("+or", filters)
    }

    /// This filter and `other` (`+and`).
    #[must_use]
    pub fn and(self, other: Self) -> Self {
        Self::all([self, other])
    }

    /// Orders the results by `field` (`+order_by`, `+order`).
    #[must_use]
    pub fn order_by(mut self, field: F, order: Order) -> Self {
        self.order = Some((field.name(), order));
        self
    }
}

impl<F> Filter<F> {
    /// The filter's JSON, as sent in the `X-Filter` header.
    ///
    /// Non-ASCII text (and DEL) is written as `\u` escapes: header values must be visible
    /// ASCII.
    pub fn to_json(&self) -> String {
        // `json_bytes` writes ASCII only, so this never falls back.
        String::from_utf8(self.json_bytes()).unwrap_or_else(|_| "{}".to_owned())
    }

    /// The filter as the `X-Filter` header's value.
    pub fn to_header_value(&self) -> http::HeaderValue {
        // `json_bytes` writes visible ASCII only, which is always a valid header value;
        // the fallback (an empty filter) is unreachable but keeps this total.
        http::HeaderValue::from_maybe_shared(bytes::Bytes::from(self.json_bytes()))
            .unwrap_or_else(|_| http::HeaderValue::from_static("{}"))
    }

    /// The JSON text: the condition's members and the order, serialized in place (sorted by
    /// key, as a `serde_json::Map` is) without copying the condition.
    fn json_bytes(&self) -> Vec<u8> {
        let mut members: BTreeMap<&str, Member<'_>> = BTreeMap::new();
        if let Some(Value::Object(map)) = &self.condition {
            members.extend(map.iter().map(|(k, v)| (k.as_str(), Member::Json(v))));
        }
        if let Some((field, order)) = self.order {
            members.insert("+order_by", Member::Text(field));
            let order = match order {
                Order::Asc => "asc",
                Order::Desc => "desc",
            };
            members.insert("+order", Member::Text(order));
        }
        let mut out = Vec::with_capacity(64);
        // Writing strings and JSON values to a `Vec` cannot fail.
        if serde_json::to_writer(&mut out, &members).is_err() {
            out = b"{}".to_vec();
        }
        escape_for_header(out)
    }
}

/// A member of the filter object: a JSON value of the condition, or the order's text.
enum Member<'a> {
    Json(&'a Value),
    Text(&'a str),
}

impl serde::Serialize for Member<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Member::Json(value) => value.serialize(serializer),
            Member::Text(text) => serializer.serialize_str(text),
        }
    }
}

/// Whether a byte of serialized JSON can go into a header as it is.
fn header_safe(byte: u8) -> bool {
    byte.is_ascii() && byte != 0x7f
}

/// JSON text with every non-ASCII character (and DEL) escaped as `\uXXXX`; other control
/// characters are escaped by serde_json already.
fn escape_for_header(json: Vec<u8>) -> Vec<u8> {
    if json.iter().copied().all(header_safe) {
        return json;
    }
    let text = String::from_utf8_lossy(&json);
    let mut out = String::with_capacity(json.len() + 16);
    for c in text.chars() {
        if c.is_ascii() && c != '\u{7f}' {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone, Copy)]
    enum Field {
        Label,
        EntityId,
    }
    impl FilterField for Field {
        fn name(self) -> &'static str {
            match self {
                Field::Label => "label",
                Field::EntityId => "entity.id",
            }
        }
    }

    #[test]
    fn operators_serialize_as_the_api_expects() {
        let cases: [(Filter<Field>, &str); 7] = [
            (Filter::eq(Field::Label, "a"), r#"{"label":"a"}"#),
            (
                Filter::neq(Field::EntityId, 3),
                r#"{"entity.id":{"+neq":3}}"#,
            ),
            (Filter::gt(Field::EntityId, 3), r#"{"entity.id":{"+gt":3}}"#),
            (
                Filter::gte(Field::EntityId, 3),
                r#"{"entity.id":{"+gte":3}}"#,
            ),
            (Filter::lt(Field::EntityId, 3), r#"{"entity.id":{"+lt":3}}"#),
            (
                Filter::lte(Field::EntityId, 3),
                r#"{"entity.id":{"+lte":3}}"#,
            ),
            (
                Filter::contains(Field::Label, "x"),
                r#"{"label":{"+contains":"x"}}"#,
            ),
        ];
        for (filter, json) in cases {
            assert_eq!(filter.to_json(), json);
        }
    }

    #[test]
    fn nesting_and_order() {
        let f = Filter::all([
            Filter::or([Filter::eq(Field::Label, "a"), Filter::eq(Field::Label, "b")]),
            Filter::eq(Field::EntityId, 7),
        ])
        .order_by(Field::Label, Order::Asc);
        assert_eq!(
            f.to_json(),
            r#"{"+and":[{"+or":[{"label":"a"},{"label":"b"}]},{"entity.id":7}],"+order":"asc","+order_by":"label"}"#
        );
        assert_eq!(Filter::<Field>::default().to_json(), "{}");
        assert_eq!(Filter::<Field>::all([]).to_json(), "{}");
    }

    #[test]
    fn unicode_is_escaped_for_the_header() {
        let f = Filter::eq(Field::Label, "jürgen 🚀");
        assert_eq!(f.to_json(), r#"{"label":"j\u00fcrgen \ud83d\ude80"}"#);
        assert!(f.to_header_value().to_str().is_ok());
    }

    #[test]
    fn control_characters_and_del_are_escaped_too() {
        let f = Filter::eq(Field::Label, "tab\there\u{7f}");
        assert_eq!(f.to_json(), r#"{"label":"tab\there\u007f"}"#);
        assert_eq!(f.to_header_value().as_bytes(), f.to_json().as_bytes());
    }

    #[test]
    fn the_header_is_the_json_and_order_keys_sort_among_the_fields() {
        // "+order" and "+order_by" sort before any field name and after "+and"/"+or".
        let f = Filter::eq(Field::Label, "web").order_by(Field::EntityId, Order::Desc);
        assert_eq!(
            f.to_json(),
            r#"{"+order":"desc","+order_by":"entity.id","label":"web"}"#
        );
        assert_eq!(f.to_header_value().as_bytes(), f.to_json().as_bytes());
        let order_only = Filter::<Field>::default().order_by(Field::Label, Order::Asc);
        assert_eq!(
            order_only.to_json(),
            r#"{"+order":"asc","+order_by":"label"}"#
        );
    }

    proptest! {
        #[test]
        fn any_text_gives_a_valid_header_that_reads_back(text in any::<String>()) {
            let f = Filter::contains(Field::Label, text.as_str());
            let header = f.to_header_value();
            let parsed: Value = serde_json::from_slice(header.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&parsed["label"]["+contains"], &Value::String(text));
        }
    }
}
