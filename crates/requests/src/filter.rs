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
//!     const ALL: &'static [Self] = &[Field::Label, Field::Created];
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

use crate::error::BuildError;

/// A field a list operation can be filtered and ordered on.
///
/// The operations of this crate declare their field enums with a small macro that writes
/// the enum, [`FilterField::name`] and [`FilterField::ALL`] from one list, so the three
/// cannot disagree; a server (linode-fake) reads the filterable fields from `ALL`.
pub trait FilterField: Copy + 'static {
    /// Every field, in declaration order.
    const ALL: &'static [Self];

    /// The field's name in the filter language (`"entity.id"` for nested fields).
    fn name(self) -> &'static str;

    /// The field with this name, if there is one.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|field| field.name() == name)
    }
}

/// A list that cannot be filtered: the API documents no filterable field for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoFilterableFields {}

impl FilterField for NoFilterableFields {
    const ALL: &'static [Self] = &[];

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
    order_by: Option<&'static str>,
    order: Option<Order>,
    field: PhantomData<fn(F)>,
}

impl<F> Clone for Filter<F> {
    fn clone(&self) -> Self {
        Self {
            condition: self.condition.clone(),
            order_by: self.order_by,
            order: self.order,
            field: PhantomData,
        }
    }
}

impl<F> PartialEq for Filter<F> {
    fn eq(&self, other: &Self) -> bool {
        self.condition == other.condition
            && self.order_by == other.order_by
            && self.order == other.order
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
            order_by: None,
            order: None,
            field: PhantomData,
        }
    }
}

impl<F: FilterField> Filter<F> {
    fn field_condition(field: F, operator: Option<&'static str>, value: FilterValue) -> Self {
        let value = match operator {
            None => value.0,
            Some(op) => Value::Object(Map::from_iter([(op.to_owned(), value.0)])),
        };
        Self {
            condition: Some(Value::Object(Map::from_iter([(
                field.name().to_owned(),
                value,
            )]))),
            order_by: None,
            order: None,
            field: PhantomData,
        }
    }

    /// `field` equals `value`.
    pub fn eq(field: F, value: impl Into<FilterValue>) -> Self {
        Self::field_condition(field, None, value.into())
    }
    /// `field` does not equal `value` (`+neq`).
    pub fn neq(field: F, value: impl Into<FilterValue>) -> Self {
        Self::field_condition(field, Some("+neq"), value.into())
    }
    /// `field` is greater than `value` (`+gt`).
    pub fn gt(field: F, value: impl Into<FilterValue>) -> Self {
        Self::field_condition(field, Some("+gt"), value.into())
    }
    /// `field` is greater than or equal to `value` (`+gte`).
    pub fn gte(field: F, value: impl Into<FilterValue>) -> Self {
        Self::field_condition(field, Some("+gte"), value.into())
    }
    /// `field` is less than `value` (`+lt`).
    pub fn lt(field: F, value: impl Into<FilterValue>) -> Self {
        Self::field_condition(field, Some("+lt"), value.into())
    }
    /// `field` is less than or equal to `value` (`+lte`).
    pub fn lte(field: F, value: impl Into<FilterValue>) -> Self {
        Self::field_condition(field, Some("+lte"), value.into())
    }
    /// `field` contains the text `value` (`+contains`).
    pub fn contains(field: F, value: impl Into<FilterValue>) -> Self {
        Self::field_condition(field, Some("+contains"), value.into())
    }

