//! What a handler answers: a success ([`Answer`]) or the API's error shape ([`Failure`]).

use bytes::Bytes;
use http::StatusCode;
use linode_models::{ErrorBody, FieldError};
use serde::Serialize;

/// The body of a successful answer.
#[derive(Debug, Clone)]
pub(crate) enum AnswerBody {
    /// A JSON value (`application/json`).
    Json(serde_json::Value),
    /// A PNG image (`image/png`).
    Png(Bytes),
    /// No body at all (`204`).
    Empty,
}

/// A successful answer.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) body: AnswerBody,
}

/// An error answer: a status and the API's `{"errors": [...]}`.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub(crate) status: StatusCode,
    pub(crate) errors: Vec<FieldError>,
}

/// What every handler returns.
pub(crate) type Reply = Result<Answer, Failure>;

impl Failure {
    /// A failure with one error not tied to a field.
    pub(crate) fn new(status: StatusCode, reason: impl Into<String>) -> Self {
        Self {
            status,
            errors: vec![FieldError {
                field: None,
                reason: reason.into(),
            }],
        }
    }

    /// A 400 naming the field at fault.
    pub(crate) fn field(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            errors: vec![FieldError {
                field: Some(field.into()),
                reason: reason.into(),
            }],
        }
    }

    /// A 400 with several field errors at once (`errors` must not be empty to be useful).
    pub(crate) fn fields(errors: Vec<FieldError>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            errors,
        }
    }

    /// The API's 404.
    pub(crate) fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "Not found")
    }

    /// The body as JSON bytes.
    pub(crate) fn to_bytes(&self) -> Bytes {
        let body = ErrorBody {
            errors: self.errors.clone(),
        };
        // Serializing strings into JSON cannot fail; keep a fixed fallback anyway.
        serde_json::to_vec(&body)
            .map(Bytes::from)
            .unwrap_or_else(|_| Bytes::from_static(br#"{"errors":[{"reason":"Internal error"}]}"#))
    }
}

/// A 200 with `value` serialized as JSON.
pub(crate) fn ok<T: Serialize + ?Sized>(value: &T) -> Reply {
    json(StatusCode::OK, value)
}

/// `value` serialized as JSON, with `status`.
pub(crate) fn json<T: Serialize + ?Sized>(status: StatusCode, value: &T) -> Reply {
    let value = to_value(value)?;
    Ok(Answer {
        status,
        body: AnswerBody::Json(value),
    })
}

/// The empty object `{}` with 200.
pub(crate) fn empty_object() -> Reply {
    Ok(Answer {
        status: StatusCode::OK,
        body: AnswerBody::Json(serde_json::Value::Object(serde_json::Map::new())),
    })
}

/// `204 No Content`.
pub(crate) fn no_content() -> Reply {
    Ok(Answer {
        status: StatusCode::NO_CONTENT,
        body: AnswerBody::Empty,
    })
}

/// A PNG image.
pub(crate) fn png(bytes: Bytes) -> Reply {
    Ok(Answer {
        status: StatusCode::OK,
        body: AnswerBody::Png(bytes),
    })
}

/// Serializes a model to a JSON value; a failure (which models never produce) is a 500.
pub(crate) fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<serde_json::Value, Failure> {
    serde_json::to_value(value).map_err(|e| {
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("linode-fake could not serialize its answer: {e}"),
        )
    })
}
