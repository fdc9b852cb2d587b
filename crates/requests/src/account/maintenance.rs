//! Scheduled maintenance of the account's resources.

use linode_models::account::{
    Maintenance, MaintenanceDescription, MaintenancePolicy, MaintenanceSource, MaintenanceStatus,
    MaintenanceType,
};
use linode_models::Page;

use crate::filter::{Filter, FilterValue};
use crate::operation_info::OperationInfo;
use crate::{BuildError, Metadata, Operation, Pagination, QueryWriter};

pub(crate) const OPERATIONS: &[OperationInfo] = &[OperationInfo::json::<ListMaintenance>()];

filter_fields! {
    /// The fields maintenances can be filtered and ordered on.
    pub enum MaintenanceField {
        /// `status` (compare with a [`MaintenanceStatus`]).
        Status => "status",
        /// `type` (compare with a [`MaintenanceType`]).
        Type => "type",
        /// `when` (compare with a [`linode_models::Timestamp`]). Older records only.
        When => "when",
        /// `maintenance_policy_set` (compare with a [`MaintenancePolicy`]).
        MaintenancePolicySet => "maintenance_policy_set",
        /// `description` (compare with a [`MaintenanceDescription`]).
        Description => "description",
        /// `source` (compare with a [`MaintenanceSource`]).
        Source => "source",
        /// `not_before` (compare with a [`linode_models::Timestamp`]).
        NotBefore => "not_before",
        /// `start_time` (compare with a [`linode_models::Timestamp`]).
        StartTime => "start_time",
        /// `complete_time` (compare with a [`linode_models::Timestamp`]).
        CompleteTime => "complete_time",
    }
}

impl From<MaintenanceStatus> for FilterValue {
    fn from(value: MaintenanceStatus) -> Self {
        FilterValue::from(value.as_str())
    }
}

impl From<MaintenancePolicy> for FilterValue {
    fn from(value: MaintenancePolicy) -> Self {
        FilterValue::from(value.as_str())
    }
}

impl From<MaintenanceDescription> for FilterValue {
    fn from(value: MaintenanceDescription) -> Self {
        FilterValue::from(value.as_str())
    }
}

impl From<MaintenanceSource> for FilterValue {
    fn from(value: MaintenanceSource) -> Self {
        FilterValue::from(value.as_str())
    }
}

impl From<MaintenanceType> for FilterValue {
    fn from(value: MaintenanceType) -> Self {
        FilterValue::from(value.as_str())
    }
}

/// Lists the maintenance scheduled on entities you may view (currently Linodes only),
/// a page at a time. Canceled maintenances are not listed.
///
/// The spec lists no OAuth scope for this operation: any valid token is accepted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListMaintenance {
    /// Which page, and its size.
    pub pagination: Pagination,
    /// Which maintenances, in which order.
    pub filter: Option<Filter<MaintenanceField>>,
}

impl Operation for ListMaintenance {
    const META: Metadata = Metadata {
        id: "get-maintenance",
        name: "account::ListMaintenance",
        summary: "List maintenances",
        path: "/account/maintenance",
        scopes: &[],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<Maintenance>;

    fn write_query(&self, query: &mut QueryWriter<'_>) -> Result<(), BuildError> {
        self.pagination.write_query(query)
    }

    fn x_filter(&self) -> Result<Option<http::HeaderValue>, BuildError> {
        self.filter
            .as_ref()
            .map(Filter::to_header_value)
            .transpose()
    }
}

list_operation!(ListMaintenance);

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListMaintenance { pagination, filter }
}

#[cfg(test)]
mod tests {

    /// `written` without the `null` members `original` does not have: fields added after the
    /// spec are written as `null` when a body leaves them out.
    fn without_added_nulls(
        written: serde_json::Value,
        original: &serde_json::Value,
    ) -> serde_json::Value {
        use serde_json::Value;
        match (written, original) {
            (Value::Object(w), Value::Object(o)) => Value::Object(
                w.into_iter()
                    .filter(|(k, v)| !v.is_null() || o.contains_key(k))
                    .map(|(k, v)| {
                        let v = match o.get(&k) {
                            Some(ov) => without_added_nulls(v, ov),
                            None => v,
                        };
                        (k, v)
                    })
                    .collect(),
            ),
            (Value::Array(w), Value::Array(o)) => Value::Array(
                w.into_iter()
                    .zip(o.iter())
                    .map(|(a, b)| without_added_nulls(a, b))
                    .collect(),
            ),
            (w, _) => w,
        }
    }
    use super::*;
    use crate::filter::Order;
    use crate::testing::*;
    use linode_models::Timestamp;

    #[test]
    fn list_builds_with_a_status_type_and_date_filter() {
        let from: Timestamp = "2024-12-01T00:00:00".parse().unwrap();
        let op = ListMaintenance {
            pagination: Pagination::new().page_size(50),
            filter: Some(
                Filter::or([
                    Filter::eq(MaintenanceField::Status, MaintenanceStatus::Pending),
                    Filter::eq(MaintenanceField::Status, MaintenanceStatus::Started),
                ])
                .and(Filter::neq(MaintenanceField::Type, MaintenanceType::Reboot))
                .and(Filter::lt(MaintenanceField::When, from))
                .order_by(MaintenanceField::When, Order::Asc),
            ),
        };
        let req = build(&op);
        assert_request(&req, "GET", "/v4/account/maintenance?page_size=50", None);
        // The `and` chain is one flat `+and`.
        assert_eq!(
            header(&req, "x-filter"),
            Some(
                r#"{"+and":[{"+or":[{"status":"pending"},{"status":"started"}]},{"type":{"+neq":"reboot"}},{"when":{"+lt":"2024-12-01T00:00:00"}}],"+order":"asc","+order_by":"when"}"#
            )
        );
        assert!(ListMaintenance::META.scopes.is_empty());
    }

    #[test]
    fn list_parses_a_page_and_keeps_unknown_values() {
        let body = r#"{"data": [
            {"entity": {"id": 58013377, "label": "build-runner-03", "type": "linode",
                        "url": "/v4/linode/instances"},
             "reason": "Host firmware needs an update.", "status": "pending",
             "type": "cold_migration", "when": "2024-12-05T03:00:00"},
            {"entity": {"id": 58013380, "label": "db-primary", "type": "linode",
                        "url": "/v4/linode/instances"},
             "reason": "Hypervisor patching.", "status": "postponed",
             "type": "host_swap", "when": "2024-12-06T04:30:00"}
        ], "page": 1, "pages": 1, "results": 2}"#;
        let page = parse_ok::<ListMaintenance>(200, body);
        assert_eq!(page.data[0].kind, MaintenanceType::ColdMigration);
        assert_eq!(page.data[0].status, MaintenanceStatus::Pending);
        assert_eq!(page.data[0].entity.id, 58013377);
        assert_eq!(page.data[1].status.as_str(), "postponed");
        assert_eq!(
            page.data[1].kind,
            MaintenanceType::Unknown("host_swap".into())
        );
        let original: serde_json::Value = serde_json::from_str(body).unwrap();
        let written = without_added_nulls(serde_json::to_value(&page).unwrap(), &original);
        assert_eq!(written, original);
    }

    #[test]
    fn a_bad_filter_is_a_400() {
        let err = parse_err::<ListMaintenance>(
            400,
            r#"{"errors": [{"field": "when", "reason": "Invalid date-time format"}]}"#,
        );
        assert!(err.has_field_error("when"));
    }
}
