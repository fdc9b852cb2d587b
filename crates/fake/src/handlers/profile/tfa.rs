//! `/profile/tfa-enable`, `/profile/tfa-enable-confirm`, `/profile/tfa-disable`: two-factor
//! authentication.

use linode_models::profile::{TfaScratchCode, TfaSecret};
use linode_models::{Empty, Secret, Timestamp};
use linode_requests::profile::{ConfirmTfa, CreateTfaSecret, DisableTfa};

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    CreateTfaSecret => tfa_enable,
    ConfirmTfa => tfa_confirm,
    DisableTfa => tfa_disable,
}

fn tfa_enable(
    store: &mut Store,
    ctx: &Ctx<'_>,
    _op: CreateTfaSecret,
) -> Result<TfaSecret, Failure> {
    if store.profile.profile.two_factor_auth {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "Two-factor authentication is already enabled",
        ));
    }
    if store.profile.answers.len() < 3 {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "Answer three security questions before enabling two-factor authentication",
        ));
    }
    const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let secret: String = store
        .new_secret(16)
        .bytes()
        .map(|b| char::from(BASE32[usize::from(b) % BASE32.len()]))
        .collect();
    store.profile.pending_tfa = Some(Secret::new(secret.clone()));
    let expiry =
        Timestamp::from_unix_seconds(ctx.now.to_utc().unix_timestamp() + 600).unwrap_or(ctx.now);
    Ok(TfaSecret {
        extra: Default::default(),
        expiry,
        secret: Secret::new(secret),
    })
}

fn tfa_confirm(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: ConfirmTfa,
) -> Result<TfaScratchCode, Failure> {
    let body = op.body;
    if store.profile.pending_tfa.is_none() {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "Create a two-factor secret (tfa-enable) first",
        ));
    }
    let code = body.tfa_code.expose();
    // The fake accepts any six-digit code: it has no clock-synchronized authenticator.
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(Failure::field("tfa_code", "Invalid code"));
    }
    store.profile.pending_tfa = None;
    store.profile.profile.two_factor_auth = true;
    let scratch = store.new_secret(8).to_ascii_uppercase();
    Ok(TfaScratchCode {
        extra: Default::default(),
        scratch: Secret::new(scratch),
    })
}

fn tfa_disable(store: &mut Store, _ctx: &Ctx<'_>, _op: DisableTfa) -> Result<Empty, Failure> {
    if !store.profile.profile.two_factor_auth {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "Two-factor authentication is not enabled",
        ));
    }
    store.profile.profile.two_factor_auth = false;
    Ok(Empty::default())
}
