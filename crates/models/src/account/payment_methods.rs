//! Payment methods: list, view, add, delete, make default; credit card (deprecated).
//!
//! Card numbers and CVVs sent to the API are [`Secret`]s, and the structs that carry them
//! redact the expiry too, so `{:?}` of a request never shows card data.

use core::fmt;

use linode_models_derive::Lossless;
use serde::{Deserialize, Serialize};

use super::LastFour;
use crate::{Extra, Secret, Timestamp};

open_enum! {
    /// The kind of a payment method.
    pub enum PaymentMethodType {
        /// A credit card.
        CreditCard = "credit_card",
        /// Google Pay.
        GooglePay = "google_pay",
        /// PayPal.
        Paypal = "paypal",
    }
}

/// What the API shows of a card (a credit card, or the card behind Google Pay).
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct CardInfo {
    /// The card's brand (`Visa`, `MasterCard`, ...).
    pub card_type: String,
    /// The expiry month and year, `MM/YYYY`.
    pub expiry: String,
    /// The last four digits of the card number (text or a number, see [`LastFour`]).
    pub last_four: LastFour,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// What the API shows of a PayPal account.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct PayPalInfo {
    /// The email address of the PayPal account.
    pub email: String,
    /// The PayPal merchant id of the account.
    pub paypal_id: String,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The `data` of a payment method: its details, whose shape depends on its type.
///
/// # Why an untagged enum
///
/// The spec gives `data` as a `oneOf` of three objects chosen by the sibling `type` field,
/// and two of them (credit card and Google Pay) have the very same fields. This enum is
/// chosen by the *shape* of the object: a card shape is [`PaymentMethodData::Card`] (look at
/// [`PaymentMethod::method_type`] to tell a credit card from Google Pay), a PayPal shape is
/// [`PaymentMethodData::PayPal`], and anything else (a future method type, or an object
/// missing a field) is kept verbatim in [`PaymentMethodData::Other`] instead of failing.
///
/// Only a JSON object can be a card or a PayPal account (serde would otherwise also read a
/// struct from an array); any other JSON lands in [`PaymentMethodData::Other`] unchanged.
///
/// Dispatching on the sibling `type` instead would have needed a hand-written deserializer
/// for [`PaymentMethod`], and would let `type` and `data` disagree in a value built by hand.
/// Shape dispatch makes every value round-trip exactly (JSON -> model -> JSON gives the same
/// JSON), keeps `type` and `data` as the plain named fields the API has, and still gives a
/// typed match. [`PaymentMethod::card`] and [`PaymentMethod::paypal`] are the short ways in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
#[serde(untagged)]
pub enum PaymentMethodData {
    /// A credit card's or Google Pay's card details.
    Card(CardInfo),
    /// A PayPal account's details.
    PayPal(PayPalInfo),
    /// Details of a shape this version does not know, kept as the API sent them.
    Other(
        #[cfg_attr(
            feature = "proptest",
            proptest(strategy = "crate::strategies::json_value()")
        )]
        serde_json::Value,
    ),
}

impl<'de> Deserialize<'de> for PaymentMethodData {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        if value.is_object() {
            if let Ok(card) = CardInfo::deserialize(&value) {
                return Ok(PaymentMethodData::Card(card));
            }
            if let Ok(paypal) = PayPalInfo::deserialize(&value) {
                return Ok(PaymentMethodData::PayPal(paypal));
            }
        }
        Ok(PaymentMethodData::Other(value))
    }
}

/// A payment method on the account.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct PaymentMethod {
    /// The payment method's id.
    pub id: u64,
    /// The kind of payment method.
    #[serde(rename = "type")]
    pub method_type: PaymentMethodType,
    /// Whether charges are taken from this method automatically (only one is the default).
    pub is_default: bool,
    /// When the method was added to the account.
    pub created: Timestamp,
    /// The method's details (see [`PaymentMethodData`]).
    pub data: PaymentMethodData,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

impl PaymentMethod {
    /// The card details, for a credit card or Google Pay.
    pub fn card(&self) -> Option<&CardInfo> {
        match &self.data {
            PaymentMethodData::Card(card) => Some(card),
            _ => None,
        }
    }

