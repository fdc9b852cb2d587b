//! Round trips of the models of `linode_requests::account::agreements`'s operations.

use linode_models::account::{Agreements, AgreementsAcknowledge};

crate::roundtrip_tests! {
    agreements: Agreements,
    agreements_acknowledge: AgreementsAcknowledge,
}

#[test]
fn acknowledging_sends_only_the_chosen_agreements() {
    let body = AgreementsAcknowledge {
        master_service_agreement: Some(true),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"master_service_agreement":true}"#
    );
    assert_eq!(
        serde_json::to_string(&AgreementsAcknowledge::default()).unwrap(),
        "{}"
    );
}
