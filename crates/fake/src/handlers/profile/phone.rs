//! `/profile/phone-number`: a phone number verified by a code sent to it.

use linode_models::Empty;
use linode_requests::profile::{DeletePhoneNumber, SendPhoneVerificationCode, VerifyPhoneNumber};

use crate::handler::{collected, field_error, handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

/// The code the fake "texts" to any phone number: verify with it.
pub const PHONE_VERIFICATION_CODE: &str = "424242";

handlers! {
    SendPhoneVerificationCode => send_phone_code,
    VerifyPhoneNumber => verify_phone,
    DeletePhoneNumber => delete_phone,
}

fn send_phone_code(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: SendPhoneVerificationCode,
) -> Result<Empty, Failure> {
    let body = op.body;
    let mut errors = Vec::new();
    if body.iso_code.len() != 2 || !body.iso_code.chars().all(|c| c.is_ascii_alphabetic()) {
        errors.push(field_error("iso_code", "Must be a two-letter country code"));
    }
    let digits = body
        .phone_number
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    let allowed = body
        .phone_number
        .chars()
        .all(|c| c.is_ascii_digit() || "+-() ".contains(c));
    if !(7..=15).contains(&digits) || !allowed {
        errors.push(field_error("phone_number", "Invalid phone number"));
    }
    collected(errors)?;
    store.profile.pending_phone = Some((body.iso_code.to_ascii_uppercase(), body.phone_number));
    Ok(Empty::default())
}

fn verify_phone(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: VerifyPhoneNumber,
) -> Result<Empty, Failure> {
    let body = op.body;
    let Some((_, number)) = store.profile.pending_phone.clone() else {
        return Err(Failure::field(
            "otp_code",
            "No verification code was sent; send one to a phone number first",
        ));
    };
    if body.otp_code.expose() != PHONE_VERIFICATION_CODE {
        return Err(Failure::field("otp_code", "Invalid verification code"));
    }
    store.profile.pending_phone = None;
    store.profile.profile.verified_phone_number = Some(number);
    Ok(Empty::default())
}

fn delete_phone(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    _op: DeletePhoneNumber,
) -> Result<Empty, Failure> {
    if store.profile.profile.verified_phone_number.take().is_none() {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "No verified phone number to delete",
        ));
    }
    Ok(Empty::default())
}
