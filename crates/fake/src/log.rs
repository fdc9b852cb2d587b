//! The request log: what the server saw and what it answered, for tests to read.

use std::collections::VecDeque;

use bytes::Bytes;

use crate::faults::Fault;

/// How many requests the log keeps; older entries are dropped first.
pub const LOG_CAPACITY: usize = 10_000;

/// The request headers the log keeps (the `Authorization` value is redacted).
pub(crate) const LOGGED_HEADERS: &[&str] = &[
    "authorization",
    "user-agent",
    "content-type",
    "accept",
    "x-filter",
    "idempotency-key",
    "accept-encoding",
];

/// The operations whose request bodies carry card data.
const CARD_OPERATIONS: &[&str] = &["post-payment-method", "post-credit-card"];

/// The JSON keys whose values are card data, at any depth, in any body.
const CARD_KEYS: &[&str] = &["card_number", "cvv", "expiry_month", "expiry_year"];

/// The payment method types a card operation's `type` may show in the log.
const METHOD_TYPES: &[&str] = &["credit_card", "google_pay", "paypal"];

/// What the log holds instead of a body that may carry card data but is not JSON.
pub const REDACTED_BODY: &[u8] = b"[redacted: a body with card data that is not JSON]";

const REDACTED: &str = "[redacted]";

/// The body as the log keeps it, without card data.
///
/// In the body of a card operation every string and number becomes `"[redacted]"` (a card
/// number may sit anywhere a client puts it), except a known payment method `type`;
/// booleans such as `is_default` stay. In any other body that names a card key, the values
/// of those keys are redacted. A body that must be redacted but is not JSON is replaced
/// whole by [`REDACTED_BODY`]. Other bodies are kept as they are.
pub(crate) fn redact_card_data(operation: Option<&str>, body: Bytes) -> Bytes {
    let card_operation = operation.is_some_and(|op| CARD_OPERATIONS.contains(&op));
    let names_card_key = CARD_KEYS
        .iter()
        .any(|key| body.windows(key.len()).any(|w| w == key.as_bytes()));
    if body.is_empty() || !(card_operation || names_card_key) {
        return body;
    }
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return Bytes::from_static(REDACTED_BODY);
    };
    if card_operation {
        redact_scalars(&mut value);
    } else {
        redact_card_keys(&mut value);
    }
    serde_json::to_vec(&value)
        .map(Bytes::from)
        .unwrap_or_else(|_| Bytes::from_static(REDACTED_BODY))
}

fn redact_scalars(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(object) => {
            for (key, inner) in object.iter_mut() {
                let known_type =
                    key == "type" && inner.as_str().is_some_and(|t| METHOD_TYPES.contains(&t));
                if !known_type {
                    redact_scalars(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_scalars),
        Value::String(_) | Value::Number(_) => *value = Value::from(REDACTED),
        Value::Bool(_) | Value::Null => {}
    }
}

fn redact_card_keys(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(object) => {
            for (key, inner) in object.iter_mut() {
                if CARD_KEYS.contains(&key.as_str()) {
                    *inner = serde_json::Value::from(REDACTED);
                } else {
                    redact_card_keys(inner);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_card_keys),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logged(operation: Option<&str>, body: &str) -> String {
        let kept = redact_card_data(operation, Bytes::from(body.to_owned()));
        String::from_utf8_lossy(&kept).into_owned()
    }

    fn json(text: &str) -> serde_json::Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn card_data_never_reaches_the_log() {
        let number = "6011432319487574";
        let add = Some("post-payment-method");
        let body = format!(
            r#"{{"type":"credit_card","is_default":true,"data":{{"card_number":"{number}","cvv":"907","expiry_month":4,"expiry_year":2031}}}}"#
        );
        assert_eq!(
            json(&logged(add, &body)),
            json(
                r#"{"type":"credit_card","is_default":true,"data":{"card_number":"[redacted]","cvv":"[redacted]","expiry_month":"[redacted]","expiry_year":"[redacted]"}}"#
            )
        );
        for body in [
            format!(r#"{{"type":"{number}","data":[{number}]}}"#),
            format!(r#""{number}""#),
            format!(r#"{{"data":"{number}"}}"#),
        ] {
            let kept = logged(add, &body);
            assert!(!kept.contains(number), "{kept}");
            assert!(!logged(Some("post-credit-card"), &body).contains(number));
        }
        assert_eq!(
            logged(add, &format!("number={number}")).as_bytes(),
            REDACTED_BODY
        );
        // A card sent where it does not belong is still redacted, other bodies are kept.
        let stray = format!(r#"{{"label":"x","card_number":"{number}"}}"#);
        assert_eq!(
            json(&logged(Some("post-add-ssh-key"), &stray)),
            json(r#"{"label":"x","card_number":"[redacted]"}"#)
        );
        let plain = r#"{"label":"laptop","ssh_key":"ssh-ed25519 AAAA"}"#;
        assert_eq!(logged(Some("post-add-ssh-key"), plain), plain);
        assert_eq!(logged(add, ""), "");
    }
}

/// One request the server received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    /// The method, e.g. `GET`.
    pub method: String,
    /// The path, e.g. `/v4/profile/sshkeys/42`.
    pub path: String,
    /// The query string without `?`, if any.
    pub query: Option<String>,
    /// The `operationId` the request routed to, if it routed.
    pub operation: Option<&'static str>,
    /// Selected request headers, lower-case names: `authorization` (as `Bearer [redacted]`),
    /// `user-agent`, `content-type`, `accept`, `x-filter`, `idempotency-key`,
    /// `accept-encoding`.
    pub headers: Vec<(String, String)>,
    /// The request body as received (empty when it was not read), except card data: the
    /// values of `card_number`, `cvv`, `expiry_month` and `expiry_year` read `"[redacted]"`,
    /// and a body of a card operation that is not JSON is replaced whole (see
    /// [`REDACTED_BODY`]).
    pub body: Bytes,
    /// The status answered; `None` when the connection was dropped without an answer.
    pub status: Option<u16>,
    /// The fault injected into this request, if any.
    pub fault: Option<Fault>,
    /// The `Content-Encoding` of the answer (`Some("gzip")` when it was compressed).
    pub content_encoding: Option<&'static str>,
}

impl LoggedRequest {
    /// A logged header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// The log itself, bounded.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    entries: VecDeque<LoggedRequest>,
}

impl RequestLog {
    pub(crate) fn push(&mut self, entry: LoggedRequest) {
        if self.entries.len() >= LOG_CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    pub(crate) fn snapshot(&self) -> Vec<LoggedRequest> {
        self.entries.iter().cloned().collect()
    }

    pub(crate) fn count(&self, operation: &str) -> usize {
        self.entries
            .iter()
            .filter(|e| e.operation == Some(operation))
            .count()
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}
