//! `account::agreements`: agreements read and acknowledged.

use linode::models::account::AgreementsAcknowledge;
use linode::account::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let agreements = env.ok(&GetAgreements).await;
    assert!(!agreements.eu_model);
    env.ok(&AcknowledgeAgreements {
        body: AgreementsAcknowledge {
            eu_model: Some(true),
            master_service_agreement: None,
            privacy_policy: None,
        },
    })
    .await;
    let now = env.ok(&GetAgreements).await;
    assert!(now.eu_model);
    assert_eq!(now.privacy_policy, agreements.privacy_policy, "unchanged");
}
