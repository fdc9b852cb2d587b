//! Spec drift: which members a spec's response schemas have that the models lack, and the
//! reverse. Shared by `tests/spec_conformance.rs` and `examples/spec_drift.rs` (point it at a
//! newer spec file to see what changed; docs/live-api.md).

use bytes::Bytes;
use linode::models::Extra;
use linode::requests::registry;
use serde_json::{Map, Value};

/// What one operation's response model and the spec's schema disagree on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Drift {
    /// The spec's operation id.
    pub(crate) operation_id: String,
    /// The SDK's operation type.
    pub(crate) operation: &'static str,
    /// JSON paths the spec has that no model field holds (kept in `extra`, untyped).
    pub(crate) spec_only: Vec<String>,
    /// JSON paths the models have that the spec does not list.
    pub(crate) model_only: Vec<String>,
    /// Set when a spec-shaped body does not parse at all.
    pub(crate) parse_error: Option<String>,
}

impl Drift {
    /// Whether the model and the spec agree.
    #[allow(dead_code)] // used by the example, not by every test
    pub(crate) fn is_empty(&self) -> bool {
        self.spec_only.is_empty() && self.model_only.is_empty() && self.parse_error.is_none()
    }
}

/// Compares every success response schema of `spec` with the model the SDK parses it into.
/// Operations the SDK does not implement are skipped (the metadata test reports them).
pub(crate) fn drift(spec: &Value) -> Vec<Drift> {
    let mut out = Vec::new();
    for (_, item) in spec["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            if method == "parameters" {
                continue;
            }
            let Some(id) = op["operationId"].as_str() else {
                continue;
            };
            let Some(info) = registry::by_id(id) else {
                continue;
            };
            let Some(schema) = op["responses"]["200"]["content"]["application/json"].get("schema")
            else {
                continue;
            };
            let body = sample(schema, 0);
            let parse = |known_only: bool| {
                let response = http::Response::builder()
                    .status(200)
                    .header("content-type", "application/json")
                    .body(Bytes::from(body.to_string()))
                    .map_err(|e| e.to_string())?;
                if known_only {
                    Extra::omitted_in(|| info.parse_to_json(response))
                } else {
                    info.parse_to_json(response)
                }
                .map_err(|e| e.to_string())
            };
            let mut d = Drift {
                operation_id: id.to_owned(),
                operation: info.meta.name,
                spec_only: Vec::new(),
                model_only: Vec::new(),
                parse_error: None,
            };
            match (parse(true), parse(false)) {
                (Ok(Some(known)), Ok(Some(_))) => {
                    missing_paths(&body, &known, "$", &mut d.spec_only);
                    missing_paths(&known, &body, "$", &mut d.model_only);
                }
                (Ok(_), Ok(_)) => {}
                (Err(e), _) | (_, Err(e)) => d.parse_error = Some(e),
            }
            out.push(d);
        }
    }
    out.sort_by(|a, b| a.operation_id.cmp(&b.operation_id));
    out
}

/// The object members of `a` (at any depth) that `b` does not have. Arrays are compared by
/// their first item (a sample has one).
fn missing_paths(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let here = format!("{path}.{k}");
                match y.get(k) {
                    Some(w) => missing_paths(v, w, &here, out),
                    None => out.push(here),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            if let (Some(v), Some(w)) = (x.first(), y.first()) {
                missing_paths(v, w, &format!("{path}[0]"), out);
            }
        }
        _ => {}
    }
}

/// A value for `schema` with every property present.
pub(crate) fn sample(schema: &Value, depth: usize) -> Value {
    if depth > 12 {
        return Value::Null;
    }
    if let Some(all) = schema["allOf"].as_array() {
        let mut merged = Map::new();
        for part in all {
            if let Value::Object(o) = sample(part, depth + 1) {
                merged.extend(o);
            }
        }
        return Value::Object(merged);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(first) = schema[key].as_array().and_then(|a| a.first()) {
            return sample(first, depth + 1);
        }
    }
    // An example that contradicts the declared type (the spec has a few, e.g. a string field
    // with a numeric example) is ignored: the type is the contract.
    // A string field whose example is a number (the spec has a few: `unit_price`,
    // `last_four`) means the number's text.
    let example = match (schema["type"].as_str(), schema.get("example")) {
        (Some("string"), Some(Value::Number(n))) => Some(Value::String(n.to_string())),
        (_, e) => e.cloned(),
    };
    let example = example.filter(|e| {
        matches!(
            (schema["type"].as_str(), e),
            (Some("string"), Value::String(_))
                | (Some("integer"), Value::Number(_))
                | (Some("number"), Value::Number(_))
                | (Some("boolean"), Value::Bool(_))
                | (Some("array"), Value::Array(_))
                | (Some("object"), Value::Object(_))
                | (None, _)
        )
    });
    match schema["type"].as_str() {
        Some("object") | None if schema.get("properties").is_some() => {
            let mut out = Map::new();
            for (name, prop) in schema["properties"].as_object().into_iter().flatten() {
                if prop["writeOnly"].as_bool() == Some(true) {
                    continue;
                }
                if name == "time_remaining" {
                    // Typed a string with no example: the live API's clock form.
                    out.insert(name.clone(), Value::from("00:05:00"));
                    continue;
                }
                out.insert(name.clone(), sample(prop, depth + 1));
            }
            Value::Object(out)
        }
        Some("object") => example.unwrap_or_else(|| Value::Object(Map::new())),
        Some("array") => match example {
            Some(e @ Value::Array(_)) if !schema["items"]["properties"].is_object() => e,
            _ => Value::Array(vec![sample(&schema["items"], depth + 1)]),
        },
        Some("string") => example.unwrap_or_else(|| {
            if let Some(first) = schema["enum"].as_array().and_then(|e| e.first()) {
                return first.clone();
            }
            match schema["format"].as_str() {
                Some("date-time") => Value::from("2021-03-04T05:06:07"),
                Some("date") => Value::from("2021-03-04"),
                _ => Value::from("text"),
            }
        }),
        Some("integer") => example.unwrap_or_else(|| Value::from(7)),
        Some("number") => example.unwrap_or_else(|| Value::from(7.5)),
        Some("boolean") => example.unwrap_or(Value::Bool(true)),
        _ => example.unwrap_or(Value::Null),
    }
}
