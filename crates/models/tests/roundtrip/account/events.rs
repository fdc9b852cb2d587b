//! Round trips of the models of `linode_requests::account::events`'s operations.

use linode_models::account::{
    Event, EventAction, EventEntity, EventEntityId, EventEntityType, EventStatus,
};
use linode_models::Page;

crate::roundtrip_tests! {
    event_action: EventAction,
    event_entity_type: EventEntityType,
    event_status: EventStatus,
    event_entity_id: EventEntityId,
    event_entity: EventEntity,
    event: Event,
    event_page: Page<Event>,
}

#[test]
fn every_known_event_action_reads_back_as_itself() {
    for action in EventAction::KNOWN {
        assert_eq!(&EventAction::from_api(action.as_str()), action);
        assert!(!matches!(action, EventAction::Unknown(_)));
    }
    assert_eq!(EventAction::KNOWN.len(), 145);
}

#[test]
fn an_event_entity_id_keeps_its_json_type() {
    let number: EventEntityId = serde_json::from_str("123").unwrap();
    let text: EventEntityId = serde_json::from_str("\"123\"").unwrap();
    assert_eq!(number, EventEntityId::Number(123));
    assert_eq!(text, EventEntityId::Text("123".into()));
    assert_eq!(serde_json::to_string(&text).unwrap(), "\"123\"");
    assert!(serde_json::from_str::<EventEntityId>("-4").is_err());
}

#[test]
fn an_event_entity_id_accepts_what_an_untagged_enum_would() {
    let max: EventEntityId = serde_json::from_str("18446744073709551615").unwrap();
    assert_eq!(max, EventEntityId::Number(u64::MAX));
    let escaped: EventEntityId = serde_json::from_str(r#""linode\/debian12""#).unwrap();
    assert_eq!(escaped, EventEntityId::Text("linode/debian12".into()));
    // Read from a `serde_json::Value` (owned strings) as well as from text.
    let owned: EventEntityId = serde_json::from_value(serde_json::json!("staging")).unwrap();
    assert_eq!(owned, EventEntityId::Text("staging".into()));
    let owned: EventEntityId = serde_json::from_value(serde_json::json!(7)).unwrap();
    assert_eq!(owned, EventEntityId::Number(7));
    for refused in ["-4", "1.5", "true", "null", "[1]", r#"{"id":1}"#, "1e3"] {
        let error = serde_json::from_str::<EventEntityId>(refused).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("data did not match any variant of untagged enum EventEntityId"),
            "{refused}: {error}"
        );
    }
}
