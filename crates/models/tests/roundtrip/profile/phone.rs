//! Round trips of the models of `linode_requests::profile::phone`'s operations.

use linode_models::profile::{PhoneNumberVerification, PhoneNumberVerificationRequest};

crate::roundtrip_tests! {
    phone_number_verification_request: PhoneNumberVerificationRequest,
    phone_number_verification: PhoneNumberVerification,
}
