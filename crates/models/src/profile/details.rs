//! Your profile: view and update.

use linode_models_derive::Lossless;

use crate::account::UserType;
use crate::{Extra, Money, Update};

open_enum! {
    /// How the user signs in to Cloud Manager.
    pub enum AuthenticationType {
        /// Username and password.
        Password = "password",
        /// Third-party sign-in through GitHub.
        Github = "github",
    }
}

open_enum! {
    /// Which credentials the Linode Shell (Lish) accepts for this user.
    pub enum LishAuthMethod {
        /// A password or an authorized SSH key. Not available to users who sign in through
        /// a third party.
        PasswordKeys = "password_keys",
        /// Authorized SSH keys only (the safest choice if you use Lish).
        KeysOnly = "keys_only",
        /// Lish access is turned off.
        Disabled = "disabled",
    }
}

/// Your standing in the referral program. The API fills it in once the account has paid at
/// least $25 in total.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct Referrals {
    /// Your referral code: new customers who sign up with it earn you credit.
    pub code: String,
    /// How many sign-ups with your code are complete.
    pub completed: u32,
    /// The credit (US dollars) the program has given you so far.
    pub credit: Money,
    /// How many sign-ups with your code are not complete yet (no credit for these yet).
    pub pending: u32,
    /// How many people signed up with your code in all.
    pub total: u32,
    /// The sign-up link that carries your code.
    pub url: String,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The user the token acts as: who it is and its personal settings.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct Profile {
    /// How this user signs in to Cloud Manager.
    pub authentication_type: AuthenticationType,
    /// Public SSH keys allowed to open Lish as this user (ignored when Lish is disabled);
    /// `None` when none are set.
    pub authorized_keys: Option<Vec<String>>,
    /// The address Linode writes to.
    pub email: String,
    /// Whether you get email about activity on the account (business-critical mail is sent
    /// either way).
    pub email_notifications: bool,
    /// Whether logins are limited to an IP allow list. Deprecated by the API (it can be turned
    /// off but never on again), and left out of some responses: `None` then (and left out
    /// when written back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_whitelist_enabled: Option<bool>,
    /// Which credentials Lish accepts.
    pub lish_auth_method: LishAuthMethod,
    /// Your referral program status.
    pub referrals: Referrals,
    /// Whether this user is restricted to the grants it was given.
    pub restricted: bool,
    /// The time zone clients should show times in (the API itself always speaks UTC).
    pub timezone: String,
    /// Whether logins from untrusted computers need a two-factor code.
    pub two_factor_auth: bool,
    /// The user's permanent numeric id.
    pub uid: u64,
    /// The name the user logs in with.
    pub username: String,
    /// The phone number verified by SMS, or `None` if there is none.
    pub verified_phone_number: Option<String>,
    /// The kind of user: default, or a parent, child or proxy user of Akamai parent/child
    /// accounts (added to the profile after spec 4.189.0); `None` when not sent.
    #[serde(default)]
    pub user_type: Option<UserType>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The body of "update your profile": every field is optional, and only the fields set are
/// sent, so the API keeps everything else as it is.
///
/// ```
/// use linode_models::profile::ProfileUpdate;
/// use linode_models::Update;
/// let body = ProfileUpdate {
///     timezone: Some("Europe/Paris".into()),
///     authorized_keys: Update::Null,
///     ..Default::default()
/// };
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"authorized_keys":null,"timezone":"Europe/Paris"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct ProfileUpdate {
    /// SSH keys allowed to open Lish: [`Update::Null`] removes them all.
    #[serde(default, skip_serializing_if = "Update::is_unchanged")]
    pub authorized_keys: Update<Vec<String>>,
    /// A new email address. Not changeable for the proxy user of a child account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whether to get email about account activity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_notifications: Option<bool>,
    /// `false` turns the deprecated IP allow list off, for good.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_whitelist_enabled: Option<bool>,
    /// Which credentials Lish accepts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lish_auth_method: Option<LishAuthMethod>,
    /// Whether the user is restricted. The spec lists it as writable; expect the API to
    /// refuse changes the acting user is not allowed to make.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restricted: Option<bool>,
    /// The preferred time zone, e.g. `America/Chicago`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Whether logins need a two-factor code. Turning it on goes through
    /// "create a two factor secret" and "enable two factor authentication".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub two_factor_auth: Option<bool>,
    /// Fields this version does not model, sent as they are (see [`Extra`]).
    pub extra: Extra,
}
