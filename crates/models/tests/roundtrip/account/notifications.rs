//! Round trips of the models of `linode_requests::account::notifications`'s operations.

use linode_models::account::{
    Notification, NotificationEntity, NotificationEntityType, NotificationSeverity,
    NotificationType,
};
use linode_models::Page;

crate::roundtrip_tests! {
    notification_type: NotificationType,
    notification_severity: NotificationSeverity,
    notification_entity_type: NotificationEntityType,
    notification_entity: NotificationEntity,
    notification: Notification,
    notification_page: Page<Notification>,
}
