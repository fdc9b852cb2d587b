//! Lists: the page asked for, the `X-Filter` language's evaluation, and the page envelope.
//!
//! The filter arrives decoded and checked by the SDK ([`Filter::from_json`], on the list's
//! own `FilterField` type); this module only evaluates it against the items.

use std::cmp::Ordering;

use linode_models::Page;
use linode_requests::filter::{Filter, FilterField, Order};
use linode_requests::Pagination;
use serde::Serialize;
use serde_json::Value;

use crate::reply::{to_value, Failure};

/// The page size when none is asked for.
pub(crate) const DEFAULT_PAGE_SIZE: u32 = 100;

/// A field of an item by dotted name (`entity.id`).
fn lookup<'a>(item: &'a Value, field: &str) -> Option<&'a Value> {
    field
        .split('.')
        .try_fold(item, |value, part| value.as_object()?.get(part))
}

fn matches_condition(condition: &Value, item: &Value) -> bool {
    let Value::Object(object) = condition else {
        return false;
    };
    object.iter().all(|(key, value)| match key.as_str() {
        "+and" => value
            .as_array()
            .is_some_and(|parts| parts.iter().all(|p| matches_condition(p, item))),
        "+or" => value
            .as_array()
            .is_some_and(|parts| parts.iter().any(|p| matches_condition(p, item))),
        field => {
            let actual = lookup(item, field);
            match value {
                Value::Object(ops) => ops.iter().all(|(op, operand)| compare(op, actual, operand)),
                plain => compare("+eq", actual, plain),
            }
        }
    })
}

fn equal(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        // Tags and other lists match when any element does.
        (Value::Array(items), _) => items.iter().any(|i| equal(i, expected)),
        (a, b) => a == b,
    }
}

