//! `Timestamp`: the API's datetimes.

use core::fmt;
use core::str::FromStr;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A point in time, as the Linode API writes it: mostly `YYYY-MM-DDTHH:MM:SS`, UTC with no
/// zone; newer fields also come with `Z`, `+00:00`, another offset, or fractional seconds.
///
/// Every one of those forms is read; the value is the instant, in UTC (an offset is converted),
/// and compares, orders and hashes by the instant alone. It is written back in the form it came
/// in (same zone suffix, same offset, same number of fraction digits), so a value read and
/// written again is unchanged. A timestamp made in code is written in the API's own form.
///
/// ```
/// use linode_models::Timestamp;
/// let t: Timestamp = "2018-01-01T00:01:01".parse()?;
/// assert_eq!(t.to_string(), "2018-01-01T00:01:01");
/// assert_eq!(t.to_utc().unix_timestamp(), 1_514_764_861);
///
/// let zoned: Timestamp = "2018-01-01T02:01:01.000+02:00".parse()?;
/// assert_eq!(zoned, t); // the same instant
/// assert_eq!(zoned.to_string(), "2018-01-01T02:01:01.000+02:00"); // as it came
/// # Ok::<(), linode_models::TimestampError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Timestamp {
    /// The instant, in UTC.
    at: time::PrimitiveDateTime,
    /// How it was written.
    form: Form,
}

/// How a timestamp was written: its zone suffix and fraction digits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Form {
    zone: Zone,
    /// Written with a space between date and time instead of `T`.
    space: bool,
    /// `None`: as many as needed (none for whole seconds).
    fraction_digits: Option<u8>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Zone {
    /// No suffix (the API's own form; UTC implied).
    None,
    /// `Z`.
    Z,
    /// `+HH:MM` / `-HH:MM` (or without the colon), in minutes east of UTC.
    Offset { minutes: i16, colon: bool },
}

const API_FORM: Form = Form {
    zone: Zone::None,
    space: false,
    fraction_digits: None,
};

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at
    }
}

impl Eq for Timestamp {}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.at.cmp(&other.at)
    }
}

impl core::hash::Hash for Timestamp {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.at.hash(state);
    }
}

/// Why a string is not a Linode timestamp, or an instant does not fit one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError {
    reason: &'static str,
}

/// The reason of every range error: `Display` words those differently from parse errors.
const OUT_OF_RANGE: &str = "out of the supported range";

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.reason == OUT_OF_RANGE {
            return f.write_str(
                "the instant is out of the range a timestamp holds (years -9999 to 9999 UTC); \
                 check the date or the duration added to it",
            );
        }
        write!(
            f,
            "not a Linode timestamp (expected YYYY-MM-DDTHH:MM:SS, optionally with fractional \
             seconds and Z or an offset): {}",
            self.reason
        )
    }
}

impl std::error::Error for TimestampError {}

const fn error(reason: &'static str) -> TimestampError {
    TimestampError { reason }
}

const fn out_of_range() -> TimestampError {
    error(OUT_OF_RANGE)
}

impl Timestamp {
    /// Wraps a date and time that is understood to be UTC (written in the API's form).
    pub const fn from_utc(value: time::PrimitiveDateTime) -> Self {
        Self {
            at: value,
            form: API_FORM,
        }
    }

    /// The date and time in UTC, without a zone.
    pub const fn as_primitive(&self) -> time::PrimitiveDateTime {
        self.at
    }

    /// The same instant as an offset date-time in UTC.
    pub const fn to_utc(&self) -> time::OffsetDateTime {
        self.at.assume_utc()
    }

    /// The offset the API wrote this timestamp with: `None` when it wrote no zone (UTC is
    /// implied), `Some(UTC)` for `Z` or `+00:00`.
    pub fn original_offset(&self) -> Option<time::UtcOffset> {
        match self.form.zone {
            Zone::None => None,
            Zone::Z => Some(time::UtcOffset::UTC),
            Zone::Offset { minutes, .. } => {
                time::UtcOffset::from_whole_seconds(i32::from(minutes) * 60).ok()
            }
        }
    }

