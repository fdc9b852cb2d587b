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
];

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
    /// `user-agent`, `content-type`, `accept`, `x-filter`, `idempotency-key`.
    pub headers: Vec<(String, String)>,
    /// The request body as received (empty when it was not read).
    pub body: Bytes,
    /// The status answered; `None` when the connection was dropped without an answer.
    pub status: Option<u16>,
    /// The fault injected into this request, if any.
    pub fault: Option<Fault>,
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
