//! `Money` and `MoneyString`: exact amounts of money, as numbers or strings.

use core::fmt;
use core::str::FromStr;

use rust_decimal::Decimal;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

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
        // Parsing the decimal's text rounds correctly; `f64::try_from(Decimal)` does not
        // (fuzzing found `.00000000068742960828992` written as `6.874296082899201e-10`).
        let approx = normalized
            .to_string()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .ok_or_else(|| serde::ser::Error::custom("amount does not fit a JSON number"))?;
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

/// Parses an amount written as people and the API write money: digits with an optional
/// decimal point and fraction, optionally signed, optionally after a `$` (`"120.50"`,
/// `"$5"`, `"-3.25"`). Scientific notation (`"1e3"`), underscores, `NaN` and empty text are
/// refused: they are never meant as an amount. (A request checks more when it is built: a
/// payment must be positive and in whole cents.)
///
/// ```
/// use linode_models::MoneyString;
/// assert!("$120.50".parse::<MoneyString>().is_ok());
/// let err = "1e3".parse::<MoneyString>().unwrap_err();
/// assert!(err.to_string().contains("not a decimal amount"));
/// ```
impl FromStr for MoneyString {
    type Err = serde_json::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        let unsigned = trimmed.strip_prefix('$').unwrap_or(trimmed);
        let unsigned = unsigned.strip_prefix(['-', '+']).unwrap_or(unsigned);
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let plain = !(whole.is_empty() && fraction.is_empty())
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.bytes().all(|b| b.is_ascii_digit())
            && !unsigned.ends_with('.');
        if !plain {
            return Err(<serde_json::Error as de::Error>::custom(format_args!(
                "not a decimal amount: {s:?}; write digits with an optional decimal point, \
                 like \"120.50\""
            )));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_text_accepts_plain_decimals_and_refuses_the_rest() {
        for (text, amount) in [
            ("120.50", "120.50"),
            ("$5", "5"),
            (" 0.01 ", "0.01"),
            ("-3.25", "-3.25"),
            ("+7", "7"),
            (".5", "0.5"),
            ("$-1.00", "-1.00"),
        ] {
            let parsed: MoneyString = text.parse().expect(text);
            assert_eq!(parsed.to_string(), amount, "{text}");
        }
        for text in [
            "1e3", "1E3", "1_000", "NaN", "", "$", ".", "5.", "1.2.3", "- 5", "12,50",
        ] {
            let err = text.parse::<MoneyString>().expect_err(text);
            assert!(
                err.to_string().contains("not a decimal amount"),
                "{text}: {err}"
            );
        }
    }
}