fn order(actual: &Value, expected: &Value) -> Option<Ordering> {
    match (actual, expected) {
        (Value::Number(a), Value::Number(b)) => a.as_f64()?.partial_cmp(&b.as_f64()?),
        (Value::String(a), Value::String(b)) => Some(a.as_str().cmp(b.as_str())),
        (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

fn contains(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::String(a), Value::String(b)) => a.to_lowercase().contains(&b.to_lowercase()),
        (Value::Array(items), _) => items.iter().any(|i| contains(i, expected)),
        _ => false,
    }
}

fn compare(op: &str, actual: Option<&Value>, operand: &Value) -> bool {
    let actual = actual.unwrap_or(&Value::Null);
    match op {
        "+eq" => equal(actual, operand),
        "+neq" => !equal(actual, operand),
        "+gt" => order(actual, operand) == Some(Ordering::Greater),
        "+gte" => matches!(
            order(actual, operand),
            Some(Ordering::Greater | Ordering::Equal)
        ),
        "+lt" => order(actual, operand) == Some(Ordering::Less),
        "+lte" => matches!(
            order(actual, operand),
            Some(Ordering::Less | Ordering::Equal)
        ),
        "+contains" => contains(actual, operand),
        _ => false,
    }
}

fn compare_for_sort(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => order(a, b).unwrap_or_else(|| rank(a).cmp(&rank(b))),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Orders values of different kinds: nulls last.
fn rank(value: &Value) -> u8 {
    match value {
        Value::Bool(_) => 0,
        Value::Number(_) => 1,
        Value::String(_) => 2,
        Value::Array(_) | Value::Object(_) => 3,
        Value::Null => 4,
    }
}

/// Filters, orders and pages `items` as `pagination` and `filter` ask.
pub(crate) fn page_of<'a, T, F>(
    items: impl IntoIterator<Item = &'a T>,
    pagination: Pagination,
    filter: Option<&Filter<F>>,
) -> Result<Page<T>, Failure>
where
    T: Serialize + Clone + 'a,
    F: FilterField,
{
    let page = pagination.page_number().unwrap_or(1).max(1);
    let page_size = pagination
        .page_size_value()
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .max(1);
    let condition = filter.and_then(Filter::condition);
    // `+order` alone orders by id, as the API does.
    let order_by = filter.and_then(|f| match (f.order_by_field(), f.order()) {
        (Some(field), order) => Some((field.name(), order == Some(Order::Desc))),
        (None, Some(order)) => Some(("id", order == Order::Desc)),
        (None, None) => None,
    });
    let mut matching: Vec<&T> = Vec::new();
    let mut keys: Vec<Value> = Vec::new();
    for item in items {
        if condition.is_none() && order_by.is_none() {
            matching.push(item);
            continue;
        }
        // Only a filtered or ordered list pays for the JSON view of its items.
        let value = to_value(item)?;
        if condition.is_none_or(|c| matches_condition(c, &value)) {
            matching.push(item);
            keys.push(value);
        }
    }
    if let Some((field, descending)) = order_by {
        let mut order: Vec<usize> = (0..matching.len()).collect();
        order.sort_by(|a, b| {
            let ordering = compare_for_sort(lookup(&keys[*a], field), lookup(&keys[*b], field));
            if descending {
                ordering.reverse()
            } else {
                ordering
            }
        });
        matching = order.into_iter().map(|i| matching[i]).collect();
    }
    let results = u32::try_from(matching.len()).unwrap_or(u32::MAX);
    let pages = results.div_ceil(page_size).max(1);
    let skip = usize::try_from(u64::from(page - 1) * u64::from(page_size)).unwrap_or(usize::MAX);
    let data = matching
        .into_iter()
        .skip(skip)
        .take(page_size as usize)
        .cloned()
        .collect();
    Ok(Page {
        data,
        page,
        pages,
        results,
        extra: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Field {
        Id,
        Label,
        EntityId,
        Tags,
    }

    impl FilterField for Field {
        const ALL: &'static [Self] = &[Field::Id, Field::Label, Field::EntityId, Field::Tags];
        fn name(self) -> &'static str {
            match self {
                Field::Id => "id",
                Field::Label => "label",
                Field::EntityId => "entity.id",
                Field::Tags => "tags",
            }
        }
    }

    fn items() -> Vec<Value> {
        (1..=10)
            .map(|i| json!({"id": i, "label": format!("key-{i}"), "entity": {"id": i * 10}, "tags": ["a"]}))
            .collect()
    }

    fn run(filter: &str) -> Vec<i64> {
        let f = Filter::<Field>::from_json(filter.as_bytes()).unwrap();
        page_of(items().iter(), Pagination::new(), Some(&f))
            .unwrap()
            .data
            .iter()
            .map(|v| v["id"].as_i64().unwrap())
            .collect()
    }

    #[test]
    fn operators_and_nesting() {
        assert_eq!(run(r#"{"id": 3}"#), vec![3]);
        assert_eq!(run(r#"{"id": {"+gt": 8}}"#), vec![9, 10]);
        assert_eq!(run(r#"{"id": {"+gte": 9, "+lt": 10}}"#), vec![9]);
        assert_eq!(run(r#"{"entity.id": {"+lte": 20}}"#), vec![1, 2]);
        assert_eq!(run(r#"{"label": {"+contains": "KEY-1"}}"#), vec![1, 10]);
        assert_eq!(
            run(r#"{"id": {"+neq": 1}, "entity.id": {"+lt": 40}}"#),
            vec![2, 3]
        );
        assert_eq!(
            run(
                r#"{"+or": [{"id": 1}, {"+and": [{"id": {"+gt": 4}}, {"id": {"+lt": 6}}]}], "+order_by": "id", "+order": "desc"}"#
            ),
            vec![5, 1]
        );
        assert_eq!(
            run(r#"{"+order": "desc", "id": {"+lte": 3}}"#),
            vec![3, 2, 1]
        );
        assert_eq!(run(r#"{"tags": "a", "id": {"+lte": 2}}"#), vec![1, 2]);
    }

    #[test]
    fn pages_are_cut_from_the_matching_items() {
        let all = items();
        let page =
            page_of::<_, Field>(all.iter(), Pagination::new().page(2).page_size(25), None).unwrap();
        assert_eq!((page.page, page.pages, page.results), (2, 1, 10));
        assert!(page.data.is_empty());
        let first = page_of::<_, Field>(all.iter(), Pagination::new(), None).unwrap();
        assert_eq!(first.data.len(), 10);
    }
}
