//! `account::service_transfers`: service transfers created, read, canceled, accepted.

use linode::models::account::{TransferCreate, TransferEntities, TransferStatus};
use linode::requests::{Filter, Pagination};
use linode::account::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let all = env.ok(&ListServiceTransfers::default()).await;
    assert_eq!(all.results, 2);
    let received = all.data.iter().find(|t| !t.is_sender).unwrap().clone();
    assert_eq!(received.status, TransferStatus::Pending);

    let body = TransferCreate {
        entities: TransferEntities {
            extra: Default::default(),
            linodes: vec![31007],
        },
    };
    let created = env.ok(&CreateServiceTransfer { body }).await;
    assert_eq!(
        (created.status.clone(), created.is_sender),
        (TransferStatus::Pending, true)
    );
    assert_eq!(created.entities.linodes, [31007]);
    assert_eq!(
        env.ok(&GetServiceTransfer::new(created.token.clone()))
            .await,
        created
    );
    let pending = ListServiceTransfers {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(TransferField::Status, "pending")),
    };
    let tokens: Vec<String> = env
        .ok(&pending)
        .await
        .data
        .into_iter()
        .map(|t| t.token.into_inner())
        .collect();
    assert_eq!(tokens.len(), 2);
    assert!(
        tokens.iter().any(|t| t == created.token.expose())
            && tokens.iter().any(|t| t == received.token.expose())
    );

    env.ok(&CancelServiceTransfer::new(created.token.clone()))
        .await;
    assert_eq!(
        env.ok(&GetServiceTransfer::new(created.token.clone()))
            .await
            .status,
        TransferStatus::Canceled
    );
    env.ok(&AcceptServiceTransfer::new(received.token.clone()))
        .await;
    assert_eq!(
        env.ok(&GetServiceTransfer::new(received.token.clone()))
            .await
            .status,
        TransferStatus::Completed
    );
    assert!(
        env.ok(&pending).await.data.is_empty(),
        "nothing pending any more"
    );
}