    /// `+and` / `+or` of `filters`, as shallow as the meaning allows: a part that is itself
    /// only the same operator is spliced in (`a.and(b).and(c)` is one `+and` of three), and
    /// one part is written as that part. Both keep the meaning and keep chains of `and`
    /// from nesting deeper than [`MAX_FILTER_DEPTH`].
    fn combine(operator: &'static str, filters: impl IntoIterator<Item = Self>) -> Self {
        let mut order_by = None;
        let mut order = None;
        let mut parts: Vec<Value> = Vec::new();
        for f in filters {
            if order_by.is_none() && order.is_none() {
                order_by = f.order_by;
                order = f.order;
            }
            match f.condition {
                Some(Value::Object(mut members))
                    if members.len() == 1
                        && matches!(members.get(operator), Some(Value::Array(_))) =>
                {
                    if let Some(Value::Array(inner)) = members.remove(operator) {
                        parts.extend(inner);
                    }
                }
                Some(condition) => parts.push(condition),
                None => {}
            }
        }
        let condition = match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Value::Object(Map::from_iter([(
                operator.to_owned(),
                Value::Array(parts),
            )]))),
        };
        Self {
            condition,
            order_by,
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
        self.order_by = Some(field.name());
        self.order = Some(order);
        self
    }

    /// Reads a filter back from its JSON (an `X-Filter` header's value), checking every
    /// field name against `F` and the shape of the language: what a server does with a
    /// filter it receives. The order of members is not kept (it does not change the
    /// meaning).
    ///
    /// ```
    /// use linode_requests::filter::Filter;
    /// use linode_requests::profile::SshKeyField;
    /// let filter = Filter::<SshKeyField>::from_json(br#"{"label": {"+contains": "web"}}"#)?;
    /// assert_eq!(filter, Filter::contains(SshKeyField::Label, "web"));
    /// assert!(Filter::<SshKeyField>::from_json(br#"{"ssh_key": "x"}"#).is_err());
    /// # Ok::<(), linode_requests::filter::FilterError>(())
    /// ```
    pub fn from_json(json: &[u8]) -> Result<Self, FilterError> {
        let value: Value = serde_json::from_slice(json)
            .map_err(|_| FilterError::new("The filter is not valid JSON"))?;
        let Value::Object(mut top) = value else {
            return Err(FilterError::new("The filter must be a JSON object"));
        };
        let order_by = match top.remove("+order_by") {
            None => None,
            Some(Value::String(name)) => match F::from_name(&name) {
                Some(field) => Some(field.name()),
                None => return Err(FilterError::new(format!("Cannot filter on {name}"))),
            },
            Some(_) => return Err(FilterError::new("+order_by must be a field name")),
        };
        let order = match top.remove("+order") {
            None => None,
            Some(Value::String(o)) if o == "asc" => Some(Order::Asc),
            Some(Value::String(o)) if o == "desc" => Some(Order::Desc),
            Some(_) => return Err(FilterError::new("+order must be \"asc\" or \"desc\"")),
        };
        check_limits(&top, 0, &mut 0).map_err(|over| {
            FilterError::new(match over {
                Over::Depth => "The filter is nested too deeply",
                Over::Conditions => "The filter has too many conditions",
            })
        })?;
        check_condition::<F>(&top)?;
        Ok(Self {
            condition: (!top.is_empty()).then_some(Value::Object(top)),
            order_by,
            order,
            field: PhantomData,
        })
    }

    /// The condition as JSON (the filter without `+order_by` / `+order`), if there is one.
    /// Every field name in it is one of `F`'s.
    pub fn condition(&self) -> Option<&Value> {
        self.condition.as_ref()
    }

    /// The field to order by (`+order_by`), if given.
    pub fn order_by_field(&self) -> Option<F> {
        self.order_by.and_then(F::from_name)
    }

    /// The direction (`+order`), if given; the API orders by `id` when only a direction is
    /// given.
    pub fn order(&self) -> Option<Order> {
        self.order
    }
}

/// How deep `+and` / `+or` may nest in a filter: one the SDK sends (deeper is a
/// [`BuildError::FilterTooDeep`]) and one read by [`Filter::from_json`] (what a server, such
/// as linode-fake, accepts).
///
/// 16 levels: real filters nest two or three (and [`Filter::and`] chains do not nest at
/// all), while their JSON (two levels per `+and`/`+or`, 35 in all) stays far below the
/// recursion limits of common JSON parsers (serde_json's is 128; a filter nested 70 levels,
/// found by fuzzing, could be built but not read back).
pub const MAX_FILTER_DEPTH: usize = 16;
/// How many conditions (members of the filter's objects, `+and`/`+or` included) a filter
/// may hold in all: one the SDK sends (more is a [`BuildError::FilterTooLarge`]) and one
/// read by [`Filter::from_json`].
pub const MAX_FILTER_NODES: usize = 512;

/// Which of the limits above a filter goes beyond.
enum Over {
    Depth,
    Conditions,
}

