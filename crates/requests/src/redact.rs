//! Keeping secrets out of the text the SDK produces (error messages, excerpts, headers).
//!
//! Two nets, because neither is enough alone:
//! - by *name*: the value after a secret-looking member name (`"token": "..."`,
//!   `client_secret=...`, `Authorization: Bearer ...`) is replaced, whatever the text's shape:
//!   complete JSON, JSON cut short, HTML, a query string, a header dump;
//! - by *value*: the configured token is replaced wherever it appears, even under an
//!   innocent name (a proxy's error page echoing the request), including a prefix of it at
//!   the very end of a text cut short.

use std::borrow::Cow;

use http::{HeaderMap, HeaderValue};

/// What replaces a secret.
pub(crate) const REDACTED: &str = "[redacted]";

/// Lower-case fragments of member and header names whose values are secret. A name
/// *containing* one counts (`client_secret`, `checkout_token`, `X-Auth-Token`).
pub(crate) const SECRET_NAMES: [&str; 12] = [
    "token",
    "secret",
    "scratch",
    "password",
    "passwd",
    "card_number",
    "cvv",
    "authorization",
    "otp_code",
    "cookie",
    "api_key",
    "private_key",
];

/// The shortest configured secret scrubbed by prefix at the end of a cut text: shorter
/// fragments say nothing, and would blank out ordinary words.
const MIN_TAIL_PREFIX: usize = 6;

/// Whether `name` (a JSON member or header name) looks like it holds a secret.
pub(crate) fn is_secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_NAMES.iter().any(|s| lower.contains(s))
}

/// Replaces the values of secret-looking names in any text, by pattern: `name` (possibly
/// quoted, possibly part of a longer identifier), then `:` or `=`, then a value (quoted, up
/// to its closing quote or the end of the text; unquoted, up to a delimiter); and the word
/// after `Bearer`/`Basic`.
pub(crate) fn scrub_patterns(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let lower = text.to_ascii_lowercase();
    let lower = lower.as_bytes();
    // (start, end) byte ranges of values to replace, in order, not overlapping.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let Some((after_name, scheme)) = match_name(lower, i) else {
            i += 1;
            continue;
        };
        let found = if scheme {
            value_after_scheme(bytes, after_name)
        } else {
            value_after_separator(bytes, lower, after_name)
        };
        match found {
            Some((start, end)) if end > start => {
                match ranges.last_mut() {
                    Some(last) if start <= last.1 => last.1 = last.1.max(end),
                    _ => ranges.push((start, end)),
                }
                // Go on from the value's start, not its end: a value that swallowed text up
                // to a quote (`password: "token":"x"`) must not hide a name inside it.
                i = start.max(i + 1);
            }
            _ => i = after_name.max(i + 1),
        }
    }
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in ranges {
        // Every boundary is an ASCII byte or the end of the text: char boundaries.
        out.push_str(text.get(at..start).unwrap_or_default());
        out.push_str(REDACTED);
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    Cow::Owned(out)
}

