//! Round trips of the models of `linode_requests::account::maintenance`'s operations.

use linode_models::account::{Maintenance, MaintenanceEntity, MaintenanceStatus, MaintenanceType};
use linode_models::Page;

crate::roundtrip_tests! {
    maintenance_status: MaintenanceStatus,
    maintenance_type: MaintenanceType,
    maintenance_entity: MaintenanceEntity,
    maintenance: Maintenance,
    maintenance_page: Page<Maintenance>,
}
