//! `Timestamp`: the API's datetimes.

use core::fmt;
use core::str::FromStr;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A point in time as the Linode API writes it: `YYYY-MM-DDTHH:MM:SS`, always UTC, no zone.
///
/// Parsing also accepts fractional seconds and a trailing `Z` (some proxies add one); the
/// value is written back in the API's own form, with fractional seconds only when present.
///
/// ```
/// use linode_models::Timestamp;
/// let t: Timestamp = "2018-01-01T00:01:01".parse()?;
/// assert_eq!(t.to_string(), "2018-01-01T00:01:01");
/// assert_eq!(t.to_utc().unix_timestamp(), 1_514_764_861);
/// # Ok::<(), linode_models::TimestampError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(time::PrimitiveDateTime);

/// Why a string is not a Linode timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError {
    reason: &'static str,
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not a Linode timestamp (expected YYYY-MM-DDTHH:MM:SS, UTC): {}",
            self.reason
        )
    }
}

impl std::error::Error for TimestampError {}

impl Timestamp {
    /// Wraps a date and time that is understood to be UTC.
    pub const fn from_utc(value: time::PrimitiveDateTime) -> Self {
        Self(value)
    }

    /// The date and time, without a zone (the API means UTC).
    pub const fn as_primitive(&self) -> time::PrimitiveDateTime {
        self.0
    }

    /// The same instant as an offset date-time in UTC.
    pub const fn to_utc(&self) -> time::OffsetDateTime {
        self.0.assume_utc()
    }

    /// Builds a timestamp from seconds since the Unix epoch.
    pub fn from_unix_seconds(seconds: i64) -> Result<Self, TimestampError> {
        let at =
            time::OffsetDateTime::from_unix_timestamp(seconds).map_err(|_| TimestampError {
                reason: "out of the supported range",
            })?;
        Ok(Self(time::PrimitiveDateTime::new(at.date(), at.time())))
    }
}

fn digits(bytes: &[u8], reason: &'static str) -> Result<u32, TimestampError> {
    bytes.iter().try_fold(0u32, |acc, b| {
        if b.is_ascii_digit() {
            Ok(acc * 10 + u32::from(b - b'0'))
        } else {
            Err(TimestampError { reason })
        }
    })
}

impl FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.strip_suffix('Z').unwrap_or(s);
        let s = s.strip_suffix("+00:00").unwrap_or(s);
        let b = s.as_bytes();
        if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || (b[10] != b'T' && b[10] != b' ') {
            return Err(TimestampError {
                reason: "wrong shape",
            });
        }
        if b[13] != b':' || b[16] != b':' {
            return Err(TimestampError {
                reason: "wrong shape",
            });
        }
        let year = digits(&b[0..4], "year is not a number")?;
        let month = digits(&b[5..7], "month is not a number")?;
        let day = digits(&b[8..10], "day is not a number")?;
        let hour = digits(&b[11..13], "hour is not a number")?;
        let minute = digits(&b[14..16], "minute is not a number")?;
        let second = digits(&b[17..19], "second is not a number")?;
        let nanos = match &b[19..] {
            [] => 0,
            [b'.', frac @ ..] if !frac.is_empty() && frac.len() <= 9 => {
                let value = digits(frac, "fraction is not a number")?;
                // Scale to nanoseconds: "5" is 500_000_000 ns. len <= 9 keeps this in range.
                value * 10u32.pow(9 - frac.len() as u32)
            }
            _ => {
                return Err(TimestampError {
                    reason: "unexpected text after the seconds",
                })
            }
        };
        let month = u8::try_from(month)
            .ok()
            .and_then(|m| time::Month::try_from(m).ok())
            .ok_or(TimestampError {
                reason: "month out of range",
            })?;
        let date = time::Date::from_calendar_date(year as i32, month, day as u8).map_err(|_| {
            TimestampError {
                reason: "no such date",
            }
        })?;
        let clock = time::Time::from_hms_nano(hour as u8, minute as u8, second as u8, nanos)
            .map_err(|_| TimestampError {
                reason: "no such time of day",
            })?;
        Ok(Self(time::PrimitiveDateTime::new(date, clock)))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            d.year(),
            u8::from(d.month()),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        )?;
        let nanos = d.nanosecond();
        if nanos != 0 {
            let text = format!("{nanos:09}");
            write!(f, ".{}", text.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimestampVisitor;
        impl de::Visitor<'_> for TimestampVisitor {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a timestamp like 2018-01-01T00:01:01")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(TimestampVisitor)
    }
}