/// If a secret name (or an auth scheme) starts at `i`, where its identifier ends and
/// whether it was the `Bearer` scheme (the value follows after a space).
fn match_name(lower: &[u8], i: usize) -> Option<(usize, bool)> {
    // `Bearer x` anywhere (an echoed header without its name); "basic" is too common a
    // word to take alone, it counts only after `Authorization:`.
    if lower[i..].starts_with(b"bearer") && (i == 0 || !lower[i - 1].is_ascii_alphanumeric()) {
        return Some((i + "bearer".len(), true));
    }
    for name in SECRET_NAMES {
        if lower[i..].starts_with(name.as_bytes()) {
            // The rest of the identifier (`token_id`, `tokens`, `secret-key`).
            let mut end = i + name.len();
            while end < lower.len() && is_ident(lower[end]) {
                end += 1;
            }
            return Some((end, false));
        }
    }
    None
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// After `Bearer`: spaces, then the credential, up to whitespace or a delimiter.
fn value_after_scheme(bytes: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let spaces = at;
    while at < bytes.len() && (bytes[at] == b' ' || bytes[at] == b'\t') {
        at += 1;
    }
    if at == spaces {
        return None;
    }
    Some((at, unquoted_end(bytes, at)))
}

/// After a name: a closing quote, spaces, `:` or `=` (or their escaped JSON forms), spaces,
/// then the value.
fn value_after_separator(bytes: &[u8], lower: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let skip = |at: &mut usize, set: &[u8]| {
        while *at < bytes.len() && set.contains(&bytes[*at]) {
            *at += 1;
        }
    };
    // The name's closing quote, possibly escaped (`\"token\":` inside a JSON string).
    skip(&mut at, b"\\\"' \t");
    let separated = if at < bytes.len() && (bytes[at] == b':' || bytes[at] == b'=') {
        at += 1;
        true
    } else if lower[at..].starts_with(b"%3d") || lower[at..].starts_with(b"%3a") {
        at += 3;
        true
    } else {
        false
    };
    if !separated {
        return None;
    }
    skip(&mut at, b" \t");
    if at >= bytes.len() {
        return None;
    }
    // A quoted value, possibly with an escaped quote (`\"secret\"` inside a JSON string).
    let escaped_quote = bytes[at] == b'\\' && matches!(bytes.get(at + 1), Some(b'"' | b'\''));
    if escaped_quote {
        let start = at + 2;
        let mut end = start;
        while end < bytes.len() && bytes[end] != b'\\' && bytes[end] != bytes[at + 1] {
            end += 1;
        }
        return Some((start, end));
    }
    if bytes[at] == b'"' || bytes[at] == b'\'' {
        let quote = bytes[at];
        let start = at + 1;
        let mut end = start;
        while end < bytes.len() && bytes[end] != quote {
            // Skip escaped characters (`\"`) inside the value.
            end += if bytes[end] == b'\\' { 2 } else { 1 };
        }
        return Some((start, end.min(bytes.len())));
    }
    // An object or array value: its own members are scrubbed by name, one by one.
    if bytes[at] == b'{' || bytes[at] == b'[' {
        return None;
    }
    // An unquoted value: `Bearer x`, `token=x&...`, `password: x`; a scheme word keeps
    // the credential after it.
    let start = at;
    let mut end = unquoted_end(bytes, at);
    let word = lower.get(start..end).unwrap_or_default();
    if word == b"bearer" || word == b"basic" || word == b"token" {
        if let Some((_, cred_end)) = value_after_scheme(bytes, end) {
            end = cred_end;
        }
    }
    Some((start, end))
}

/// The end of an unquoted value starting at `at`.
fn unquoted_end(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len()
        && !bytes[at].is_ascii_whitespace()
        && !b",;&\"'<>{}[]()\\".contains(&bytes[at])
    {
        at += 1;
    }
    at
}

/// Replaces every occurrence of `secret` in `text`, and a prefix of it at the very end of
/// `text` (a text cut in the middle of the secret).
pub(crate) fn scrub_value<'a>(text: &'a str, secret: &str) -> Cow<'a, str> {
    if secret.is_empty() {
        return Cow::Borrowed(text);
    }
    let out: Cow<'a, str> = if text.contains(secret) {
        Cow::Owned(text.replace(secret, REDACTED))
    } else {
        Cow::Borrowed(text)
    };
    // An excerpt cut short ends with `...`: look before it.
    let (body, ellipsis) = match out.strip_suffix(ELLIPSIS) {
        Some(body) => (body, ELLIPSIS),
        None => (&*out, ""),
    };
    let longest = secret.len().saturating_sub(1).min(body.len());
    for len in (MIN_TAIL_PREFIX..=longest).rev() {
        let Some(prefix) = secret.get(..len) else {
            continue;
        };
        if body.ends_with(prefix) {
            let keep = body.len() - len;
            return Cow::Owned(format!("{}{REDACTED}{ellipsis}", &body[..keep]));
        }
    }
    out
}

/// What ends an excerpt that was cut.
pub(crate) const ELLIPSIS: &str = "...";

/// Both nets: patterns, then the configured secret (if any).
pub(crate) fn scrub(text: &str, secret: Option<&str>) -> String {
    let patterned = scrub_patterns(text);
    match secret {
        Some(secret) => scrub_value(&patterned, secret).into_owned(),
        None => patterned.into_owned(),
    }
}