/// Checks the shape limits, [`MAX_FILTER_DEPTH`] and [`MAX_FILTER_NODES`], the same way
/// for a filter built (sent) and one read: recursion stops at the depth limit.
fn check_limits(object: &Map<String, Value>, depth: usize, nodes: &mut usize) -> Result<(), Over> {
    if depth > MAX_FILTER_DEPTH {
        return Err(Over::Depth);
    }
    for (key, value) in object {
        *nodes += 1;
        if *nodes > MAX_FILTER_NODES {
            return Err(Over::Conditions);
        }
        if let ("+and" | "+or", Value::Array(parts)) = (key.as_str(), value) {
            for inner in parts.iter().filter_map(Value::as_object) {
                check_limits(inner, depth + 1, nodes)?;
            }
        }
    }
    Ok(())
}

/// The operators a field condition may use.
const OPERATORS: &[&str] = &["+eq", "+neq", "+gt", "+gte", "+lt", "+lte", "+contains"];

/// Why a filter's JSON was refused by [`Filter::from_json`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    reason: String,
}

impl FilterError {
    fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
        }
    }

    /// What is wrong, in the words the API uses.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid X-Filter: {}; see the filterable fields of the list operation",
            self.reason
        )
    }
}

impl std::error::Error for FilterError {}

