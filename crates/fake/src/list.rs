//! Lists: `page` / `page_size`, the `X-Filter` language, and the page envelope.

use std::cmp::Ordering;

use http::StatusCode;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::reply::{to_value, Answer, AnswerBody, Failure, Reply};

/// The page size when none is asked for.
pub(crate) const DEFAULT_PAGE_SIZE: u32 = 100;
const MIN_PAGE_SIZE: u32 = 25;
const MAX_PAGE_SIZE: u32 = 500;
/// How deep `+and` / `+or` may nest before the filter is refused.
const MAX_FILTER_DEPTH: usize = 16;
/// How many conditions one filter may hold in all.
const MAX_FILTER_NODES: usize = 512;

/// The page asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PageRequest {
    pub(crate) page: u32,
    pub(crate) page_size: u32,
}

/// Reads `page` and `page_size` from a query string (other parameters are ignored).
pub(crate) fn page_request(query: &str) -> Result<PageRequest, Failure> {
    let mut request = PageRequest {
        page: 1,
        page_size: DEFAULT_PAGE_SIZE,
    };
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "page" => {
                request.page = value
                    .parse::<u32>()
                    .ok()
                    .filter(|p| *p >= 1)
                    .ok_or_else(|| Failure::field("page", "page must be a number of 1 or more"))?;
            }
            "page_size" => {
                request.page_size = value
                    .parse::<u32>()
                    .ok()
                    .filter(|s| (MIN_PAGE_SIZE..=MAX_PAGE_SIZE).contains(s))
                    .ok_or_else(|| {
                        Failure::field(
                            "page_size",
                            format!(
                                "page_size must be between {MIN_PAGE_SIZE} and {MAX_PAGE_SIZE}"
                            ),
                        )
                    })?;
            }
            _ => {}
        }
    }
    Ok(request)
}

/// A parsed, checked `X-Filter`.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListFilter {
    condition: Option<Value>,
    order_by: Option<String>,
    descending: bool,
}

fn filter_error(reason: impl Into<String>) -> Failure {
    Failure::field("X-Filter", reason)
}

impl ListFilter {
    /// Parses and checks an `X-Filter` header against the fields the list allows.
    pub(crate) fn parse(header: Option<&[u8]>, allowed: &[&str]) -> Result<Self, Failure> {
        let Some(raw) = header else {
            return Ok(Self::default());
        };
        let value: Value = serde_json::from_slice(raw)
            .map_err(|_| filter_error("The filter is not valid JSON"))?;
        let Value::Object(mut top) = value else {
            return Err(filter_error("The filter must be a JSON object"));
        };
        let order_by = match top.remove("+order_by") {
            None => None,
            Some(Value::String(field)) => {
                if !allowed.contains(&field.as_str()) {
                    return Err(filter_error(format!("Cannot filter on {field}")));
                }
                Some(field)
            }
            Some(_) => return Err(filter_error("+order_by must be a field name")),
        };
        let descending = match top.remove("+order") {
            None => false,
            Some(Value::String(o)) if o == "asc" => false,
            Some(Value::String(o)) if o == "desc" => true,
            Some(_) => return Err(filter_error("+order must be \"asc\" or \"desc\"")),
        };
        let mut nodes = 0;
        check_condition(&top, allowed, 0, &mut nodes)?;
        Ok(Self {
            condition: (!top.is_empty()).then_some(Value::Object(top)),
            // `+order` alone orders by id, as the API does.
            order_by: order_by.or_else(|| descending.then(|| "id".to_owned())),
            descending,
        })
    }

    /// Keeps the items the filter matches, in the order it asks for.
    pub(crate) fn apply(&self, mut items: Vec<Value>) -> Vec<Value> {
        if let Some(condition) = &self.condition {
            items.retain(|item| matches_condition(condition, item));
        }
        if let Some(field) = &self.order_by {
            items.sort_by(|a, b| {
                let ordering = compare_for_sort(lookup(a, field), lookup(b, field));
                if self.descending {
                    ordering.reverse()
                } else {
                    ordering
                }
            });
        }
        items
    }
}

fn check_condition(
    object: &Map<String, Value>,
    allowed: &[&str],
    depth: usize,
    nodes: &mut usize,
) -> Result<(), Failure> {
    if depth > MAX_FILTER_DEPTH {
        return Err(filter_error("The filter is nested too deeply"));
    }
    for (key, value) in object {
        *nodes += 1;
        if *nodes > MAX_FILTER_NODES {
            return Err(filter_error("The filter has too many conditions"));
        }
        match key.as_str() {
            "+and" | "+or" => {
                let Value::Array(parts) = value else {
                    return Err(filter_error(format!("{key} must be a list of filters")));
                };
                for part in parts {
                    let Value::Object(inner) = part else {
                        return Err(filter_error(format!("{key} must be a list of filters")));
                    };
                    check_condition(inner, allowed, depth + 1, nodes)?;
                }
            }
            "+order_by" | "+order" => {
                return Err(filter_error(format!(
                    "{key} is only allowed at the top of the filter"
                )))
            }
            op if op.starts_with('+') => {
                return Err(filter_error(format!("Unknown filter operator {op}")))
            }
            field => {
                if !allowed.contains(&field) {
                    return Err(filter_error(format!("Cannot filter on {field}")));
                }
                match value {
                    Value::Object(ops) => {
                        if ops.is_empty() {
                            return Err(filter_error(format!("No condition given for {field}")));
                        }
                        for (op, operand) in ops {
                            if !OPERATORS.contains(&op.as_str()) {
                                return Err(filter_error(format!(
                                    "Unknown filter operator {op} on {field}"
                                )));
                            }
                            if operand.is_object() || operand.is_array() {
                                return Err(filter_error(format!(
                                    "{op} on {field} needs a plain value"
                                )));
                            }
                        }
                    }
                    Value::Array(_) => {
                        return Err(filter_error(format!("{field} needs a plain value")))
                    }
                    _ => {}
                }
            }
        }
    }
    Ok(())
}

