//! `account::entity_transfers`: the deprecated entity transfers: the same transfers, each answer a 299.

use linode::models::account::{TransferCreate, TransferEntities, TransferStatus};
use linode::account::*;

use crate::e2e_support::{Api, Env};

#[allow(deprecated)]
pub async fn scenario<A: Api>(env: Env<A>) {
    let listed = env.ok_meta(&ListEntityTransfers::default()).await;
    assert_eq!(listed.status.as_u16(), 299);
    assert!(
        listed
            .warnings
            .iter()
            .any(|w| w.details.contains("ServiceTransfers")),
        "{:?}",
        listed.warnings
    );
    assert_eq!(listed.value.results, 2);
    let received = listed
        .value
        .data
        .iter()
        .find(|t| !t.is_sender)
        .unwrap()
        .token
        .clone();

    let body = TransferCreate {
        entities: TransferEntities {
            extra: Default::default(),
            linodes: vec![31002],
        },
    };
    let made = env.ok_meta(&CreateEntityTransfer { body }).await;
    assert_eq!(made.status.as_u16(), 299);
    assert_eq!(
        (made.value.is_sender, made.value.entities.linodes.as_slice()),
        (true, &[31002][..])
    );
    let token = made.value.token.clone();
    let got = env.ok_meta(&GetEntityTransfer::new(token.clone())).await;
    assert_eq!((got.status.as_u16(), &got.value), (299, &made.value));
    assert_eq!(
        env.ok(&GetServiceTransfer::new(token.clone())).await.token,
        token,
        "one store"
    );

    let cancelled = env.ok_meta(&CancelEntityTransfer::new(token.clone())).await;
    assert_eq!(cancelled.status.as_u16(), 299);
    assert_eq!(
        env.ok(&GetEntityTransfer::new(token.clone())).await.status,
        TransferStatus::Canceled
    );
    let accepted = env
        .ok_meta(&AcceptEntityTransfer::new(received.clone()))
        .await;
    assert_eq!(accepted.status.as_u16(), 299);
    assert_eq!(
        env.ok(&GetEntityTransfer::new(received)).await.status,
        TransferStatus::Completed
    );
}
