//! One operation with its types erased: its metadata and a parser that writes the typed
//! output back as JSON.
//!
//! Each area's module lists its operations as `OperationInfo` values; [`crate::registry`]
//! gathers those lists. This type lives apart from the registry so that the operation modules
//! depend on it and the registry depends on them, never the other way round.

use bytes::Bytes;
use serde::Serialize;

use crate::error::Error;
use crate::meta::Metadata;
use crate::operation::{parse, Operation, PngImage};

/// One operation as the registry knows it: its metadata and a type-erased parser.
#[derive(Debug, Clone, Copy)]
pub struct OperationInfo {
    /// The operation's metadata.
    pub meta: Metadata,
    parse_to_json: fn(http::Response<Bytes>) -> Result<Option<serde_json::Value>, Error>,
}

impl OperationInfo {
    /// The entry of an operation whose output serializes back to JSON.
    pub const fn json<O>() -> Self
    where
        O: Operation,
        O::Output: Serialize,
    {
        Self {
            meta: O::META,
            parse_to_json: parse_json::<O>,
        }
    }

    /// The entry of an operation whose output is a PNG image.
    pub const fn png<O>() -> Self
    where
        O: Operation<Output = PngImage>,
    {
        Self {
            meta: O::META,
            parse_to_json: parse_png::<O>,
        }
    }

    /// Parses `response` with this operation's output type, then writes the typed value back
    /// as JSON (`None` for a binary output). The conformance runner compares that JSON with
    /// the body it started from, to find fields a model drops.
    pub fn parse_to_json(
        &self,
        response: http::Response<Bytes>,
    ) -> Result<Option<serde_json::Value>, Error> {
        (self.parse_to_json)(response)
    }
}

fn parse_json<O>(response: http::Response<Bytes>) -> Result<Option<serde_json::Value>, Error>
where
    O: Operation,
    O::Output: Serialize,
{
    let parsed = parse::<O::Output>(&O::META, response)?;
    // Serializing a model to a Value cannot fail (string keys, no non-finite floats);
    // a failure would still be reported, not panicked on.
    serde_json::to_value(&parsed.value).map(Some).map_err(|e| {
        Error::Decode(Box::new(crate::error::DecodeError {
            operation: O::META.name,
            status: parsed.status,
            path: ".".to_owned(),
            message: format!("could not serialize the parsed value back: {e}"),
            body_excerpt: String::new(),
        }))
    })
}

fn parse_png<O>(response: http::Response<Bytes>) -> Result<Option<serde_json::Value>, Error>
where
    O: Operation<Output = PngImage>,
{
    parse::<PngImage>(&O::META, response).map(|_| None)
}
