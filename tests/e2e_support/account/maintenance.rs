//! `account::maintenance`: maintenance listed and filtered.

use linode::requests::{Filter, Pagination};
use linode::account::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let all = env.ok(&ListMaintenance::default()).await;
    assert_eq!(
        all.results, 3,
        "two records in the older form, one in the newer"
    );
    let pending = ListMaintenance {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(MaintenanceField::Status, "pending")),
    };
    let pending = env.ok(&pending).await;
    assert_eq!(pending.results, 1);
    assert_eq!(pending.data[0].entity.label, "web-lis-2");
}
