//! `/account/agreements`: the legal agreements the account has acknowledged.

use linode_models::account::Agreements;
use linode_models::{Empty, Timestamp};
use linode_requests::account::{AcknowledgeAgreements, GetAgreements};

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::account::agreements::AgreementsState;
use crate::state::Store;

impl Default for AgreementsState {
    fn default() -> Self {
        Self {
            signed: Agreements {
                extra: Default::default(),
                eu_model: false,
                master_service_agreement: false,
                privacy_policy: false,
            },
        }
    }
}

handlers! {
    GetAgreements => get_agreements,
    AcknowledgeAgreements => acknowledge,
}

fn get_agreements(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    _op: GetAgreements,
) -> Result<Agreements, Failure> {
    Ok(store.agreements.signed.clone())
}

fn acknowledge(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: AcknowledgeAgreements,
) -> Result<Empty, Failure> {
    let body = op.body;
    let fields = [
        ("eu_model", body.eu_model),
        ("master_service_agreement", body.master_service_agreement),
        ("privacy_policy", body.privacy_policy),
    ];
    if let Some((name, _)) = fields.iter().find(|(_, v)| *v == Some(false)) {
        return Err(Failure::field(
            *name,
            "An agreement can only be acknowledged (true)",
        ));
    }
    let a = &mut store.agreements.signed;
    a.eu_model |= body.eu_model.unwrap_or(false);
    a.master_service_agreement |= body.master_service_agreement.unwrap_or(false);
    a.privacy_policy |= body.privacy_policy.unwrap_or(false);
    Ok(Empty::default())
}

/// The agreements already signed.
pub(crate) fn seed(store: &mut Store, _at: &dyn Fn(i64) -> Timestamp) {
    store.agreements.signed = Agreements {
        extra: Default::default(),
        eu_model: false,
        master_service_agreement: true,
        privacy_policy: true,
    };
}