    /// Builds a timestamp from seconds since the Unix epoch.
    pub fn from_unix_seconds(seconds: i64) -> Result<Self, TimestampError> {
        let at = time::OffsetDateTime::from_unix_timestamp(seconds).map_err(|_| out_of_range())?;
        Ok(Self::from_utc(time::PrimitiveDateTime::new(
            at.date(),
            at.time(),
        )))
    }

    /// The same instant, to be written in the form `text` has (for tests and tools that
    /// build values in a given form). `text` must parse as a timestamp.
    pub fn with_form_of(self, text: &str) -> Result<Self, TimestampError> {
        let form = text.parse::<Timestamp>()?.form;
        Ok(Self { at: self.at, form })
    }

    /// The earliest instant a timestamp holds (`-9999-01-01T00:00:00`).
    pub const MIN: Timestamp = Timestamp::from_utc(time::PrimitiveDateTime::MIN);

    /// The latest instant a timestamp holds (`9999-12-31T23:59:59.999999999`).
    pub const MAX: Timestamp = Timestamp::from_utc(time::PrimitiveDateTime::MAX);

    /// The current time from the system clock, to the whole second (the API keeps seconds,
    /// and a token expiry written with nanoseconds would only be noise), in the API's form.
    ///
    /// ```
    /// use std::time::Duration;
    /// use linode_models::Timestamp;
    /// // A token expiry thirty days from now:
    /// let expiry = Timestamp::now() + Duration::from_secs(30 * 24 * 3600);
    /// assert!(expiry > Timestamp::now());
    /// assert!(!expiry.to_string().contains('.')); // whole seconds, no zone: the API's form
    /// ```
    pub fn now() -> Self {
        let now = time::OffsetDateTime::now_utc();
        // `replace_nanosecond(0)` cannot fail (0 is always a valid nanosecond).
        let now = now.replace_nanosecond(0).unwrap_or(now);
        Self::from_utc(time::PrimitiveDateTime::new(now.date(), now.time()))
    }

    /// The instant `duration` later, or `None` past [`Timestamp::MAX`]. The form (zone,
    /// fraction digits) is kept.
    ///
    /// ```
    /// use std::time::Duration;
    /// use linode_models::Timestamp;
    /// let t: Timestamp = "2018-01-01T00:00:00".parse()?;
    /// let later = t.checked_add(Duration::from_secs(90)).expect("in range");
    /// assert_eq!(later.to_string(), "2018-01-01T00:01:30");
    /// assert_eq!(Timestamp::MAX.checked_add(Duration::from_secs(1)), None);
    /// # Ok::<(), linode_models::TimestampError>(())
    /// ```
    pub fn checked_add(self, duration: std::time::Duration) -> Option<Self> {
        let at = self
            .at
            .checked_add(time::Duration::try_from(duration).ok()?)?;
        Some(Self { at, ..self })
    }

    /// The instant `duration` earlier, or `None` before [`Timestamp::MIN`]. The form is kept.
    ///
    /// ```
    /// use std::time::Duration;
    /// use linode_models::Timestamp;
    /// let t: Timestamp = "2018-01-01T00:00:00Z".parse()?;
    /// let earlier = t.checked_sub(Duration::from_secs(1)).expect("in range");
    /// assert_eq!(earlier.to_string(), "2017-12-31T23:59:59Z");
    /// # Ok::<(), linode_models::TimestampError>(())
    /// ```
    pub fn checked_sub(self, duration: std::time::Duration) -> Option<Self> {
        let at = self
            .at
            .checked_sub(time::Duration::try_from(duration).ok()?)?;
        Some(Self { at, ..self })
    }

