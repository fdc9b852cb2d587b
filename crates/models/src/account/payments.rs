//! Payments: list, view, make; PayPal (deprecated).
//!
//! # How amounts are represented
//!
//! Money is never held in a binary float (`f32`/`f64`): `0.1 + 0.2` is not `0.3` there, and a
//! payment of `$120.10` could become `120.09999999999999`. Every amount in these models is an
//! exact [`rust_decimal::Decimal`], in one of three wrappers chosen by how the API writes it:
//!
//! - [`Money`]: the API writes a JSON *number* (`"total": 132.5`, invoices and their items).
//!   The number's text is read as a decimal, so `120.25` stays `120.25`.
//! - [`MoneyString`]: the API writes a JSON *string* (`"usd": "120.50"` in a payment request,
//!   promotion credits). The scale is kept: `"50.00"` goes back out as `"50.00"`.
//! - [`Amount`]: the spec contradicts itself (a payment's `usd` is typed `integer` with string
//!   examples; an invoice item's `unit_price` is typed `string` with a number example). An
//!   [`Amount`] accepts either form and remembers which it got, so the value is exact and the
//!   JSON written back is the JSON that came in.
//!
//! Request amounts are [`MoneyString`]s: build them from text (`"120.50".parse()`, a leading
//! `$` is accepted) or from a `Decimal`, never from a float.

use core::fmt;

use linode_models_derive::Lossless;
use rust_decimal::Decimal;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use crate::{Extra, Money, MoneyString, Timestamp};

/// An exact amount the API may write as a JSON number (`120.5`) or as a JSON string
/// (`"120.50"`).
///
/// Money in this SDK is never a binary float: [`Money`] holds amounts the API writes as JSON
/// numbers, [`MoneyString`] those it writes as strings, both exact decimals. `Amount` is for
/// the fields where the spec contradicts itself (a payment's `usd` is typed `integer` with
/// string examples; an invoice item's `unit_price` is typed `string` with a number example).
///
/// The variant records the form that was received, and serialization writes that same form
/// back. Two amounts of equal value but different forms are not `==`: compare
/// [`Amount::amount`] to compare values.
///
/// ```
/// use linode_models::account::Amount;
/// let text: Amount = serde_json::from_str(r#""120.50""#).unwrap();
/// let number: Amount = serde_json::from_str("120.5").unwrap();
/// assert_eq!(text.amount(), number.amount());
/// assert_eq!(serde_json::to_string(&text).unwrap(), r#""120.50""#);
/// assert_eq!(serde_json::to_string(&number).unwrap(), "120.5");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub enum Amount {
    /// The amount came (or goes) as a JSON number.
    Number(Money),
    /// The amount came (or goes) as a JSON string.
    Text(MoneyString),
}

impl Amount {
    /// The exact amount, whatever its JSON form.
    pub const fn amount(&self) -> Decimal {
        match self {
            Amount::Number(m) => m.amount(),
            Amount::Text(m) => m.amount(),
        }
    }
}

impl Default for Amount {
    /// Zero, as a JSON number.
    fn default() -> Self {
        Amount::Number(Money::default())
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Amount::Number(m) => fmt::Display::fmt(m, f),
            Amount::Text(m) => fmt::Display::fmt(m, f),
        }
    }
}

impl From<Money> for Amount {
    fn from(value: Money) -> Self {
        Amount::Number(value)
    }
}

impl From<MoneyString> for Amount {
    fn from(value: MoneyString) -> Self {
        Amount::Text(value)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Amount::Number(m) => m.serialize(serializer),
            Amount::Text(m) => m.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::IntoDeserializer;

        struct AmountVisitor;
        impl de::Visitor<'_> for AmountVisitor {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount of money (a JSON number or a decimal string)")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Money::deserialize(v.into_deserializer()).map(Amount::Number)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Money::deserialize(v.into_deserializer()).map(Amount::Number)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                Money::deserialize(v.into_deserializer()).map(Amount::Number)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                MoneyString::deserialize(v.into_deserializer()).map(Amount::Text)
            }
        }
        deserializer.deserialize_any(AmountVisitor)
    }
}