/// Checks field names, operators and values (after [`check_limits`], which bounds the
/// recursion).
fn check_condition<F: FilterField>(object: &Map<String, Value>) -> Result<(), FilterError> {
    for (key, value) in object {
        match key.as_str() {
            "+and" | "+or" => {
                let Value::Array(parts) = value else {
                    return Err(FilterError::new(format!("{key} must be a list of filters")));
                };
                for part in parts {
                    let Value::Object(inner) = part else {
                        return Err(FilterError::new(format!("{key} must be a list of filters")));
                    };
                    check_condition::<F>(inner)?;
                }
            }
            "+order_by" | "+order" => {
                return Err(FilterError::new(format!(
                    "{key} is only allowed at the top of the filter"
                )))
            }
            op if op.starts_with('+') => {
                return Err(FilterError::new(format!("Unknown filter operator {op}")))
            }
            field => {
                if F::from_name(field).is_none() {
                    return Err(FilterError::new(format!("Cannot filter on {field}")));
                }
                match value {
                    Value::Object(ops) => {
                        if ops.is_empty() {
                            return Err(FilterError::new(format!(
                                "No condition given for {field}"
                            )));
                        }
                        for (op, operand) in ops {
                            if !OPERATORS.contains(&op.as_str()) {
                                return Err(FilterError::new(format!(
                                    "Unknown filter operator {op} on {field}"
                                )));
                            }
                            if operand.is_object() || operand.is_array() {
                                return Err(FilterError::new(format!(
                                    "{op} on {field} needs a plain value"
                                )));
                            }
                        }
                    }
                    Value::Array(_) => {
                        return Err(FilterError::new(format!("{field} needs a plain value")))
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(())
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

    /// The filter as the `X-Filter` header's value, if it is within the limits a server
    /// reads: `+and`/`+or` nested at most [`MAX_FILTER_DEPTH`] levels, at most
    /// [`MAX_FILTER_NODES`] conditions.
    ///
    /// ```
    /// use linode_requests::filter::{Filter, MAX_FILTER_DEPTH};
    /// use linode_requests::profile::SshKeyField;
    /// use linode_requests::BuildError;
    /// let label = |text: &str| Filter::eq(SshKeyField::Label, text);
    /// let mut deep = label("a");
    /// for _ in 0..=MAX_FILTER_DEPTH {
    ///     // `+or` inside `+and` inside `+or`...: each level is one more.
    ///     deep = Filter::or([Filter::all([deep, label("b")]), label("c")]);
    /// }
    /// assert!(matches!(deep.to_header_value(), Err(BuildError::FilterTooDeep { .. })));
    /// // A one-part `+or` is its part; `and` chains make one flat `+and`.
    /// let flat = Filter::or([label("a").and(label("b")).and(label("c"))]);
    /// assert_eq!(
    ///     flat.to_header_value()?,
    ///     r#"{"+and":[{"label":"a"},{"label":"b"},{"label":"c"}]}"#
    /// );
    /// # Ok::<(), BuildError>(())
    /// ```
    pub fn to_header_value(&self) -> Result<http::HeaderValue, BuildError> {
        if let Some(Value::Object(members)) = &self.condition {
            check_limits(members, 0, &mut 0).map_err(|over| match over {
                Over::Depth => BuildError::FilterTooDeep {
                    max: MAX_FILTER_DEPTH,
                },
                Over::Conditions => BuildError::FilterTooLarge {
                    max: MAX_FILTER_NODES,
                },
            })?;
        }
        // `json_bytes` writes visible ASCII only, which is always a valid header value;
        // the fallback (an empty filter) is unreachable but keeps this total.
        Ok(
            http::HeaderValue::from_maybe_shared(bytes::Bytes::from(self.json_bytes()))
                .unwrap_or_else(|_| http::HeaderValue::from_static("{}")),
        )
    }

    /// The JSON text: the condition's members and the order, serialized in place (sorted by
    /// key, as a `serde_json::Map` is) without copying the condition.
    fn json_bytes(&self) -> Vec<u8> {
        let mut members: BTreeMap<&str, Member<'_>> = BTreeMap::new();
        if let Some(Value::Object(map)) = &self.condition {
            members.extend(map.iter().map(|(k, v)| (k.as_str(), Member::Json(v))));
        }
        if let Some(field) = self.order_by {
            members.insert("+order_by", Member::Text(field));
        }
        if let Some(order) = self.order {
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

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Field {
        Label,
        EntityId,
    }
    impl FilterField for Field {
        const ALL: &'static [Self] = &[Field::Label, Field::EntityId];
        fn name(self) -> &'static str {
            match self {
                Field::Label => "label",
                Field::EntityId => "entity.id",
            }
        }
    }

    #[test]
    fn filters_read_back_from_their_json() {
        let filters: [Filter<Field>; 4] = [
            Filter::eq(Field::Label, "a"),
            Filter::or([
                Filter::contains(Field::Label, "x"),
                Filter::gte(Field::EntityId, 3),
            ])
            .order_by(Field::EntityId, Order::Desc),
            Filter::default().order_by(Field::Label, Order::Asc),
            Filter::default(),
        ];
        for filter in filters {
            let read = Filter::<Field>::from_json(filter.to_json().as_bytes());
            assert_eq!(read.as_ref(), Ok(&filter), "{}", filter.to_json());
        }
        let desc = Filter::<Field>::from_json(br#"{"+order": "desc"}"#).unwrap();
        assert_eq!(
            (desc.order_by_field(), desc.order()),
            (None, Some(Order::Desc))
        );
    }

    #[test]
    fn bad_filters_are_refused_with_the_apis_words() {
        for (bad, reason) in [
            (r#"{"ssh_key": "x"}"#, "Cannot filter on ssh_key"),
            (r#"{"+order_by": "ssh_key"}"#, "Cannot filter on ssh_key"),
            (
                r#"{"label": {"+like": 1}}"#,
                "Unknown filter operator +like on label",
            ),
            (
                r#"{"+and": {"label": 1}}"#,
                "+and must be a list of filters",
            ),
            (
                r#"{"+order": "sideways"}"#,
                "+order must be \"asc\" or \"desc\"",
            ),
            (
                r#"{"+or": [{"+order": "asc"}]}"#,
                "+order is only allowed at the top of the filter",
            ),
            (r#"{"label": {}}"#, "No condition given for label"),
            (r#"{"label": [1]}"#, "label needs a plain value"),
            (r#"[1]"#, "The filter must be a JSON object"),
            (r#"not json"#, "The filter is not valid JSON"),
        ] {
            let err = Filter::<Field>::from_json(bad.as_bytes()).unwrap_err();
            assert_eq!(err.reason(), reason, "{bad}");
        }
        let deep = format!("{}{}", r#"{"+and":["#.repeat(40), r#"]}"#.repeat(40));
        assert!(Filter::<Field>::from_json(deep.as_bytes()).is_err());
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
        assert!(f.to_header_value().unwrap().to_str().is_ok());
    }

    #[test]
    fn control_characters_and_del_are_escaped_too() {
        let f = Filter::eq(Field::Label, "tab\there\u{7f}");
        assert_eq!(f.to_json(), r#"{"label":"tab\there\u007f"}"#);
        assert_eq!(
            f.to_header_value().unwrap().as_bytes(),
            f.to_json().as_bytes()
        );
    }

    #[test]
    fn the_header_is_the_json_and_order_keys_sort_among_the_fields() {
        // "+order" and "+order_by" sort before any field name and after "+and"/"+or".
        let f = Filter::eq(Field::Label, "web").order_by(Field::EntityId, Order::Desc);
        assert_eq!(
            f.to_json(),
            r#"{"+order":"desc","+order_by":"entity.id","label":"web"}"#
        );
        assert_eq!(
            f.to_header_value().unwrap().as_bytes(),
            f.to_json().as_bytes()
        );
        let order_only = Filter::<Field>::default().order_by(Field::Label, Order::Asc);
        assert_eq!(
            order_only.to_json(),
            r#"{"+order":"asc","+order_by":"label"}"#
        );
    }

    #[test]
    fn one_part_and_same_operator_parts_collapse() {
        let label = |text: &str| Filter::eq(Field::Label, text);
        // 70 levels of a one-part `+or`/`+and` (what fuzzing built) are the condition itself.
        let mut f = label("a");
        for level in 0..70 {
            f = if level % 2 == 0 {
                Filter::or([f])
            } else {
                Filter::all([f])
            };
        }
        assert_eq!(f, label("a"));
        assert_eq!(f.to_json(), r#"{"label":"a"}"#);
        // An `and` chain is one `+and`, however long.
        let mut chain = label("0");
        for i in 1..100 {
            chain = chain.and(label(&i.to_string()));
        }
        let header = chain.to_header_value().unwrap();
        let parsed: Value = serde_json::from_slice(header.as_bytes()).unwrap();
        assert_eq!(parsed["+and"].as_array().map(Vec::len), Some(100));
        assert_eq!(parsed["+and"][99], serde_json::json!({"label": "99"}));
        // `+or` inside `+and` stays: the meaning differs.
        let mixed = Filter::all([Filter::or([label("a"), label("b")]), label("c")]);
        assert_eq!(
            mixed.to_json(),
            r#"{"+and":[{"+or":[{"label":"a"},{"label":"b"}]},{"label":"c"}]}"#
        );
    }

    /// `+or` of (`+and` of (the filter, a condition)), a condition: `levels` times.
    fn alternating(levels: usize) -> Filter<Field> {
        let mut f = Filter::eq(Field::Label, "x");
        for _ in 0..levels {
            f = Filter::or([
                Filter::all([f, Filter::eq(Field::EntityId, 1)]),
                Filter::eq(Field::EntityId, 2),
            ]);
        }
        f
    }

    #[test]
    fn the_sdk_sends_exactly_the_depth_a_server_reads() {
        // Each `alternating` level is two levels of `+and`/`+or`.
        let deepest = alternating(MAX_FILTER_DEPTH / 2);
        let header = deepest.to_header_value().unwrap();
        assert_eq!(Filter::<Field>::from_json(header.as_bytes()), Ok(deepest));

        // One `+and` more.
        let too_deep = Filter::all([
            alternating(MAX_FILTER_DEPTH / 2),
            Filter::eq(Field::Label, "y"),
        ]);
        let err = too_deep.to_header_value().unwrap_err();
        assert!(matches!(
            err,
            BuildError::FilterTooDeep {
                max: MAX_FILTER_DEPTH
            }
        ));
        assert!(err.to_string().contains("16 levels"), "{err}");
        let read = Filter::<Field>::from_json(too_deep.to_json().as_bytes()).unwrap_err();
        assert_eq!(read.reason(), "The filter is nested too deeply");
    }

    #[test]
    fn the_sdk_sends_at_most_the_conditions_a_server_reads() {
        // `+and` of n conditions: n + 1 members in all.
        let of = |n: usize| Filter::all((0..n).map(|i| Filter::eq(Field::EntityId, i as u64)));
        let largest = of(MAX_FILTER_NODES - 1);
        let header = largest.to_header_value().unwrap();
        assert_eq!(Filter::<Field>::from_json(header.as_bytes()), Ok(largest));
        let too_large = of(MAX_FILTER_NODES);
        assert!(matches!(
            too_large.to_header_value(),
            Err(BuildError::FilterTooLarge {
                max: MAX_FILTER_NODES
            })
        ));
        assert!(Filter::<Field>::from_json(too_large.to_json().as_bytes()).is_err());
    }

    proptest! {
        #[test]
        fn any_text_gives_a_valid_header_that_reads_back(text in any::<String>()) {
            let f = Filter::contains(Field::Label, text.as_str());
            let header = f.to_header_value().map_err(|e| TestCaseError::fail(e.to_string()))?;
            let parsed: Value = serde_json::from_slice(header.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&parsed["label"]["+contains"], &Value::String(text));
        }
    }
}
