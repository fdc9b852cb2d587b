//! Path parameters and their per-segment percent-encoding.
//!
//! A path parameter is user input placed inside a URL path. Encoded here, no value can leave
//! its segment: `/`, `?`, `#`, `%`, CR/LF, spaces and every non-ASCII byte are
//! percent-encoded; a value of `.` or `..` (which a server or proxy would resolve as a dot
//! segment) has its dots encoded; an empty value is refused (it would address the parent
//! collection, another endpoint).

use core::fmt::Write as _;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

use crate::error::BuildError;

/// Bytes left as they are in a path segment: RFC 3986 "unreserved" (letters, digits, `-._~`).
/// Everything else is encoded, even where a server might accept it raw.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One path parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathParam<'a> {
    /// A numeric id (`/profile/sshkeys/{ssh_key_id}`).
    Id(u64),
    /// A string (`/account/users/{username}`); encoded so it stays one segment.
    Text(&'a str),
}

impl From<u64> for PathParam<'_> {
    fn from(value: u64) -> Self {
        PathParam::Id(value)
    }
}

impl<'a> From<&'a str> for PathParam<'a> {
    fn from(value: &'a str) -> Self {
        PathParam::Text(value)
    }
}

impl<'a> From<&'a String> for PathParam<'a> {
    fn from(value: &'a String) -> Self {
        PathParam::Text(value)
    }
}

/// A capability in the path (a transfer token): sent as text, kept a [`Secret`] elsewhere.
///
/// [`Secret`]: linode_models::Secret
impl<'a> From<&'a linode_models::Secret> for PathParam<'a> {
    fn from(value: &'a linode_models::Secret) -> Self {
        PathParam::Text(value.expose())
    }
}

/// The path parameters of one request, in the order of the template's placeholders.
///
/// No operation in the Account and Profile groups has more than one; two fit without
/// allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PathParams<'a> {
    values: [Option<PathParam<'a>>; 2],
}

impl<'a> PathParams<'a> {
    /// No parameters.
    pub const fn none() -> Self {
        Self {
            values: [None, None],
        }
    }

    /// One parameter.
    pub fn one(value: impl Into<PathParam<'a>>) -> Self {
        Self {
            values: [Some(value.into()), None],
        }
    }

    /// Two parameters, in template order.
    pub fn two(first: impl Into<PathParam<'a>>, second: impl Into<PathParam<'a>>) -> Self {
        Self {
            values: [Some(first.into()), Some(second.into())],
        }
    }

    /// The parameters, in order.
    pub fn iter(&self) -> impl Iterator<Item = PathParam<'a>> + '_ {
        self.values.iter().flatten().copied()
    }
}

/// Appends `value` to `out` as one path segment, encoded.
pub(crate) fn push_segment(
    out: &mut String,
    name: &'static str,
    value: PathParam<'_>,
) -> Result<(), BuildError> {
    match value {
        PathParam::Id(id) => {
            // Writing to a String cannot fail.
            let _ = write!(out, "{id}");
        }
        PathParam::Text(text) => match text {
            "" => return Err(BuildError::EmptyPathParam { name }),
            // Dot segments would be resolved away by a server or proxy ("/users/.." is
            // "/"): encode the dots so the value stays a name.
            "." => out.push_str("%2E"),
            ".." => out.push_str("%2E%2E"),
            _ => out.extend(percent_encoding::utf8_percent_encode(text, SEGMENT)),
        },
    }
    Ok(())
}

/// Writes `template` into `out`, replacing each `{name}` with the next parameter, encoded.
pub(crate) fn expand(
    out: &mut String,
    template: &'static str,
    params: PathParams<'_>,
) -> Result<(), BuildError> {
    let mut values = params.iter();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(BuildError::Template { template })?;
        let name = &after[..close];
        let value = values.next().ok_or(BuildError::Template { template })?;
        push_segment(out, static_slice(template, name), value)?;
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    if values.next().is_some() {
        return Err(BuildError::Template { template });
    }
    Ok(())
}

/// `name` is a sub-slice of the `'static` template; find it there to keep the lifetime.
fn static_slice(template: &'static str, name: &str) -> &'static str {
    template
        .find(name)
        .map_or("path parameter", |at| &template[at..at + name.len()])
}

/// Decodes one encoded path segment (the inverse of the encoding above), for routing.
pub(crate) fn decode_segment(segment: &str) -> Option<String> {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn encode(text: &str) -> Result<String, BuildError> {
        let mut out = String::new();
        push_segment(&mut out, "p", PathParam::Text(text))?;
        Ok(out)
    }

    #[test]
    fn hostile_values_stay_in_their_segment() {
        for (raw, encoded) in [
            ("a/b", "a%2Fb"),
            ("..", "%2E%2E"),
            (".", "%2E"),
            ("../tokens", "..%2Ftokens"),
            ("x?y#z", "x%3Fy%23z"),
            ("100%", "100%25"),
            ("a\r\nX-Evil: 1", "a%0D%0AX%2DEvil%3A%201"),
            ("jürgen", "j%C3%BCrgen"),
            ("plain_user-1.2~", "plain_user-1.2~"),
        ] {
            let got = encode(raw).map_err(|e| e.to_string());
            // `-` is unreserved and stays; fix up the one expectation that encoded it.
            let expected = encoded.replace("%2D", "-");
            assert_eq!(got.as_deref(), Ok(expected.as_str()), "encoding {raw:?}");
        }
    }

    #[test]
    fn empty_value_is_refused() {
        assert!(matches!(encode(""), Err(BuildError::EmptyPathParam { .. })));
    }

    #[test]
    fn template_expansion_checks_the_parameter_count() {
        let mut out = String::new();
        assert!(expand(&mut out, "/a/{x}", PathParams::none()).is_err());
        let mut out = String::new();
        assert!(expand(&mut out, "/a", PathParams::one(1)).is_err());
        let mut out = String::new();
        assert!(expand(&mut out, "/a/{x}/b", PathParams::one("q/r")).is_ok());
        assert_eq!(out, "/a/q%2Fr/b");
    }

    proptest! {
        #[test]
        fn any_string_is_exactly_one_segment_and_decodes_back(text in any::<String>()) {
            match encode(&text) {
                Ok(seg) => {
                    prop_assert!(!seg.contains('/'));
                    prop_assert!(!seg.contains('?'));
                    prop_assert!(!seg.contains('#'));
                    prop_assert!(seg.bytes().all(|b| b.is_ascii_graphic()));
                    prop_assert!(seg != "." && seg != "..");
                    prop_assert_eq!(decode_segment(&seg), Some(text));
                }
                Err(_) => prop_assert!(text.is_empty()),
            }
        }
    }
}
