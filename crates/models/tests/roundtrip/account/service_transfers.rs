//! Round trips of the models of `linode_requests::account::service_transfers`'s operations.

use linode_models::account::{ServiceTransfer, TransferCreate, TransferEntities, TransferStatus};
use linode_models::Page;

crate::roundtrip_tests! {
    transfer_status: TransferStatus,
    transfer_entities: TransferEntities,
    transfer_create: TransferCreate,
    service_transfer: ServiceTransfer,
    service_transfer_page: Page<ServiceTransfer>,
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
fn a_transfer_create_body_has_the_entity_map() {
    let body = TransferCreate::linodes([88120, 88121]);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"entities":{"linodes":[88120,88121]}}"#
    );
}
