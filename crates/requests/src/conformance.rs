//! Checks recorded API exchanges against the models: route, parse, write back, compare.
//!
//! A *case* is one recorded response (as JSON: method, path, status, headers, body). Checking
//! it routes the path to its operation, parses the response with that operation's output type,
//! serializes the typed value back to JSON, and compares: every key of the recorded body, at
//! any depth, must come back with an equal value. A key that does not is a field the model
//! drops or changes: a gap to fix before users lose data.
//!
//! The `conformance` example runs this over a directory of files; the tests run it over
//! `tests/fixtures/`.

use bytes::Bytes;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::registry::{route, OperationInfo};
use crate::Error;

/// One recorded exchange.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    /// The request method.
    pub method: String,
    /// The request path, starting with `/v4` or `/v4beta` (or the bare path).
    pub path: String,
    /// The query string, if any (without `?`).
    #[serde(default)]
    pub query: Option<String>,
    /// The response status.
    pub status: u16,
    /// The response headers.
    #[serde(default)]
    pub headers: Map<String, Value>,
    /// The response body: JSON, a string for a non-JSON body, or `null` for no body.
    #[serde(default)]
    pub body: Value,
}

/// What checking a case found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "result", content = "detail", rename_all = "snake_case")]
pub enum Outcome {
    /// The body parsed, and everything in it came back.
    Ok,
    /// No operation has this method and path.
    NoRoute(String),
    /// The response could not be parsed (or an error status did not parse as an API error).
    ParseError(String),
    /// These JSON paths were lost or changed in the round trip.
    FieldsLost(Vec<String>),
}

impl Outcome {
    /// Whether the case passed.
    pub fn is_ok(&self) -> bool {
        matches!(self, Outcome::Ok)
    }
}

/// The result of one case: which operation it routed to, and the outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The operation's type name, if the path routed.
    pub operation: Option<&'static str>,
    /// What was found.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The JSON paths of members that no model field holds: kept (in the models' `extra`)
    /// and written back, so not lost, but not typed either: a gap in the models to look at.
    pub unmodelled: Vec<String>,
}

impl Case {
    fn body_bytes(&self) -> Bytes {
        match &self.body {
            Value::Null => Bytes::new(),
            Value::String(text) => Bytes::from(text.clone().into_bytes()),
            other => Bytes::from(other.to_string().into_bytes()),
        }
    }

    fn response(&self) -> Result<http::Response<Bytes>, String> {
        let mut builder = http::Response::builder().status(self.status);
        for (name, value) in &self.headers {
            let text = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            builder = builder.header(name.as_str(), text);
        }
        builder
            .body(self.body_bytes())
            .map_err(|e| format!("the recorded response is not valid HTTP: {e}"))
    }
}

/// Checks one case.
pub fn check(case: &Case) -> Report {
    let Ok(method) = http::Method::from_bytes(case.method.as_bytes()) else {
        return Report {
            operation: None,
            outcome: Outcome::NoRoute(format!("not an HTTP method: {:?}", case.method)),
            unmodelled: Vec::new(),
        };
    };
    let Some(found) = route(&method, &case.path) else {
        return Report {
            operation: None,
            outcome: Outcome::NoRoute(format!("no operation for {} {}", case.method, case.path)),
            unmodelled: Vec::new(),
        };
    };
    let outcome = check_with(found.info, case);
    let unmodelled = if outcome.is_ok() {
        unmodelled(found.info, case)
    } else {
        Vec::new()
    };
    Report {
        operation: Some(found.info.meta.name),
        outcome,
        unmodelled,
    }
}

/// The members of the recorded body that the models keep only in `extra`: parsed again and
/// written with known fields only, they are the ones that do not come back.
fn unmodelled(info: &OperationInfo, case: &Case) -> Vec<String> {
    let Ok(response) = case.response() else {
        return Vec::new();
    };
    let Ok(Some(known)) = linode_models::Extra::omitted_in(|| info.parse_to_json(response)) else {
        return Vec::new();
    };
    let mut recorded = case.body.clone();
    if let Value::Object(map) = &mut recorded {
        map.remove("warnings");
    }
    let mut missing = Vec::new();
    compare(&recorded, &known, &mut String::from("$"), &mut missing);
    missing
        .into_iter()
        .map(|m| m.trim_end_matches(" (missing)").to_owned())
        .collect()
}

