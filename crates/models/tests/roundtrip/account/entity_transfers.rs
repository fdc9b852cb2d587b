//! Round trips of the models of `linode_requests::account::entity_transfers`'s operations.

use linode_models::account::EntityTransfer;
use linode_models::Page;

crate::roundtrip_tests! {
    entity_transfer: EntityTransfer,
    entity_transfer_page: Page<EntityTransfer>,
}
