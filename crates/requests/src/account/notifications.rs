//! Notifications on the account.

use linode_models::account::Notification;
use linode_models::Page;

use crate::operation_info::OperationInfo;
use crate::{BuildError, Metadata, Operation, Pagination, QueryWriter, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[OperationInfo::json::<ListNotifications>()];

/// Lists the account's notifications: important, time-sensitive items (a payment due, a
/// migration scheduled, an important ticket). They cannot be dismissed; each goes away when
/// its cause is resolved. The API documents no filterable field for them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListNotifications {
    /// Which page, and its size.
    pub pagination: Pagination,
}

impl Operation for ListNotifications {
    const META: Metadata = Metadata {
        id: "get-notifications",
        name: "account::ListNotifications",
        summary: "List notifications",
        path: "/account/notifications",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<Notification>;

    fn write_query(&self, query: &mut QueryWriter<'_>) -> Result<(), BuildError> {
        self.pagination.write_query(query)
    }
}

list_operation!(ListNotifications);

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListNotifications { pagination }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use linode_models::account::{NotificationEntityType, NotificationSeverity, NotificationType};

    #[test]
    fn list_builds_with_pagination_and_no_filter() {
        let req = build(&ListNotifications::default());
        assert_request(&req, "GET", "/v4/account/notifications", None);
        assert_eq!(header(&req, "x-filter"), None);
        let req = build(&ListNotifications {
            pagination: Pagination::new().page(2).page_size(25),
        });
        assert_request(
            &req,
            "GET",
            "/v4/account/notifications?page=2&page_size=25",
            None,
        );
    }

    #[test]
    fn list_parses_nullable_entity_fields_and_times() {
        let body = r#"{"data": [
            {"body": null,
             "entity": {"id": 58013377, "label": "build-runner-03", "type": "linode",
                        "url": "/linode/instances/58013377"},
             "label": "A host migration is scheduled for build-runner-03",
             "message": "build-runner-03 will be migrated to a new host.",
             "severity": "major", "type": "migration_scheduled",
             "until": null, "when": "2024-12-05T03:00:00"},
            {"body": "Use code **SPRING** before the end of the month.",
             "entity": {"id": null, "label": null, "type": "promotion", "url": null},
             "label": "A promotion is available", "message": "Spring credit available.",
             "severity": "minor", "type": "promotion",
             "until": "2025-03-31T23:59:59", "when": null},
            {"body": null, "entity": null, "label": "Planned network work",
             "message": "Brief packet loss may occur.", "severity": "critical",
             "type": "network_window", "until": null, "when": null}
        ], "page": 1, "pages": 1, "results": 3}"#;
        let page = parse_ok::<ListNotifications>(200, body);
        assert_eq!(page.results, 3);
        let migration = &page.data[0];
        assert_eq!(migration.kind, NotificationType::MigrationScheduled);
        assert_eq!(migration.severity, NotificationSeverity::Major);
        assert_eq!(
            migration.when.map(|t| t.to_string()).as_deref(),
            Some("2024-12-05T03:00:00")
        );
        let promo = page.data[1].entity.as_ref().unwrap();
        assert_eq!(promo.kind, NotificationEntityType::Promotion);
        assert_eq!(
            (promo.id, promo.label.as_deref(), promo.url.as_deref()),
            (None, None, None)
        );
        assert_eq!(page.data[2].kind.as_str(), "network_window");
        let original: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(serde_json::to_value(&page).unwrap(), original);
    }

    #[test]
    fn an_expired_token_is_a_401() {
        let err =
            parse_err::<ListNotifications>(401, r#"{"errors": [{"reason": "Invalid Token"}]}"#);
        assert_eq!(err.status.as_u16(), 401);
    }
}