fn check_with(info: &OperationInfo, case: &Case) -> Outcome {
    let response = match case.response() {
        Ok(r) => r,
        Err(e) => return Outcome::ParseError(e),
    };
    match info.parse_to_json(response) {
        Ok(Some(written)) => {
            let mut recorded = case.body.clone();
            if matches!(case.status, 202 | 299) {
                // A 202's or 299's `warnings` belong to the envelope: the parser hands them over
                // separately (`ApiResponse::warnings`), not as part of the typed value.
                if let Value::Object(map) = &mut recorded {
                    map.remove("warnings");
                }
            }
            let mut lost = Vec::new();
            compare(&recorded, &written, &mut String::from("$"), &mut lost);
            if lost.is_empty() {
                Outcome::Ok
            } else {
                Outcome::FieldsLost(lost)
            }
        }
        Ok(None) => Outcome::Ok,
        Err(Error::Api(api)) if case.status >= 400 => {
            // An error response: its `errors` array must survive too.
            let recorded = case.body.get("errors").cloned().unwrap_or(Value::Null);
            let parsed = serde_json::to_value(&api.errors).unwrap_or(Value::Null);
            let mut lost = Vec::new();
            if recorded.is_array() {
                compare(&recorded, &parsed, &mut String::from("$.errors"), &mut lost);
            }
            if lost.is_empty() {
                Outcome::Ok
            } else {
                Outcome::FieldsLost(lost)
            }
        }
        Err(e) => Outcome::ParseError(e.to_string()),
    }
}

/// Records in `lost` every path of `recorded` that `written` does not reproduce.
fn compare(recorded: &Value, written: &Value, path: &mut String, lost: &mut Vec<String>) {
    match (recorded, written) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let len = path.len();
                path.push('.');
                path.push_str(key);
                match b.get(key) {
                    Some(other) => compare(value, other, path, lost),
                    None => lost.push(format!("{path} (missing)")),
                }
                path.truncate(len);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                lost.push(format!("{path} (length {} became {})", a.len(), b.len()));
                return;
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                compare(x, y, path, lost);
                path.truncate(len);
            }
        }
        // 5 and 5.0 are the same number to JSON readers.
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => {}
        (x, y) if x == y => {}
        (x, y) => lost.push(format!("{path} ({x} became {y})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(json: &str) -> Case {
        serde_json::from_str(json).expect("valid case")
    }

    #[test]
    fn a_complete_body_passes() {
        let c = case(
            r#"{"method":"GET","path":"/v4/profile/sshkeys/9","status":200,
                "body":{"id":9,"label":"a","ssh_key":"ssh-rsa X","created":"2020-02-02T02:02:02"}}"#,
        );
        let r = check(&c);
        assert_eq!(r.operation, Some("profile::GetSshKey"));
        assert_eq!(r.outcome, Outcome::Ok);
    }

    #[test]
    fn an_unknown_field_is_kept_and_reported_unmodelled() {
        let c = case(
            r#"{"method":"GET","path":"/v4beta/profile/sshkeys/9","status":200,
                "body":{"id":9,"label":"a","ssh_key":"ssh-rsa X","created":"2020-02-02T02:02:02","fingerprint":"ab:cd"}}"#,
        );
        let report = check(&c);
        assert_eq!(report.outcome, Outcome::Ok);
        assert_eq!(report.unmodelled, vec!["$.fingerprint".to_owned()]);
    }

    #[test]
    fn a_changed_value_is_reported_lost() {
        let recorded = serde_json::json!({"a": {"b": 1, "c": [true]}, "d": "x"});
        let written = serde_json::json!({"a": {"b": 1.0, "c": [false]}});
        let mut lost = Vec::new();
        compare(&recorded, &written, &mut String::from("$"), &mut lost);
        assert_eq!(lost, vec!["$.a.c[0] (true became false)", "$.d (missing)"]);
    }

    #[test]
    fn errors_parse_errors_and_routes_are_reported() {
        let ok = case(
            r#"{"method":"GET","path":"/v4/profile/sshkeys/9","status":404,
                "body":{"errors":[{"reason":"Not found"}]}}"#,
        );
        assert!(check(&ok).outcome.is_ok());
        let bad = case(
            r#"{"method":"GET","path":"/v4/profile/sshkeys/9","status":200,"body":{"id":"nine"}}"#,
        );
        assert!(matches!(check(&bad).outcome, Outcome::ParseError(_)));
        let nowhere = case(r#"{"method":"GET","path":"/v4/nowhere","status":200,"body":{}}"#);
        assert!(matches!(check(&nowhere).outcome, Outcome::NoRoute(_)));
        let html = case(
            r#"{"method":"GET","path":"/v4/profile/sshkeys","status":502,
                "headers":{"content-type":"text/html"},"body":"<html>Bad gateway</html>"}"#,
        );
        assert!(check(&html).outcome.is_ok());
    }
}
