//! Types shared by every model: timestamps, secrets, money, partial updates, pages.

use core::fmt;
use core::str::FromStr;

use rust_decimal::Decimal;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

// ---------------------------------------------------------------------------------------------
// Timestamp
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Secret
// ---------------------------------------------------------------------------------------------

/// A secret string: a token, a TFA secret or scratch code, an OAuth client secret, a card
/// number or CVV.
///
/// It serializes as the plain string (the API must receive it), but `Debug` and `Display`
/// never show it, so a secret cannot leak through `{:?}` in a log line or an error message.
/// Read it deliberately with [`Secret::expose`].
///
/// ```
/// use linode_models::Secret;
/// let token = Secret::new("abcdef123456");
/// assert_eq!(format!("{token:?}"), "Secret([redacted])");
/// assert_eq!(token.expose(), "abcdef123456");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself. Call this only where the value must really be used.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Consumes the wrapper and returns the secret.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

// ---------------------------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------------------------

fn decimal_from_text<E: de::Error>(text: &str) -> Result<Decimal, E> {
    let trimmed = text.trim();
    let unsigned = trimmed.strip_prefix('$').unwrap_or(trimmed);
    Decimal::from_str(unsigned)
        .map_err(|_| E::custom(format_args!("not a decimal amount: {text:?}")))
}

/// An exact amount of money (US dollars) that the API sends as a JSON *number*
/// (`"balance": 145.5`).
///
/// It is held as a [`rust_decimal::Decimal`], never as a binary float: the number's shortest
/// decimal text is what is kept, so `120.25` stays `120.25` and sums are exact. It is written
/// back as a JSON integer when it has no fractional part, otherwise as a number.
///
/// ```
/// use linode_models::Money;
/// let m: Money = serde_json::from_str("120.25").unwrap();
/// assert_eq!(m.amount().to_string(), "120.25");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Money(Decimal);

impl Money {
    /// Wraps an exact decimal amount.
    pub const fn new(amount: Decimal) -> Self {
        Self(amount)
    }

    /// The exact amount.
    pub const fn amount(&self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl From<Decimal> for Money {
    fn from(value: Decimal) -> Self {
        Self(value)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let normalized = self.0.normalize();
        if normalized.scale() == 0 {
            if let Ok(whole) = i64::try_from(normalized) {
                return serializer.serialize_i64(whole);
            }
        }
        // JSON has no decimal type: a fractional amount goes out as the nearest double,
        // whose shortest text is exactly this decimal for every amount up to 15 digits.
        let approx = f64::try_from(normalized)
            .map_err(|_| serde::ser::Error::custom("amount does not fit a JSON number"))?;
        serializer.serialize_f64(approx)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MoneyVisitor;
        impl de::Visitor<'_> for MoneyVisitor {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount of money (a number or a decimal string)")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
                Ok(Money(Decimal::from(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                Ok(Money(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
                // Rust prints the shortest text that reads back as `v`: that is the text
                // the API sent, so no binary rounding reaches the decimal.
                decimal_from_text(&v.to_string()).map(Money)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                decimal_from_text(v).map(Money)
            }
        }
        deserializer.deserialize_any(MoneyVisitor)
    }
}

/// An exact amount of money that the API writes as a JSON *string* (`"credit_remaining":
/// "50.00"`). The scale is kept: `"50.00"` is written back as `"50.00"`, not `"50"`.
///
/// Parsing accepts a leading `$` (`"$120.50"`, as the payments endpoint allows).
///
/// ```
/// use linode_models::MoneyString;
/// let m: MoneyString = "10.50".parse().unwrap();
/// assert_eq!(serde_json::to_string(&m).unwrap(), "\"10.50\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct MoneyString(Decimal);

impl MoneyString {
    /// Wraps an exact decimal amount (its scale is kept when written).
    pub const fn new(amount: Decimal) -> Self {
        Self(amount)
    }

    /// The exact amount.
    pub const fn amount(&self) -> Decimal {
        self.0
    }
}

impl FromStr for MoneyString {
    type Err = serde_json::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        decimal_from_text::<serde_json::Error>(s).map(Self)
    }
}

impl fmt::Display for MoneyString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl From<Decimal> for MoneyString {
    fn from(value: Decimal) -> Self {
        Self(value)
    }
}

impl Serialize for MoneyString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for MoneyString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Money::deserialize(deserializer).map(|m| MoneyString(m.0))
    }
}

// ---------------------------------------------------------------------------------------------
// Update
// ---------------------------------------------------------------------------------------------

/// One field of an update (PUT) body for a field the API lets you set to `null`.
///
/// Three states, because "leave it alone" and "clear it" are different requests (other SDKs
/// lost data by sending `null` or omitting zero values):
///
/// - [`Update::Unchanged`]: the field is not sent; the API keeps its value (the default);
/// - [`Update::Null`]: the field is sent as `null`, clearing it;
/// - [`Update::Set`]: the field is sent with this value.
///
/// Declare such a field with
/// `#[serde(default, skip_serializing_if = "Update::is_unchanged")]`.
///
/// ```
/// use linode_models::Update;
/// let keep: Update<String> = Update::Unchanged;
/// let clear: Update<String> = Update::Null;
/// assert!(keep.is_unchanged());
/// assert_eq!(serde_json::to_string(&clear).unwrap(), "null");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Update<T> {
    /// Do not send the field: the API keeps its current value.
    #[default]
    Unchanged,
    /// Send `null`: the API clears the field.
    Null,
    /// Send this value.
    Set(T),
}

impl<T> Update<T> {
    /// Whether the field is left out of the request (for `skip_serializing_if`).
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Update::Unchanged)
    }
}

