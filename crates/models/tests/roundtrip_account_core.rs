//! Round trips of the account core models: the account, its settings, events,
//! notifications and maintenance.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

mod support;

use linode_models::account::{
    Account, AccountCancel, AccountCancellation, AccountCreditCard, AccountSettings,
    AccountSettingsUpdate, AccountUpdate, BillingSource, Event, EventAction, EventEntity,
    EventEntityId, EventEntityType, EventStatus, Maintenance, MaintenanceEntity, MaintenanceStatus,
    MaintenanceType, NetworkTransfer, Notification, NotificationEntity, NotificationEntityType,
    NotificationSeverity, NotificationType, ObjectStorageStatus, Promotion, PromotionServiceType,
    RegionTransfer,
};
use linode_models::Page;

roundtrip_tests! {
    billing_source: BillingSource,
    promotion_service_type: PromotionServiceType,
    active_promotion: Promotion,
    account_credit_card: AccountCreditCard,
    account: Account,
    account_update: AccountUpdate,
    account_cancel: AccountCancel,
    account_cancellation: AccountCancellation,
    region_transfer: RegionTransfer,
    network_transfer: NetworkTransfer,
    object_storage_status: ObjectStorageStatus,
    account_settings: AccountSettings,
    account_settings_update: AccountSettingsUpdate,
    event_action: EventAction,
    event_entity_type: EventEntityType,
    event_status: EventStatus,
    event_entity_id: EventEntityId,
    event_entity: EventEntity,
    event: Event,
    event_page: Page<Event>,
    notification_type: NotificationType,
    notification_severity: NotificationSeverity,
    notification_entity_type: NotificationEntityType,
    notification_entity: NotificationEntity,
    notification: Notification,
    notification_page: Page<Notification>,
    maintenance_status: MaintenanceStatus,
    maintenance_type: MaintenanceType,
    maintenance_entity: MaintenanceEntity,
    maintenance: Maintenance,
    maintenance_page: Page<Maintenance>,
}

#[test]
fn account_money_is_kept_exact() {
    let json = serde_json::json!({
        "credit_monthly_cap": "10.00",
        "credit_remaining": "120.10",
        "description": "d",
        "expire_dt": null,
        "image_url": "https://img.example/p.svg",
        "service_type": "all",
        "summary": "s",
        "this_month_credit_remaining": "0.50"
    });
    let promo: Promotion = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(promo.credit_remaining.amount().to_string(), "120.10");
    assert_eq!(serde_json::to_value(&promo).unwrap(), json);

    let balance: linode_models::Money = serde_json::from_str("145.5").unwrap();
    assert_eq!(serde_json::to_string(&balance).unwrap(), "145.5");
    let negative: linode_models::Money = serde_json::from_str("-20.01").unwrap();
    assert_eq!(serde_json::to_string(&negative).unwrap(), "-20.01");
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
