//! `profile::phone`: a phone number sent a code, verified, deleted.

use linode::profile::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    const PHONE: &str = "+351 912 555 318";
    env.ok(&SendPhoneVerificationCode::new("PT", PHONE)).await;
    env.ok(&VerifyPhoneNumber::new(
        linode_fake::PHONE_VERIFICATION_CODE,
    ))
    .await;
    assert_eq!(
        env.ok(&GetProfile).await.verified_phone_number.as_deref(),
        Some(PHONE)
    );
    env.ok(&DeletePhoneNumber).await;
    assert_eq!(env.ok(&GetProfile).await.verified_phone_number, None);
}
