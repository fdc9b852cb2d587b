//! The account itself: contact and billing details, cancellation, network transfer.

use linode_models_derive::Lossless;
use serde::{Deserialize, Deserializer, Serialize};

use super::promotions::Promotion;
use crate::{Extra, Money, Timestamp};

open_enum! {
    /// Who bills the account's services, set by its relationship with Akamai.
    pub enum BillingSource {
        /// Billed by Akamai (accounts tied to Akamai customers).
        Akamai = "akamai",
        /// Billed by Linode (every other account).
        Linode = "linode",
    }
}

/// The credit card on file of an account or a child account, as far as it is shown: no number, only its last four
/// digits and its expiry. Not a secret, but not to be confused with a payment method.
///
/// Both values are `None` when there is no card on file: the API then answers
/// `{"expiry": null, "last_four": null}` rather than leaving the object out.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct AccountCreditCard {
    /// The expiry month and year, `MM/YYYY`.
    #[serde(default)]
    pub expiry: Option<String>,
    /// The last four digits (see [`LastFour`]: text or a number, written back as it came).
    #[serde(default)]
    pub last_four: Option<LastFour>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The last four digits of a card: one type for the account's card, a child account's card
/// and a card payment method.
///
/// The API sends them as text (`"0042"`); some of its documentation, and some answers, give a
/// JSON number (`42`, `4417`). Both are read; the digits are the text (a number's decimal
/// form), and the value is written back in the shape it came in, so a read-modify-write or a
/// conformance round trip sees exactly what the API sent. Compare it with a `&str`:
///
/// ```
/// use linode_models::account::AccountCreditCard;
/// let card: AccountCreditCard = serde_json::from_str(r#"{"expiry":"01/2030","last_four":4417}"#)?;
/// let last_four = card.last_four.as_ref().expect("sent");
/// assert_eq!(last_four, "4417");
/// assert_eq!(serde_json::to_value(&card)?["last_four"], 4417);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct LastFour {
    digits: String,
    /// Whether the API sent a JSON number (written back as one).
    sent_as_number: bool,
}

impl LastFour {
    /// The digits, as text.
    pub fn as_str(&self) -> &str {
        &self.digits
    }

    /// Whether the API sent them as a JSON number rather than text.
    pub fn was_number(&self) -> bool {
        self.sent_as_number
    }
}

impl From<&str> for LastFour {
    fn from(digits: &str) -> Self {
        Self::from(digits.to_owned())
    }
}

impl From<String> for LastFour {
    /// Digits as text (written as a JSON string).
    fn from(digits: String) -> Self {
        Self {
            digits,
            sent_as_number: false,
        }
    }
}

impl core::ops::Deref for LastFour {
    type Target = str;
    fn deref(&self) -> &str {
        &self.digits
    }
}

impl AsRef<str> for LastFour {
    fn as_ref(&self) -> &str {
        &self.digits
    }
}

impl core::fmt::Debug for LastFour {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&self.digits, f)
    }
}

impl core::fmt::Display for LastFour {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.digits)
    }
}

impl PartialEq<str> for LastFour {
    fn eq(&self, other: &str) -> bool {
        self.digits == other
    }
}

impl PartialEq<&str> for LastFour {
    fn eq(&self, other: &&str) -> bool {
        self.digits == *other
    }
}

impl Serialize for LastFour {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.sent_as_number.then(|| self.digits.parse::<u64>()) {
            Some(Ok(number)) => serializer.serialize_u64(number),
            _ => serializer.serialize_str(&self.digits),
        }
    }
}

impl<'de> Deserialize<'de> for LastFour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Digits {
            Text(String),
            Number(u64),
        }
        Ok(match Digits::deserialize(deserializer)? {
            Digits::Text(digits) => Self::from(digits),
            Digits::Number(number) => Self {
                digits: number.to_string(),
                sent_as_number: true,
            },
        })
    }
}

#[cfg(feature = "proptest")]
impl proptest::arbitrary::Arbitrary for LastFour {
    type Parameters = ();
    type Strategy = proptest::strategy::BoxedStrategy<Self>;
    fn arbitrary_with(_: ()) -> Self::Strategy {
        use proptest::prelude::*;
        prop_oneof![
            "[0-9]{0,4}".prop_map(LastFour::from),
            (0u64..10_000).prop_map(|n| LastFour {
                digits: n.to_string(),
                sent_as_number: true,
            }),
        ]
        .boxed()
    }
}

