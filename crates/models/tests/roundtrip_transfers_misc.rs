//! Round trips of the transfer, agreement, availability, beta and child-account models.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

mod support;

use linode_models::account::{
    AccountAvailability, Agreements, AgreementsAcknowledge, BetaProgramEnroll, ChildAccount,
    ChildAccountBillingSource, EnrolledBetaProgram, EntityTransfer, ProxyUserToken,
    ServiceTransfer, TransferCreate, TransferEntities, TransferStatus,
};
use linode_models::Page;

roundtrip_tests! {
    transfer_status: TransferStatus,
    transfer_entities: TransferEntities,
    transfer_create: TransferCreate,
    service_transfer: ServiceTransfer,
    service_transfer_page: Page<ServiceTransfer>,
    entity_transfer: EntityTransfer,
    entity_transfer_page: Page<EntityTransfer>,
    agreements: Agreements,
    agreements_acknowledge: AgreementsAcknowledge,
    account_availability: AccountAvailability,
    account_availability_page: Page<AccountAvailability>,
    enrolled_beta_program: EnrolledBetaProgram,
    enrolled_beta_program_page: Page<EnrolledBetaProgram>,
    beta_program_enroll: BetaProgramEnroll,
    child_account_billing_source: ChildAccountBillingSource,
    child_account: ChildAccount,
    child_account_page: Page<ChildAccount>,
    proxy_user_token: ProxyUserToken,
}

#[test]
fn an_unknown_transfer_status_round_trips() {
    let status: TransferStatus = serde_json::from_str(r#""under_review""#).unwrap();
    assert_eq!(status, TransferStatus::Unknown("under_review".into()));
    assert_eq!(serde_json::to_string(&status).unwrap(), r#""under_review""#);
    let known: TransferStatus = serde_json::from_str(r#""stale""#).unwrap();
    assert_eq!(known, TransferStatus::Stale);
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

#[test]
fn a_beta_program_keeps_its_nulls() {
    let json = r#"{"id":"obj_gen2","label":"Object Storage Gen 2","description":null,"started":"2024-06-03T00:00:00","ended":null,"enrolled":"2024-06-10T07:45:19"}"#;
    let beta: EnrolledBetaProgram = serde_json::from_str(json).unwrap();
    assert_eq!(beta.ended, None);
    let back: serde_json::Value = serde_json::to_value(&beta).unwrap();
    let original: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(back, original);
}

#[test]
fn a_transfer_create_body_has_the_entity_map() {
    let body = TransferCreate::linodes([88120, 88121]);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"entities":{"linodes":[88120,88121]}}"#
    );
}

proptest::proptest! {
    #[test]
    fn the_proxy_token_never_shows_in_debug(token in proptest::prelude::any::<ProxyUserToken>(), value in "[a-f0-9]{32,64}") {
        let token = ProxyUserToken { token: linode_models::Secret::new(value.clone()), ..token };
        let debug = format!("{token:?}");
        proptest::prop_assert!(!debug.contains(&value));
    }
}