impl<T> From<T> for Update<T> {
    fn from(value: T) -> Self {
        Update::Set(value)
    }
}

impl<T> From<Option<T>> for Update<T> {
    /// `Some(v)` sets the field, `None` clears it (sends `null`).
    fn from(value: Option<T>) -> Self {
        value.map_or(Update::Null, Update::Set)
    }
}

impl<T: Serialize> Serialize for Update<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Reached only without `skip_serializing_if`; `null` is the least surprising.
            Update::Unchanged | Update::Null => serializer.serialize_none(),
            Update::Set(value) => serializer.serialize_some(value),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Update<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A missing field never reaches here (`#[serde(default)]` gives `Unchanged`).
        Ok(Option::<T>::deserialize(deserializer)?.map_or(Update::Null, Update::Set))
    }
}

// ---------------------------------------------------------------------------------------------
// Page, Empty
// ---------------------------------------------------------------------------------------------

/// One page of a paginated list: the API's envelope around every list response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items on this page.
    pub data: Vec<T>,
    /// This page's number, starting at 1.
    pub page: u32,
    /// How many pages there are in all.
    pub pages: u32,
    /// How many items there are in all, over every page.
    pub results: u32,
}

impl<T> Page<T> {
    /// Whether a page follows this one.
    pub fn has_next(&self) -> bool {
        self.page < self.pages
    }
}

/// The empty object `{}` that many operations answer with (deletes, mark-read, ...).
///
/// It accepts any JSON object (or `null`, or an empty body), so an API that starts returning
/// fields here does not break old code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Empty {}

impl<'de> Deserialize<'de> for Empty {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(Empty {})
    }
}

// ---------------------------------------------------------------------------------------------
// Envelopes: errors and warnings
// ---------------------------------------------------------------------------------------------

/// One entry of the API's error body, `{"errors": [{"field": ..., "reason": ...}]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct FieldError {
    /// The request field at fault (dotted for nested fields), or `None` when the error is
    /// about the request as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What went wrong, in the API's words.
    #[serde(default)]
    pub reason: String,
}

/// The body of every error response: `{"errors": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct ErrorBody {
    /// The errors, most relevant first.
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

/// A warning attached to a successful response (status 299 on deprecated operations).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct Warning {
    /// The general warning.
    #[serde(default)]
    pub title: String,
    /// Specifics.
    #[serde(default)]
    pub details: String,
}

/// The `warnings` array of a 299 response.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WarningsBody {
    /// The warnings.
    #[serde(default)]
    pub warnings: Vec<Warning>,
}