    /// How long after `earlier` this instant is, or `None` when `earlier` is in fact later
    /// (as [`std::time::SystemTime::duration_since`], without its error type). For a signed
    /// difference, subtract: `later - earlier` is a [`time::Duration`].
    ///
    /// ```
    /// use std::time::Duration;
    /// use linode_models::Timestamp;
    /// let created: Timestamp = "2018-01-01T00:00:00".parse()?;
    /// let updated: Timestamp = "2018-01-01T02:00:00+01:00".parse()?; // 01:00 UTC
    /// assert_eq!(updated.duration_since(created), Some(Duration::from_secs(3600)));
    /// assert_eq!(created.duration_since(updated), None);
    /// assert_eq!((created - updated).whole_seconds(), -3600);
    /// # Ok::<(), linode_models::TimestampError>(())
    /// ```
    pub fn duration_since(&self, earlier: Timestamp) -> Option<std::time::Duration> {
        std::time::Duration::try_from(self.at - earlier.at).ok()
    }

    /// How long ago this instant was by the system clock, or `None` if it is in the future
    /// (by this machine's clock, which may disagree with the API's).
    pub fn elapsed(&self) -> Option<std::time::Duration> {
        let now = time::OffsetDateTime::now_utc();
        std::time::Duration::try_from(now - self.to_utc()).ok()
    }
}

/// `t + duration`: the instant `duration` later, saturating at [`Timestamp::MAX`] (never
/// panics; use [`Timestamp::checked_add`] to learn of an overflow).
impl core::ops::Add<std::time::Duration> for Timestamp {
    type Output = Timestamp;
    fn add(self, duration: std::time::Duration) -> Timestamp {
        self.checked_add(duration).unwrap_or(Timestamp {
            at: Timestamp::MAX.at,
            ..self
        })
    }
}

/// `t += duration`, saturating as `+` does.
impl core::ops::AddAssign<std::time::Duration> for Timestamp {
    fn add_assign(&mut self, duration: std::time::Duration) {
        *self = *self + duration;
    }
}

/// `t - duration`: the instant `duration` earlier, saturating at [`Timestamp::MIN`] (never
/// panics; use [`Timestamp::checked_sub`] to learn of an overflow).
impl core::ops::Sub<std::time::Duration> for Timestamp {
    type Output = Timestamp;
    fn sub(self, duration: std::time::Duration) -> Timestamp {
        self.checked_sub(duration).unwrap_or(Timestamp {
            at: Timestamp::MIN.at,
            ..self
        })
    }
}

/// `t -= duration`, saturating as `-` does.
impl core::ops::SubAssign<std::time::Duration> for Timestamp {
    fn sub_assign(&mut self, duration: std::time::Duration) {
        *self = *self - duration;
    }
}

/// `later - earlier`: the signed difference between two instants (negative when `earlier`
/// is later). It always fits: the whole range of timestamps is some 630 billion seconds.
impl core::ops::Sub<Timestamp> for Timestamp {
    type Output = time::Duration;
    fn sub(self, earlier: Timestamp) -> time::Duration {
        self.at - earlier.at
    }
}

/// The same instant, written in the API's form (UTC, no zone). Fails only past the year
/// 9999 (or before -9999), which a system clock does not reach in practice.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use linode_models::Timestamp;
/// let t = Timestamp::try_from(SystemTime::UNIX_EPOCH + Duration::from_secs(1_514_764_861))?;
/// assert_eq!(t.to_string(), "2018-01-01T00:01:01");
/// assert_eq!(SystemTime::try_from(t)?, SystemTime::UNIX_EPOCH + Duration::from_secs(1_514_764_861));
/// # Ok::<(), linode_models::TimestampError>(())
/// ```
impl TryFrom<std::time::SystemTime> for Timestamp {
    type Error = TimestampError;
    fn try_from(value: std::time::SystemTime) -> Result<Self, TimestampError> {
        let unix = time::OffsetDateTime::UNIX_EPOCH;
        let epoch = Timestamp::from_utc(time::PrimitiveDateTime::new(unix.date(), unix.time()));
        match value.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => epoch.checked_add(after),
            Err(before) => epoch.checked_sub(before.duration()),
        }
        .map(|t| Timestamp {
            form: API_FORM,
            ..t
        })
        .ok_or(out_of_range())
    }
}

