//! Events: list, view, mark read, mark seen.

use linode_models::account::{Event, EventAction, EventEntityId, EventEntityType};
use linode_models::{Empty, Page};

use crate::filter::{Filter, FilterValue};
use crate::operation_info::OperationInfo;
use crate::{BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListEvents>(),
    OperationInfo::json::<GetEvent>(),
    OperationInfo::json::<MarkEventRead>(),
    OperationInfo::json::<MarkEventSeen>(),
];

filter_fields! {
    /// The fields events can be filtered and ordered on.
    pub enum EventField {
        /// `action` (compare with an [`EventAction`]).
        Action => "action",
        /// `created` (compare with a [`linode_models::Timestamp`]).
        Created => "created",
        /// `entity.id`: a number, or a tag's name for tag events. Events about the account or
        /// your profile have no entity id and never match; disk and backup events carry their
        /// Linode's id.
        EntityId => "entity.id",
        /// `entity.type` (compare with an [`EventEntityType`]).
        EntityType => "entity.type",
        /// `id`.
        Id => "id",
        /// `read`.
        Read => "read",
        /// `not_before` (maintenance events; compare with a [`linode_models::Timestamp`]).
        NotBefore => "not_before",
        /// `start_time` (maintenance events; compare with a [`linode_models::Timestamp`]).
        StartTime => "start_time",
        /// `complete_time` (maintenance events; compare with a [`linode_models::Timestamp`]).
        CompleteTime => "complete_time",
    }
}

impl From<EventAction> for FilterValue {
    fn from(value: EventAction) -> Self {
        FilterValue::from(value.as_str())
    }
}

impl From<EventEntityType> for FilterValue {
    fn from(value: EventEntityType) -> Self {
        FilterValue::from(value.as_str())
    }
}

impl From<EventEntityId> for FilterValue {
    fn from(value: EventEntityId) -> Self {
        match value {
            EventEntityId::Number(id) => FilterValue::from(id),
            EventEntityId::Text(text) => FilterValue::from(text),
        }
    }
}

/// Lists the account's events from the last 90 days, a page at a time. Which events a user
/// sees depends on their grants. Order them with the filter's `order_by`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListEvents {
    /// Which page, and its size.
    pub pagination: Pagination,
    /// Which events, in which order.
    pub filter: Option<Filter<EventField>>,
}

impl Operation for ListEvents {
    const META: Metadata = Metadata {
        id: "get-events",
        name: "account::ListEvents",
        summary: "List events",
        path: "/account/events",
        scopes: &[Scope::EventsReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<Event>;

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

list_operation!(ListEvents);

/// Views one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetEvent {
    /// The event's id.
    pub event_id: u64,
}

impl Operation for GetEvent {
    const META: Metadata = Metadata {
        id: "get-event",
        name: "account::GetEvent",
        summary: "Get an event",
        path: "/account/events/{event_id}",
        scopes: &[Scope::EventsReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Event;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.event_id)
    }
}

/// Marks one event as read. The API asks only for the `events:read_only` scope: it is a
/// change to your view of the events, not to the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkEventRead {
    /// The event's id.
    pub event_id: u64,
}

impl Operation for MarkEventRead {
    const META: Metadata = Metadata {
        id: "post-event-read",
        name: "account::MarkEventRead",
        summary: "Mark an event as read",
        path: "/account/events/{event_id}/read",
        scopes: &[Scope::EventsReadOnly],
        // A POST, but idempotent in effect: it sets a flag to `true`, and setting it again
        // changes nothing and creates nothing, so a retry after a lost answer is harmless.
        ..Metadata::IDEMPOTENT_POST
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.event_id)
    }
}

/// Marks this event **and every older one** (all events up to and including this id) as
/// seen. The API asks only for the `events:read_only` scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkEventSeen {
    /// The newest event to mark seen.
    pub event_id: u64,
}

impl Operation for MarkEventSeen {
    const META: Metadata = Metadata {
        id: "post-event-seen",
        name: "account::MarkEventSeen",
        summary: "Mark an event as seen",
        path: "/account/events/{event_id}/seen",
        scopes: &[Scope::EventsReadOnly],
        // A POST, but idempotent in effect: it sets the `seen` flag of events up to this id,
        // and repeating it leaves the same state (nothing is created or toggled back), so a
        // retry after a lost answer is harmless.
        ..Metadata::IDEMPOTENT_POST
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.event_id)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListEvents { pagination, filter }
    GetEvent { event_id }
    MarkEventRead { event_id }
    MarkEventSeen { event_id }
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
    use linode_models::account::EventStatus;
    use linode_models::Timestamp;

