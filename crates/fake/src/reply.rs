//! What a handler answers: a typed success ([`Answer`]) or the API's error shape
//! ([`Failure`]), and how an answer becomes bytes.

use bytes::Bytes;
use http::StatusCode;
use linode_models::{ErrorBody, FieldError, Warning};
use linode_requests::{PngImage, RequestError};
use serde::Serialize;

/// A successful answer to an operation whose output is `T`: the value, and what the API
/// says beside it (a status other than 200, warnings).
///
/// A handler returns `Result<O::Output, Failure>` for a plain 200, or
/// `Result<Answer<O::Output>, Failure>` when it needs more: [`Answer::accepted`] (202),
/// [`Answer::no_content`] (204), [`Answer::with_warning`].
#[derive(Debug, Clone)]
pub(crate) struct Answer<T> {
    pub(crate) value: T,
    pub(crate) status: StatusCode,
    pub(crate) warnings: Vec<Warning>,
}

impl<T> From<T> for Answer<T> {
    fn from(value: T) -> Self {
        Self {
            value,
            status: StatusCode::OK,
            warnings: Vec::new(),
        }
    }
}

impl<T> Answer<T> {
    /// `204 No Content`: nothing is sent; `value` is what the SDK reads from the empty body
    /// (an unrestricted user's grants), kept so the handler stays typed.
    pub(crate) fn no_content(value: T) -> Self {
        Self {
            value,
            status: StatusCode::NO_CONTENT,
            warnings: Vec::new(),
        }
    }

    /// `202 Accepted` (a payment accepted for processing).
    #[allow(dead_code)] // kept for handlers that answer 202; none does today
    pub(crate) fn accepted(value: T) -> Self {
        Self {
            value,
            status: StatusCode::ACCEPTED,
            warnings: Vec::new(),
        }
    }

    /// Adds a warning to the body's `warnings` (a deprecated operation answers 299 with it).
    pub(crate) fn with_warning(mut self, warning: Warning) -> Self {
        self.warnings.push(warning);
        self
    }
}

/// The body of a successful answer, encoded.
#[derive(Debug, Clone)]
pub(crate) enum AnswerBody {
    /// A JSON value (`application/json`).
    Json(serde_json::Value),
    /// A PNG image (`image/png`).
    Png(Bytes),
    /// No body at all (`204`).
    Empty,
}

/// A successful answer, encoded.
#[derive(Debug, Clone)]
pub(crate) struct Encoded {
    pub(crate) status: StatusCode,
    pub(crate) body: AnswerBody,
    pub(crate) warnings: Vec<Warning>,
}

impl Encoded {
    /// A JSON answer (or no body, for a 204).
    pub(crate) fn json<T: Serialize>(answer: Answer<T>) -> Result<Self, Failure> {
        let body = if answer.status == StatusCode::NO_CONTENT {
            AnswerBody::Empty
        } else {
            AnswerBody::Json(to_value(&answer.value)?)
        };
        Ok(Self {
            status: answer.status,
            body,
            warnings: answer.warnings,
        })
    }

    /// A PNG answer.
    pub(crate) fn png(answer: Answer<PngImage>) -> Result<Self, Failure> {
        Ok(Self {
            status: answer.status,
            body: AnswerBody::Png(answer.value.bytes),
            warnings: answer.warnings,
        })
    }
}

/// An error answer: a status and the API's `{"errors": [...]}`.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub(crate) status: StatusCode,
    pub(crate) errors: Vec<FieldError>,
}

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

    /// A 400 not tied to a field.
    pub(crate) fn bad_request(reason: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, reason)
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

impl From<RequestError> for Failure {
    /// How the API answers a request that does not read as its operation: an id that is not
    /// a number addresses nothing (404); a bad page, filter or body is a 400 naming it.
    fn from(error: RequestError) -> Self {
        match error {
            RequestError::Query { name, reason } => Failure::field(name, reason),
            RequestError::Filter(e) => Failure::field("X-Filter", e.reason()),
            RequestError::Body { field, reason } => {
                Failure::fields(vec![FieldError { field, reason }])
            }
            _ => Failure::not_found(),
        }
    }
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