/// A payment made to the account.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct Payment {
    /// The payment's id.
    pub id: u64,
    /// When the payment was made.
    pub date: Timestamp,
    /// How much was paid, in US dollars (exact; see [`Amount`] for why it may be a number or
    /// a string).
    pub usd: Amount,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The body of "make a payment".
///
/// `usd` is written with exactly two decimals, as the API requires (`^\$?\d+\.\d{2}$`):
/// `"5"` goes out as `"5.00"`. An amount with a non-zero third decimal is refused when the
/// body is serialized rather than rounded: the SDK never changes how much you pay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct PaymentCreate {
    /// The payment method to charge; the account's default one when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method_id: Option<u64>,
    /// How much to pay, in US dollars. The API accepts at least `$5.00` (or the balance, if
    /// lower) and at most `$2000.00` (or the balance, up to `$50000.00`).
    #[serde(serialize_with = "two_decimals")]
    pub usd: MoneyString,
}

/// Writes an amount with exactly two decimals, refusing (never rounding) more precision.
fn two_decimals<S: Serializer>(value: &MoneyString, serializer: S) -> Result<S::Ok, S::Error> {
    let mut amount = value.amount().normalize();
    if amount.scale() > 2 {
        return Err(serde::ser::Error::custom(format_args!(
            "the payment amount {amount} has more than two decimals; the API takes whole cents"
        )));
    }
    // Exact: the normalized scale is at most 2, so this only appends zeros.
    amount.rescale(2);
    MoneyString::new(amount).serialize(serializer)
}

/// The body of "stage a PayPal payment" (deprecated: the API has disabled it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct PayPalPaymentCreate {
    /// Where PayPal sends the payer when they cancel.
    pub cancel_url: String,
    /// Where PayPal sends the payer once they approve the payment.
    pub redirect_url: String,
    /// How much to pay, in US dollars (sent as a string).
    pub usd: MoneyString,
}

/// What staging a PayPal payment returns: the ids to approve it with at PayPal.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct PayPalPaymentStaged {
    /// The checkout token PayPal generated for this payment: a capability, so a
    /// [`Secret`](crate::Secret).
    pub checkout_token: crate::Secret,
    /// PayPal's id for the payment, used to approve it and then to execute it.
    pub payment_id: String,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The body of "execute a PayPal payment" (deprecated: the API has disabled it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct PayPalPaymentExecute {
    /// The `PayerID` PayPal returned when the payer authorized the payment.
    pub payer_id: String,
    /// The payment id returned by staging, once approved at PayPal.
    pub payment_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_keep_their_form_and_value() {
        let text: Amount = serde_json::from_str(r#""$7.10""#).unwrap();
        assert_eq!(text, Amount::Text("7.10".parse().unwrap()));
        assert_eq!(serde_json::to_string(&text).unwrap(), r#""7.10""#);
        let number: Amount = serde_json::from_str("7.1").unwrap();
        assert!(matches!(number, Amount::Number(_)));
        assert_eq!(number.amount(), text.amount());
        let whole: Amount = serde_json::from_str("300").unwrap();
        assert_eq!(whole.amount(), Decimal::from(300));
        assert_eq!(serde_json::to_string(&whole).unwrap(), "300");
        assert!(serde_json::from_str::<Amount>(r#""lots""#).is_err());
        assert!(serde_json::from_str::<Amount>("true").is_err());
    }

    #[test]
    fn payment_amounts_go_out_with_two_decimals_and_are_never_rounded() {
        let body = |usd: &str| PaymentCreate {
            payment_method_id: None,
            usd: usd.parse().unwrap(),
        };
        assert_eq!(
            serde_json::to_string(&body("$5.10")).unwrap(),
            r#"{"usd":"5.10"}"#
        );
        assert_eq!(
            serde_json::to_string(&body("40")).unwrap(),
            r#"{"usd":"40.00"}"#
        );
        assert_eq!(
            serde_json::to_string(&body("12.500")).unwrap(),
            r#"{"usd":"12.50"}"#
        );
        let err = serde_json::to_string(&body("12.345")).unwrap_err();
        assert!(err.to_string().contains("two decimals"), "{err}");
    }
}