/// Your account: contact details, billing address, balance and what it can use.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct Account {
    /// Promotions currently giving the account credit.
    #[cfg_attr(
        feature = "proptest",
        proptest(
            strategy = "proptest::collection::vec(proptest::prelude::any::<Promotion>(), 0..4)"
        )
    )]
    #[serde(default)]
    pub active_promotions: Vec<Promotion>,
    /// When the account was activated.
    pub active_since: Timestamp,
    /// First line of the billing address (up to 64 characters).
    pub address_1: String,
    /// Second line of the billing address (up to 64 characters).
    pub address_2: String,
    /// The balance, in US dollars (exact; negative when the account is in credit).
    pub balance: Money,
    /// The estimate of the next invoice so far, in US dollars, without transfer charges.
    pub balance_uninvoiced: Money,
    /// Who bills the account's services.
    pub billing_source: BillingSource,
    /// What the account can use (`"Linodes"`, `"Block Storage"`, ...). New capabilities
    /// appear over time, so these stay plain strings.
    #[cfg_attr(
        feature = "proptest",
        proptest(strategy = "proptest::collection::vec(proptest::prelude::any::<String>(), 0..4)")
    )]
    #[serde(default)]
    pub capabilities: Vec<String>,
    /// The billing address's city (up to 24 characters).
    pub city: String,
    /// The company name (up to 128 characters).
    pub company: String,
    /// The billing address's country, as an ISO 3166 two-letter code.
    pub country: String,
    /// The credit card on file (last four digits and expiry only); `None` when the response
    /// leaves it out (some do).
    #[serde(default)]
    pub credit_card: Option<AccountCreditCard>,
    /// The account holder's email address.
    pub email: String,
    /// The account's external unique identifier.
    pub euuid: String,
    /// The account holder's first name.
    pub first_name: String,
    /// The account holder's last name.
    pub last_name: String,
    /// The account holder's phone number.
    pub phone: String,
    /// The state or province: a two-letter code in the US and Canada (`AA`, `AE`, `AP` for
    /// US military addresses), the province's name elsewhere.
    pub state: String,
    /// The tax identification number; empty where no tax is collected.
    pub tax_id: String,
    /// The billing address's zip or postal code.
    pub zip: String,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The body of "update your account": each field left `None` is not sent, and the API keeps
/// its value.
///
/// The API marks none of these fields nullable: to clear a text field (`address_2`,
/// `tax_id`), send it as an empty string.
#[derive(Debug, Clone, PartialEq, Eq, Default, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct AccountUpdate {
    /// First line of the billing address (up to 64 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_1: Option<String>,
    /// Second line of the billing address (up to 64 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_2: Option<String>,
    /// The billing address's city (up to 24 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The company name (up to 128 characters; `<>()"=` are refused). A parent account's
    /// company cannot be changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// The country, as an ISO 3166 two-letter code. Changing it to `US` fails unless `zip`
    /// is a valid US zip code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The account holder's email address (up to 128 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The account holder's first name (up to 50 characters; `<>()"=` are refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The account holder's last name (up to 50 characters; `<>()"=` are refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// The account holder's phone number (up to 32 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The state or province (up to 24 characters; a two-letter code in the US and Canada).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The tax identification number (up to 25 characters; empty where no tax applies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    /// The zip or postal code: ASCII letters, digits and `-`, at most 9 letters or digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    /// Fields this version does not model, sent as they are (see [`Extra`]).
    pub extra: Extra,
}

/// The body of "cancel your account".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct AccountCancel {
    /// Why you are leaving, and anything else you want to tell Linode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
}

/// The answer to a successful cancellation.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct AccountCancellation {
    /// A link to Linode's exit survey.
    pub survey_link: String,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// Network transfer used in one region that has its own quota, this month, in GB.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct RegionTransfer {
    /// The part of the usage that is billed, in GB.
    pub billable: u64,
    /// The region's id, e.g. `us-east`.
    pub id: String,
    /// The usage allowed this billing cycle, in GB.
    pub quota: u64,
    /// The usage so far this billing cycle, in GB.
    pub used: u64,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The account's network transfer this month, in GB: the global pool, and the regions
/// with a quota of their own.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct NetworkTransfer {
    /// The part of the usage that is billed, in GB.
    pub billable: u64,
    /// The usage allowed this billing cycle, in GB.
    pub quota: u64,
    /// The regions with their own quota, and their usage.
    #[serde(default)]
    #[cfg_attr(
        feature = "proptest",
        proptest(
            strategy = "proptest::collection::vec(proptest::prelude::any::<RegionTransfer>(), 0..4)"
        )
    )]
    pub region_transfers: Vec<RegionTransfer>,
    /// The usage so far this billing cycle, in GB.
    pub used: u64,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}