    const BOOT: &str = r#"{
        "action": "linode_boot",
        "created": "2024-11-02T07:15:44",
        "duration": 18.25,
        "entity": {"id": 58013377, "label": "build-runner-03", "type": "linode",
                   "url": "/v4/linode/instances/58013377"},
        "id": 912003451,
        "message": null,
        "percent_complete": 100,
        "rate": null,
        "read": false,
        "secondary_entity": {"id": 61820441, "label": "Boot Config", "type": "linode_config",
                             "url": "/v4/linode/instances/58013377/configs/61820441"},
        "seen": true,
        "status": "finished",
        "time_remaining": null,
        "username": "mirela.ops"
    }"#;

    #[test]
    fn list_builds_with_an_entity_and_date_filter_in_x_filter() {
        let since: Timestamp = "2024-10-01T00:00:00".parse().unwrap();
        let op = ListEvents {
            pagination: Pagination::new().page(2).page_size(100),
            filter: Some(
                Filter::eq(EventField::EntityId, 58013377u64)
                    .and(Filter::gte(EventField::Created, since))
                    .order_by(EventField::Created, Order::Desc),
            ),
        };
        let req = build(&op);
        assert_request(&req, "GET", "/v4/account/events?page=2&page_size=100", None);
        assert_eq!(
            header(&req, "x-filter"),
            Some(
                r#"{"+and":[{"entity.id":58013377},{"created":{"+gte":"2024-10-01T00:00:00"}}],"+order":"desc","+order_by":"created"}"#
            )
        );
    }

    #[test]
    fn list_filters_on_action_type_and_read() {
        let op = ListEvents::new().filtered(Filter::all([
            Filter::eq(EventField::Action, EventAction::LinodeBoot),
            Filter::eq(EventField::EntityType, EventEntityType::Linode),
            Filter::eq(EventField::Read, false),
            Filter::gt(EventField::Id, 900000000u64),
        ]));
        let req = build(&op);
        assert_request(&req, "GET", "/v4/account/events", None);
        assert_eq!(
            header(&req, "x-filter"),
            Some(
                r#"{"+and":[{"action":"linode_boot"},{"entity.type":"linode"},{"read":false},{"id":{"+gt":900000000}}]}"#
            )
        );
        // A tag event's entity id is the tag's name.
        let op = ListEvents::new().filtered(Filter::eq(
            EventField::EntityId,
            EventEntityId::from("staging"),
        ));
        assert_eq!(
            header(&build(&op), "x-filter"),
            Some(r#"{"entity.id":"staging"}"#)
        );
        // No filter, no header.
        assert_eq!(header(&build(&ListEvents::default()), "x-filter"), None);
    }

    #[test]
    fn list_parses_a_page() {
        let page = parse_ok::<ListEvents>(
            200,
            &format!(r#"{{"data": [{BOOT}], "page": 1, "pages": 3, "results": 205}}"#),
        );
        assert!(page.has_next());
        let event = &page.data[0];
        assert_eq!(event.action, EventAction::LinodeBoot);
        assert_eq!(event.status, Some(EventStatus::Finished));
        assert_eq!(event.duration, Some(18.25));
        let entity = event.entity.as_ref().unwrap();
        assert_eq!(entity.id, Some(EventEntityId::Number(58013377)));
        assert_eq!(entity.kind, EventEntityType::Linode);
        // A secondary entity type outside the documented list is kept.
        let secondary = event.secondary_entity.as_ref().unwrap();
        assert_eq!(secondary.kind.as_str(), "linode_config");
    }

    #[test]
    fn an_unknown_action_is_kept_not_an_error() {
        let body = BOOT.replace("linode_boot", "linode_teleport");
        let event = parse_ok::<GetEvent>(200, &body);
        assert_eq!(event.action, EventAction::Unknown("linode_teleport".into()));
        assert_eq!(event.action.as_str(), "linode_teleport");
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["action"], "linode_teleport");
    }

    #[test]
    fn get_builds_and_parses_nulls_and_text_ids() {
        let req = build(&GetEvent {
            event_id: 912003451,
        });
        assert_request(&req, "GET", "/v4/account/events/912003451", None);

        // A tag event: the entity id is the tag's name; no secondary entity; still running.
        let body = r#"{
            "action": "tag_create", "created": "2024-11-03T10:00:00", "duration": null,
            "entity": {"id": "staging", "label": "staging", "type": "tag", "url": "/v4/tags/staging"},
            "id": 912003999, "message": "", "percent_complete": null, "rate": null,
            "read": true, "secondary_entity": null, "seen": true, "status": "notification",
            "time_remaining": null, "username": null
        }"#;
        let event = parse_ok::<GetEvent>(200, body);
        let entity = event.entity.as_ref().unwrap();
        assert_eq!(entity.id, Some(EventEntityId::Text("staging".into())));
        assert_eq!(entity.kind, EventEntityType::Tag);
        assert_eq!(event.duration, None);
        assert_eq!(event.secondary_entity, None);
        assert_eq!(event.username, None);
        let original: serde_json::Value = serde_json::from_str(body).unwrap();
        let written = without_added_nulls(serde_json::to_value(&event).unwrap(), &original);
        assert_eq!(written, original);
    }

    #[test]
    fn a_missing_event_is_a_404() {
        let err = parse_err::<GetEvent>(404, r#"{"errors": [{"reason": "Not found"}]}"#);
        assert_eq!(err.status.as_u16(), 404);
    }

    #[test]
    fn mark_read_posts_without_a_body_and_is_idempotent() {
        let req = build(&MarkEventRead { event_id: 77 });
        assert_request(&req, "POST", "/v4/account/events/77/read", None);
        const { assert!(MarkEventRead::META.idempotent) };
        assert_eq!(parse_ok::<MarkEventRead>(200, "{}"), Empty::default());
    }

    #[test]
    fn mark_seen_posts_without_a_body_and_is_idempotent() {
        let req = build(&MarkEventSeen {
            event_id: 912003451,
        });
        assert_request(&req, "POST", "/v4/account/events/912003451/seen", None);
        const { assert!(MarkEventSeen::META.idempotent) };
        assert_eq!(parse_ok::<MarkEventSeen>(200, "{}"), Empty::default());
    }
}
