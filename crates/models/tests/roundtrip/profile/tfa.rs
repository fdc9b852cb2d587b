//! Round trips of the models of `linode_requests::profile::tfa`'s operations.

use linode_models::profile::{TfaConfirmation, TfaScratchCode, TfaSecret};

crate::roundtrip_tests! {
    tfa_secret: TfaSecret,
    tfa_confirmation: TfaConfirmation,
    tfa_scratch_code: TfaScratchCode,
}