const OPERATORS: &[&str] = &["+eq", "+neq", "+gt", "+gte", "+lt", "+lte", "+contains"];

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

/// Filters, orders and pages `items`, answering with the API's page envelope.
pub(crate) fn page_of<'a, T: Serialize + 'a>(
    items: impl IntoIterator<Item = &'a T>,
    request: PageRequest,
    filter: &ListFilter,
) -> Reply {
    let values = items
        .into_iter()
        .map(|item| to_value(item))
        .collect::<Result<Vec<_>, _>>()?;
    let matching = filter.apply(values);
    let results = u32::try_from(matching.len()).unwrap_or(u32::MAX);
    let pages = results.div_ceil(request.page_size).max(1);
    let skip =
        usize::try_from(u64::from(request.page.saturating_sub(1)) * u64::from(request.page_size))
            .unwrap_or(usize::MAX);
    let data: Vec<Value> = matching
        .into_iter()
        .skip(skip)
        .take(request.page_size as usize)
        .collect();
    let mut envelope = Map::new();
    envelope.insert("data".to_owned(), Value::Array(data));
    envelope.insert("page".to_owned(), Value::from(request.page));
    envelope.insert("pages".to_owned(), Value::from(pages));
    envelope.insert("results".to_owned(), Value::from(results));
    Ok(Answer {
        status: StatusCode::OK,
        body: AnswerBody::Json(Value::Object(envelope)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn items() -> Vec<Value> {
        (1..=10)
            .map(|i| json!({"id": i, "label": format!("key-{i}"), "entity": {"id": i * 10}, "tags": ["a"]}))
            .collect()
    }

    fn run(filter: &str) -> Result<Vec<i64>, Failure> {
        let f = ListFilter::parse(
            Some(filter.as_bytes()),
            &["id", "label", "entity.id", "tags"],
        )?;
        Ok(f.apply(items())
            .iter()
            .map(|v| v["id"].as_i64().unwrap())
            .collect())
    }

    #[test]
    fn operators_and_nesting() {
        assert_eq!(run(r#"{"id": 3}"#).unwrap(), vec![3]);
        assert_eq!(run(r#"{"id": {"+gt": 8}}"#).unwrap(), vec![9, 10]);
        assert_eq!(run(r#"{"id": {"+gte": 9, "+lt": 10}}"#).unwrap(), vec![9]);
        assert_eq!(run(r#"{"entity.id": {"+lte": 20}}"#).unwrap(), vec![1, 2]);
        assert_eq!(
            run(r#"{"label": {"+contains": "KEY-1"}}"#).unwrap(),
            vec![1, 10]
        );
        assert_eq!(
            run(r#"{"id": {"+neq": 1}, "entity.id": {"+lt": 40}}"#).unwrap(),
            vec![2, 3]
        );
        assert_eq!(
            run(r#"{"+or": [{"id": 1}, {"+and": [{"id": {"+gt": 4}}, {"id": {"+lt": 6}}]}], "+order_by": "id", "+order": "desc"}"#).unwrap(),
            vec![5, 1]
        );
        assert_eq!(
            run(r#"{"tags": "a", "id": {"+lte": 2}}"#).unwrap(),
            vec![1, 2]
        );
    }

    #[test]
    fn bad_filters_are_400s() {
        for bad in [
            r#"{"ssh_key": "x"}"#,
            r#"{"+order_by": "ssh_key"}"#,
            r#"{"id": {"+like": 1}}"#,
            r#"{"+and": {"id": 1}}"#,
            r#"{"+order": "sideways"}"#,
            r#"[1]"#,
            r#"not json"#,
        ] {
            let err = run(bad).unwrap_err();
            assert_eq!(err.status, StatusCode::BAD_REQUEST, "{bad}");
        }
        let err = run(r#"{"ssh_key": "x"}"#).unwrap_err();
        assert_eq!(err.errors[0].reason, "Cannot filter on ssh_key");
        let deep = format!("{}{}", r#"{"+and":["#.repeat(40), r#"]}"#.repeat(40));
        assert!(run(&deep).is_err());
    }

    #[test]
    fn page_parameters() {
        assert_eq!(
            page_request("page=2&page_size=25&x=1").unwrap(),
            PageRequest {
                page: 2,
                page_size: 25
            }
        );
        assert_eq!(page_request("").unwrap().page_size, DEFAULT_PAGE_SIZE);
        for bad in [
            "page=0",
            "page=x",
            "page_size=24",
            "page_size=501",
            "page_size=",
        ] {
            assert_eq!(
                page_request(bad).unwrap_err().status,
                StatusCode::BAD_REQUEST,
                "{bad}"
            );
        }
    }
}