/// The same instant as a [`SystemTime`](std::time::SystemTime). Fails only where the
/// platform's `SystemTime` cannot hold it (every timestamp fits on Linux, macOS, Windows).
impl TryFrom<Timestamp> for std::time::SystemTime {
    type Error = TimestampError;
    fn try_from(value: Timestamp) -> Result<Self, TimestampError> {
        let since_epoch = value.to_utc() - time::OffsetDateTime::UNIX_EPOCH;
        let magnitude =
            std::time::Duration::try_from(since_epoch.abs()).map_err(|_| out_of_range())?;
        if since_epoch.is_negative() {
            std::time::UNIX_EPOCH.checked_sub(magnitude)
        } else {
            std::time::UNIX_EPOCH.checked_add(magnitude)
        }
        .ok_or(out_of_range())
    }
}

/// The same instant in UTC, written in the API's form (the offset is not kept: requests are
/// sent in the API's own form). Fails only when converting to UTC leaves the range (an
/// offset date-time within hours of year 9999 or -9999).
///
/// ```
/// use linode_models::Timestamp;
/// let zoned: Timestamp = "2018-01-01T02:01:01+02:00".parse()?;
/// let date_time = zoned.to_utc(); // a `time::OffsetDateTime`, as a program may hold one
/// let t = Timestamp::try_from(date_time)?;
/// assert_eq!(t, zoned);
/// assert_eq!(t.to_string(), "2018-01-01T00:01:01"); // sent in the API's form
/// # Ok::<(), linode_models::TimestampError>(())
/// ```
impl TryFrom<time::OffsetDateTime> for Timestamp {
    type Error = TimestampError;
    fn try_from(value: time::OffsetDateTime) -> Result<Self, TimestampError> {
        let utc = value
            .checked_to_offset(time::UtcOffset::UTC)
            .ok_or(out_of_range())?;
        Ok(Self::from_utc(time::PrimitiveDateTime::new(
            utc.date(),
            utc.time(),
        )))
    }
}

/// The same instant, in UTC (as [`Timestamp::to_utc`]).
impl From<Timestamp> for time::OffsetDateTime {
    fn from(value: Timestamp) -> Self {
        value.to_utc()
    }
}

fn digits(bytes: &[u8], reason: &'static str) -> Result<u32, TimestampError> {
    if bytes.is_empty() || bytes.len() > 9 {
        return Err(error(reason));
    }
    bytes.iter().try_fold(0u32, |acc, b| {
        if b.is_ascii_digit() {
            Ok(acc * 10 + u32::from(b - b'0'))
        } else {
            Err(error(reason))
        }
    })
}

/// Splits a zone suffix off `b` (which starts after the seconds).
fn zone(b: &[u8]) -> Result<(&[u8], Zone), TimestampError> {
    if let Some(rest) = b.strip_suffix(b"Z").or_else(|| b.strip_suffix(b"z")) {
        return Ok((rest, Zone::Z));
    }
    // An offset is the last sign in the text: `+HH:MM`, `-HH:MM`, `+HHMM`.
    let Some(at) = b.iter().rposition(|c| *c == b'+' || *c == b'-') else {
        return Ok((b, Zone::None));
    };
    let (rest, offset) = b.split_at(at);
    let sign: i16 = if offset[0] == b'-' { -1 } else { 1 };
    let (hours, minutes, colon) = match &offset[1..] {
        [h1, h2, b':', m1, m2] => ([*h1, *h2], [*m1, *m2], true),
        [h1, h2, m1, m2] => ([*h1, *h2], [*m1, *m2], false),
        _ => return Err(error("the offset is not +HH:MM")),
    };
    let hours = digits(&hours, "the offset's hours are not a number")?;
    let minutes = digits(&minutes, "the offset's minutes are not a number")?;
    if hours > 23 || minutes > 59 {
        return Err(error("the offset is out of range"));
    }
    // hours <= 23 and minutes <= 59: fits an i16.
    let total = (hours * 60 + minutes) as i16;
    Ok((
        rest,
        Zone::Offset {
            minutes: sign * total,
            colon,
        },
    ))
}

