//! Phone number verification: send a code, verify, delete.

use bytes::Bytes;
use linode_models::profile::{PhoneNumberVerification, PhoneNumberVerificationRequest};
use linode_models::{Empty, Secret};

use crate::operation_info::OperationInfo;
use crate::{json_body, BuildError, Metadata, Operation, RequestBodyKind, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<SendPhoneVerificationCode>(),
    OperationInfo::json::<VerifyPhoneNumber>(),
    OperationInfo::json::<DeletePhoneNumber>(),
];

/// Sends a one-time code by SMS to a phone number, to verify it with [`VerifyPhoneNumber`].
///
/// Sending it opts you in to SMS messages (opt out with [`DeletePhoneNumber`]). A code stays
/// valid for 10 minutes; asking again meanwhile resends the same code. Not idempotent: each
/// call sends a text message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendPhoneVerificationCode {
    /// The number to send the code to.
    pub body: PhoneNumberVerificationRequest,
}

impl SendPhoneVerificationCode {
    /// Sends the code to `phone_number`, in the country `iso_code` (ISO 3166, e.g. `US`).
    pub fn new(iso_code: impl Into<String>, phone_number: impl Into<String>) -> Self {
        Self {
            body: PhoneNumberVerificationRequest {
                iso_code: iso_code.into(),
                phone_number: phone_number.into(),
            },
        }
    }
}

impl Operation for SendPhoneVerificationCode {
    const META: Metadata = Metadata {
        id: "post-profile-phone-number",
        name: "profile::SendPhoneVerificationCode",
        summary: "Send a phone number verification code",
        path: "/profile/phone-number",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = Empty;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        json_body(&self.body)
    }
}

/// Verifies your phone number with the code sent by [`SendPhoneVerificationCode`]; the
/// number then becomes your profile's `verified_phone_number`. Only the user who asked for
/// the code can use it. To change a verified number, delete it first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyPhoneNumber {
    /// The code received.
    pub body: PhoneNumberVerification,
}

impl VerifyPhoneNumber {
    /// Verifies with the one-time code `otp_code`.
    pub fn new(otp_code: impl Into<Secret>) -> Self {
        Self {
            body: PhoneNumberVerification {
                otp_code: otp_code.into(),
            },
        }
    }
}

impl Operation for VerifyPhoneNumber {
    const META: Metadata = Metadata {
        id: "post-profile-phone-number-verify",
        name: "profile::VerifyPhoneNumber",
        summary: "Verify a phone number",
        path: "/profile/phone-number/verify",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = Empty;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        json_body(&self.body)
    }
}

/// Deletes your verified phone number, which opts you out of SMS messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeletePhoneNumber;

impl Operation for DeletePhoneNumber {
    const META: Metadata = Metadata {
        id: "delete-profile-phone-number",
        name: "profile::DeletePhoneNumber",
        summary: "Delete a phone number",
        path: "/profile/phone-number",
        scopes: &[Scope::AccountReadWrite],
        ..Metadata::IDEMPOTENT_DELETE
    };
    type Output = Empty;
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    SendPhoneVerificationCode { body }
    VerifyPhoneNumber { body }
    DeletePhoneNumber {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    // Checked at compile time: a wrong classification (retries, paging) does not build.
    const _: () = assert!(!SendPhoneVerificationCode::META.idempotent);
    const _: () = assert!(!VerifyPhoneNumber::META.idempotent);

    #[test]
    fn send_code_sends_json_and_is_not_idempotent() {
        let req = build(&SendPhoneVerificationCode::new("GB", "07700 900461"));
        assert_request(
            &req,
            "POST",
            "/v4/profile/phone-number",
            Some(r#"{"iso_code":"GB","phone_number":"07700 900461"}"#),
        );
        assert_eq!(
            parse_ok::<SendPhoneVerificationCode>(200, "{}"),
            Empty::default()
        );
    }

    #[test]
    fn send_code_reports_a_bad_number() {
        let err = parse_err::<SendPhoneVerificationCode>(
            400,
            r#"{"errors": [{"field": "phone_number", "reason": "Invalid phone number"}]}"#,
        );
        assert_eq!(err.errors[0].field.as_deref(), Some("phone_number"));
    }

    #[test]
    fn verify_sends_the_code_but_does_not_show_it_in_debug() {
        let op = VerifyPhoneNumber::new("418275");
        assert_request(
            &build(&op),
            "POST",
            "/v4/profile/phone-number/verify",
            Some(r#"{"otp_code":"418275"}"#),
        );
        assert!(!format!("{op:?}").contains("418275"));
        assert_eq!(parse_ok::<VerifyPhoneNumber>(200, "{}"), Empty::default());
    }

    #[test]
    fn verify_reports_an_expired_code() {
        let err = parse_err::<VerifyPhoneNumber>(
            400,
            r#"{"errors": [{"field": "otp_code", "reason": "Verification code has expired"}]}"#,
        );
        assert_eq!(err.errors[0].reason, "Verification code has expired");
    }

    #[test]
    fn delete_builds_and_parses() {
        let req = build(&DeletePhoneNumber);
        assert_request(&req, "DELETE", "/v4/profile/phone-number", None);
        assert_eq!(parse_ok::<DeletePhoneNumber>(200, "{}"), Empty::default());
    }
}
