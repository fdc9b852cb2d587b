//! Which event a wait is for.

use std::fmt;
use std::sync::Arc;

use linode_requests::models::account::{Event, EventAction, EventEntityId, EventEntityType};

use linode_requests::account::EventField;
use linode_requests::filter::Filter;

type Predicate = Arc<dyn Fn(&Event) -> bool + Send + Sync>;

/// Which event a wait is for: an action, an entity (type, and optionally id), a predicate,
/// or any combination (all must hold).
///
/// The action and entity also narrow the poll's `X-Filter`, so unrelated events are not even
/// sent; the predicate is checked here, on each event received.
///
/// ```
/// use linode_requests::models::account::{EventAction, EventEntityType};
/// use linode_client::events::EventMatch;
/// let boot = EventMatch::action(EventAction::LinodeBoot)
///     .and_entity(EventEntityType::Linode, 123)
///     .and(|event| event.username.as_deref() == Some("ci-bot"));
/// # let _ = boot;
/// ```
#[derive(Clone, Default)]
pub struct EventMatch {
    action: Option<EventAction>,
    entity_type: Option<EventEntityType>,
    entity_id: Option<EventEntityId>,
    predicate: Option<Predicate>,
}

impl fmt::Debug for EventMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventMatch")
            .field("action", &self.action)
            .field("entity_type", &self.entity_type)
            .field("entity_id", &self.entity_id)
            .field("predicate", &self.predicate.is_some())
            .finish()
    }
}

impl EventMatch {
    /// Any event (narrow it with the `and_*` methods).
    pub fn any() -> Self {
        Self::default()
    }

    /// Events with this action.
    pub fn action(action: EventAction) -> Self {
        Self::any().and_action(action)
    }

    /// Events about this entity.
    pub fn entity(kind: EventEntityType, id: impl Into<EventEntityId>) -> Self {
        Self::any().and_entity(kind, id)
    }

    /// Events the predicate accepts.
    pub fn predicate(predicate: impl Fn(&Event) -> bool + Send + Sync + 'static) -> Self {
        Self::any().and(predicate)
    }

    /// Also requires this action.
    #[must_use]
    pub fn and_action(mut self, action: EventAction) -> Self {
        self.action = Some(action);
        self
    }

    /// Also requires this entity type and id.
    #[must_use]
    pub fn and_entity(mut self, kind: EventEntityType, id: impl Into<EventEntityId>) -> Self {
        self.entity_type = Some(kind);
        self.entity_id = Some(id.into());
        self
    }

    /// Also requires this entity type (any id).
    #[must_use]
    pub fn and_entity_type(mut self, kind: EventEntityType) -> Self {
        self.entity_type = Some(kind);
        self
    }

    /// Also requires the predicate (replacing an earlier one).
    #[must_use]
    pub fn and(mut self, predicate: impl Fn(&Event) -> bool + Send + Sync + 'static) -> Self {
        self.predicate = Some(Arc::new(predicate));
        self
    }

    /// Whether `event` is one this match is for.
    pub fn matches(&self, event: &Event) -> bool {
        if self.action.as_ref().is_some_and(|a| *a != event.action) {
            return false;
        }
        let entity = event.entity.as_ref();
        if let Some(kind) = &self.entity_type {
            if entity.is_none_or(|e| e.kind != *kind) {
                return false;
            }
        }
        if let Some(id) = &self.entity_id {
            if entity.and_then(|e| e.id.as_ref()) != Some(id) {
                return false;
            }
        }
        self.predicate.as_ref().is_none_or(|p| p(event))
    }

    /// The server-side part of the match, for the poll's `X-Filter` (all must hold).
    pub(crate) fn narrowing(&self) -> Vec<Filter<EventField>> {
        [
            self.action
                .clone()
                .map(|a| Filter::eq(EventField::Action, a)),
            self.entity_type
                .clone()
                .map(|t| Filter::eq(EventField::EntityType, t)),
            self.entity_id
                .clone()
                .map(|id| Filter::eq(EventField::EntityId, id)),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::tests::event;
    use linode_requests::models::account::EventStatus;

    #[test]
    fn every_part_must_hold() {
        let boot = event(
            5,
            "linode_boot",
            Some(("linode", 123)),
            EventStatus::Started,
        );
        let other = event(
            6,
            "linode_boot",
            Some(("linode", 124)),
            EventStatus::Started,
        );
        let no_entity = event(7, "linode_boot", None, EventStatus::Started);
        let m =
            EventMatch::action(EventAction::LinodeBoot).and_entity(EventEntityType::Linode, 123);
        assert!(m.matches(&boot));
        assert!(!m.matches(&other));
        assert!(!m.matches(&no_entity));
        assert!(!EventMatch::action(EventAction::LinodeReboot).matches(&boot));
        assert!(EventMatch::any().matches(&no_entity));
        let by_id = EventMatch::predicate(|e| e.id == 6);
        assert!(by_id.matches(&other) && !by_id.matches(&boot));
        assert!(EventMatch::any()
            .and_entity_type(EventEntityType::Linode)
            .matches(&other));
    }

    #[test]
    fn action_and_entity_narrow_the_filter() {
        let m = EventMatch::action(EventAction::LinodeBoot)
            .and_entity(EventEntityType::Linode, 123)
            .and(|_| true);
        let json: Vec<String> = m.narrowing().iter().map(Filter::to_json).collect();
        assert_eq!(
            json,
            [
                r#"{"action":"linode_boot"}"#,
                r#"{"entity.type":"linode"}"#,
                r#"{"entity.id":123}"#
            ]
        );
        assert!(EventMatch::predicate(|_| true).narrowing().is_empty());
    }
}