impl FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || (b[10] != b'T' && b[10] != b' ') {
            return Err(error("wrong shape"));
        }
        if b[13] != b':' || b[16] != b':' {
            return Err(error("wrong shape"));
        }
        let year = digits(&b[0..4], "year is not a number")?;
        let month = digits(&b[5..7], "month is not a number")?;
        let day = digits(&b[8..10], "day is not a number")?;
        let hour = digits(&b[11..13], "hour is not a number")?;
        let minute = digits(&b[14..16], "minute is not a number")?;
        let second = digits(&b[17..19], "second is not a number")?;
        let (fraction, zone) = zone(&b[19..])?;
        let (nanos, fraction_digits) = match fraction {
            [] => (0, None),
            [b'.', frac @ ..] if !frac.is_empty() && frac.len() <= 9 => {
                let value = digits(frac, "fraction is not a number")?;
                // Scale to nanoseconds: "5" is 500_000_000 ns. len <= 9 keeps this in range.
                let len = frac.len() as u32;
                (value * 10u32.pow(9 - len), Some(len as u8))
            }
            _ => return Err(error("unexpected text after the seconds")),
        };
        let month = u8::try_from(month)
            .ok()
            .and_then(|m| time::Month::try_from(m).ok())
            .ok_or(error("month out of range"))?;
        let date = time::Date::from_calendar_date(year as i32, month, day as u8)
            .map_err(|_| error("no such date"))?;
        let clock = time::Time::from_hms_nano(hour as u8, minute as u8, second as u8, nanos)
            .map_err(|_| error("no such time of day"))?;
        let local = time::PrimitiveDateTime::new(date, clock);
        let at = match zone {
            Zone::Offset { minutes, .. } if minutes != 0 => local
                .checked_sub(time::Duration::minutes(i64::from(minutes)))
                .ok_or(out_of_range())?,
            _ => local,
        };
        Ok(Self {
            at,
            form: Form {
                zone,
                space: b[10] == b' ',
                fraction_digits,
            },
        })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = match self.form.zone {
            Zone::Offset { minutes, .. } if minutes != 0 => self
                .at
                .checked_add(time::Duration::minutes(i64::from(minutes)))
                .unwrap_or(self.at),
            _ => self.at,
        };
        write!(
            f,
            "{:04}-{:02}-{:02}{}{:02}:{:02}:{:02}",
            local.year(),
            u8::from(local.month()),
            local.day(),
            if self.form.space { ' ' } else { 'T' },
            local.hour(),
            local.minute(),
            local.second()
        )?;
        let nanos = local.nanosecond();
        match self.form.fraction_digits {
            Some(n) => {
                let text = format!("{nanos:09}");
                let n = usize::from(n).min(9);
                write!(f, ".{}", &text[..n])?;
            }
            None if nanos != 0 => {
                let text = format!("{nanos:09}");
                write!(f, ".{}", text.trim_end_matches('0'))?;
            }
            None => {}
        }
        match self.form.zone {
            Zone::None => Ok(()),
            Zone::Z => f.write_str("Z"),
            Zone::Offset { minutes, colon } => {
                let sign = if minutes < 0 { '-' } else { '+' };
                let abs = minutes.unsigned_abs();
                let sep = if colon { ":" } else { "" };
                write!(f, "{sign}{:02}{sep}{:02}", abs / 60, abs % 60)
            }
        }
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
                f.write_str("a timestamp like 2018-01-01T00:01:01 (or with Z or an offset)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(TimestampVisitor)
    }
}
