//! `ClockDuration`: a duration the API writes either as whole seconds or as a clock string.

use core::fmt;
use core::str::FromStr;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A duration that the API sends in one of several shapes: an integer number of seconds
/// (`0`), or a clock string, `"HH:MM:SS"` (also `"H:MM:SS"`) or `"MM:SS"`. An event's
/// `time_remaining` is one: the spec says string, the live API sends all of them (and `null`,
/// which is the `None` of an `Option<ClockDuration>`).
///
/// Every shape reads as a number of seconds. The value is written back in the shape it came
/// in, character for character, so a read-modify-write changes nothing; one made in code with
/// [`ClockDuration::from_seconds`] is written as an integer. Equality, order and hash go by the
/// number of seconds alone. Text that is not one of these shapes is a decode error, never a
/// panic.
///
/// ```
/// use linode_models::ClockDuration;
/// let a: ClockDuration = serde_json::from_str("250")?;
/// let b: ClockDuration = serde_json::from_str(r#""0:04:10""#)?;
/// let c: ClockDuration = serde_json::from_str(r#""04:10""#)?;
/// assert_eq!(a.seconds(), 250);
/// assert!(a == b && b == c);
/// assert_eq!(serde_json::to_string(&b)?, r#""0:04:10""#); // as it came
/// assert!(serde_json::from_str::<ClockDuration>(r#""soon""#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone)]
pub struct ClockDuration {
    seconds: u64,
    /// The clock text it was read from; `None` when it came (or is to go) as an integer.
    text: Option<Box<str>>,
}

/// Why a string is not a clock duration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockDurationError {
    reason: &'static str,
}

impl fmt::Display for ClockDurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not a duration (expected whole seconds, \"HH:MM:SS\" or \"MM:SS\"): {}",
            self.reason
        )
    }
}

impl std::error::Error for ClockDurationError {}

const fn error(reason: &'static str) -> ClockDurationError {
    ClockDurationError { reason }
}

impl ClockDuration {
    /// A duration of `seconds`, written as an integer.
    pub const fn from_seconds(seconds: u64) -> Self {
        Self {
            seconds,
            text: None,
        }
    }

    /// The duration in whole seconds.
    pub const fn seconds(&self) -> u64 {
        self.seconds
    }

    /// The duration as a standard one.
    pub const fn as_std(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.seconds)
    }

    /// The clock text it was read from (`"0:04:10"`), if it came as a string.
    pub fn clock_text(&self) -> Option<&str> {
        self.text.as_deref()
    }
}

fn number(part: &str, reason: &'static str) -> Result<u64, ClockDurationError> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error(reason));
    }
    part.parse().map_err(|_| error("a part is too large"))
}

fn sixty(part: &str, what: &'static str) -> Result<u64, ClockDurationError> {
    let value = number(part, what)?;
    if part.len() > 2 || value >= 60 {
        return Err(error("minutes and seconds must be 0 to 59"));
    }
    Ok(value)
}

impl FromStr for ClockDuration {
    type Err = ClockDurationError;

    /// Reads `"HH:MM:SS"`, `"H:MM:SS"`, `"MM:SS"`, or whole seconds as text (`"250"`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.split(':');
        let first = parts.next().unwrap_or_default();
        let seconds = match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => number(first, "not a number of seconds")?,
            (Some(sec), None, _) => number(first, "minutes are not a number")?
                .checked_mul(60)
                .and_then(|m| m.checked_add(sixty(sec, "seconds are not a number").ok()?))
                .ok_or(error("seconds are not 0 to 59, or the value is too large"))?,
            (Some(min), Some(sec), None) => {
                let hours = number(first, "hours are not a number")?;
                let minutes = sixty(min, "minutes are not a number")?;
                let secs = sixty(sec, "seconds are not a number")?;
                hours
                    .checked_mul(3600)
                    .and_then(|h| h.checked_add(minutes * 60 + secs))
                    .ok_or(error("too large"))?
            }
            (Some(_), Some(_), Some(_)) => return Err(error("too many `:`")),
        };
        Ok(Self {
            seconds,
            text: Some(s.into()),
        })
    }
}

impl fmt::Display for ClockDuration {
    /// The clock text it came as, else `H:MM:SS`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.text {
            Some(text) => f.write_str(text),
            None => {
                let s = self.seconds;
                write!(f, "{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
            }
        }
    }
}

impl fmt::Debug for ClockDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ClockDuration({}s)", self.seconds)
    }
}

impl PartialEq for ClockDuration {
    fn eq(&self, other: &Self) -> bool {
        self.seconds == other.seconds
    }
}

impl Eq for ClockDuration {}

impl PartialOrd for ClockDuration {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ClockDuration {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.seconds.cmp(&other.seconds)
    }
}

impl core::hash::Hash for ClockDuration {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.seconds.hash(state);
    }
}

impl From<std::time::Duration> for ClockDuration {
    /// Whole seconds (the fraction is dropped), written as an integer.
    fn from(value: std::time::Duration) -> Self {
        Self::from_seconds(value.as_secs())
    }
}

impl Serialize for ClockDuration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.text {
            Some(text) => serializer.serialize_str(text),
            None => serializer.serialize_u64(self.seconds),
        }
    }
}

impl<'de> Deserialize<'de> for ClockDuration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = ClockDuration;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration: whole seconds, \"HH:MM:SS\" or \"MM:SS\"")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ClockDuration, E> {
                Ok(ClockDuration::from_seconds(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ClockDuration, E> {
                u64::try_from(v)
                    .map(ClockDuration::from_seconds)
                    .map_err(|_| E::custom(format_args!("a duration cannot be negative ({v})")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<ClockDuration, E> {
                // A whole number written with a fraction (`12.0`) is still whole seconds.
                if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v < 1.8e19 {
                    Ok(ClockDuration::from_seconds(v as u64))
                } else {
                    Err(E::custom(format_args!(
                        "a duration must be whole, non-negative seconds ({v})"
                    )))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ClockDuration, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
