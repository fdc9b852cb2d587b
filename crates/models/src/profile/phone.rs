//! Phone number verification: send a code, verify, delete.

use serde::{Deserialize, Serialize};

use crate::Secret;

/// The body of "send a phone number verification code": where to send the SMS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct PhoneNumberVerificationRequest {
    /// The two-letter ISO 3166 country code of the number, e.g. `US`, `DE`.
    pub iso_code: String,
    /// The phone number, e.g. `555-010-4477`.
    pub phone_number: String,
}

/// The body of "verify a phone number": the code the SMS carried (valid for 10 minutes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct PhoneNumberVerification {
    /// The one-time code; a [`Secret`], so `Debug` does not show it.
    pub otp_code: Secret,
}