/// Scrubs `text` in place; returns whether it changed.
pub(crate) fn scrub_in_place(text: &mut String, secret: Option<&str>) -> bool {
    let scrubbed = scrub(text, secret);
    if scrubbed != *text {
        *text = scrubbed;
        true
    } else {
        false
    }
}

/// Scrubs every header value: a secret-looking name has its value replaced whole; any other
/// value is scrubbed by pattern and for `secret`. Replaced values are marked sensitive.
pub(crate) fn scrub_headers(headers: &mut HeaderMap, secret: Option<&str>) {
    for (name, value) in headers.iter_mut() {
        if is_secret_name(name.as_str()) || name == http::header::WWW_AUTHENTICATE {
            if value.as_bytes() != REDACTED.as_bytes() {
                *value = redacted_value();
            }
            continue;
        }
        let text = String::from_utf8_lossy(value.as_bytes());
        let scrubbed = scrub(&text, secret);
        if scrubbed != text {
            *value = HeaderValue::from_str(&scrubbed)
                .or_else(|_| HeaderValue::from_bytes(scrubbed.as_bytes()))
                .unwrap_or_else(|_| redacted_value());
            value.set_sensitive(true);
        }
    }
}

fn redacted_value() -> HeaderValue {
    let mut value = HeaderValue::from_static(REDACTED);
    value.set_sensitive(true);
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_after_secret_names_go_whatever_the_shape() {
        for (text, secret) in [
            (r#"{"token":"abc123xyz","created":"#, "abc123xyz"),
            (r#"{"token": "abc123xyz"#, "abc123xyz"),
            (
                r#"{"client_secret" : "s3cr3t-value", "id": 1}"#,
                "s3cr3t-value",
            ),
            ("<p>Authorization: Bearer tok-1234567</p>", "tok-1234567"),
            ("authorization=Bearer%20tok-1234567", "tok-1234567"),
            (
                "https://x.example/cb?code=1&token=qwertyuiop&x=2",
                "qwertyuiop",
            ),
            ("password=hunter22;", "hunter22"),
            (
                r#"{\"card_number\":\"4111111111111111\"}"#,
                "4111111111111111",
            ),
            (r#"'cvv': '123'"#, "123"),
            ("Bearer zzzzzzzzz", "zzzzzzzzz"),
            (r#"{"token": "a \"quoted\" secret"}"#, "quoted"),
        ] {
            let out = scrub_patterns(text);
            assert!(!out.contains(secret), "{text:?} -> {out:?}");
            assert!(out.contains(REDACTED), "{text:?} -> {out:?}");
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for text in [
            r#"{"id": 1, "label": "laptop"}"#,
            "Your OAuth token is not authorized to use this endpoint.",
            "<html><body>502 Bad Gateway</body></html>",
        ] {
            assert_eq!(scrub_patterns(text), text);
        }
    }

    #[test]
    fn the_configured_secret_goes_anywhere_and_at_a_cut() {
        let s = "0123456789abcdef";
        assert_eq!(scrub_value("x 0123456789abcdef y", s), "x [redacted] y");
        assert_eq!(scrub_value("cut at 0123456", s), "cut at [redacted]");
        assert_eq!(scrub_value("no secret 01", s), "no secret 01");
    }

    #[test]
    fn headers_are_scrubbed_by_name_and_value() {
        let mut h = HeaderMap::new();
        h.insert("x-auth-token", HeaderValue::from_static("abc"));
        h.insert(
            "location",
            HeaderValue::from_static("https://e.example/?token=qqqqqq&a=1"),
        );
        h.insert("x-echo", HeaderValue::from_static("sent sekrit-value-1"));
        h.insert("retry-after", HeaderValue::from_static("5"));
        scrub_headers(&mut h, Some("sekrit-value-1"));
        let dump = format!("{h:?}");
        assert!(!dump.contains("abc") && !dump.contains("qqqqqq") && !dump.contains("sekrit"));
        assert_eq!(h["retry-after"], "5");
    }
}