    /// The PayPal account details, for PayPal.
    pub fn paypal(&self) -> Option<&PayPalInfo> {
        match &self.data {
            PaymentMethodData::PayPal(paypal) => Some(paypal),
            _ => None,
        }
    }
}

/// A credit card to add: the `data` of "add a payment method", and the body of the deprecated
/// "add or edit a credit card".
///
/// Its `Debug` output shows none of the card data (number, CVV and expiry are all redacted).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct CreditCardCreate {
    /// The card number: digits only, no spaces or hyphens (14 to 24 digits).
    pub card_number: Secret,
    /// The card verification value on the back of the card (3 or 4 digits).
    pub cvv: Secret,
    /// The expiry month, 1 (January) to 12.
    pub expiry_month: u8,
    /// The expiry year, four digits; month and year must not be in the past.
    pub expiry_year: u16,
}

impl CreditCardCreate {
    /// A card with this number, CVV and expiry.
    pub fn new(
        card_number: impl Into<Secret>,
        cvv: impl Into<Secret>,
        expiry_month: u8,
        expiry_year: u16,
    ) -> Self {
        Self {
            card_number: card_number.into(),
            cvv: cvv.into(),
            expiry_month,
            expiry_year,
        }
    }
}

impl fmt::Debug for CreditCardCreate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreditCardCreate")
            .field("card_number", &self.card_number)
            .field("cvv", &self.cvv)
            .field("expiry_month", &format_args!("[redacted]"))
            .field("expiry_year", &format_args!("[redacted]"))
            .finish()
    }
}

/// The body of "add a payment method". Only credit cards can be added through the API
/// (Google Pay and PayPal are added in Cloud Manager).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct PaymentMethodCreate {
    /// The kind of method: [`PaymentMethodType::CreditCard`].
    #[serde(rename = "type")]
    pub method_type: PaymentMethodType,
    /// The card.
    pub data: CreditCardCreate,
    /// Whether to make it the default method (taking that from any other).
    pub is_default: bool,
}

impl PaymentMethodCreate {
    /// Adds `card` as a credit card, the default method if `is_default`.
    pub fn credit_card(card: CreditCardCreate, is_default: bool) -> Self {
        Self {
            method_type: PaymentMethodType::CreditCard,
            data: card,
            is_default,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_is_told_apart_by_shape_and_unknown_shapes_are_kept() {
        let card: PaymentMethodData = serde_json::from_str(
            r#"{"card_type": "Visa", "expiry": "09/2029", "last_four": "4821"}"#,
        )
        .unwrap();
        assert!(matches!(card, PaymentMethodData::Card(ref c) if c.last_four == "4821"));
        let paypal: PaymentMethodData =
            serde_json::from_str(r#"{"email": "billing@example.net", "paypal_id": "QX7PL2"}"#)
                .unwrap();
        assert!(matches!(paypal, PaymentMethodData::PayPal(ref p) if p.paypal_id == "QX7PL2"));
        let text = r#"{"token_hint":"ab12","wallet":"future-pay"}"#;
        let other: PaymentMethodData = serde_json::from_str(text).unwrap();
        assert!(matches!(other, PaymentMethodData::Other(_)));
        assert_eq!(serde_json::to_string(&other).unwrap(), text);
        // An array is not read as a struct, and `null` is kept too.
        for json in [r#"["Visa","09/2029","4821"]"#, "null"] {
            let other: PaymentMethodData = serde_json::from_str(json).unwrap();
            assert!(matches!(other, PaymentMethodData::Other(_)), "{json}");
            assert_eq!(serde_json::to_string(&other).unwrap(), json);
        }
    }

    #[test]
    fn card_debug_shows_no_card_data() {
        let card = CreditCardCreate::new("5555444433331111", "987", 11, 2031);
        let debug = format!("{card:?}");
        for secret in ["5555444433331111", "987", "11", "2031"] {
            assert!(!debug.contains(secret), "{secret} leaked in {debug}");
        }
        let body = serde_json::to_value(&card).unwrap();
        assert_eq!(body["card_number"], "5555444433331111");
        assert_eq!(body["expiry_month"], 11);
    }
}
