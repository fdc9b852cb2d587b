//! The shapes the live API sends that spec 4.189.0 does not say (docs/architecture.md,
//! "Models"): each is read into one typed value, written back as it came, and no input panics.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

use linode_models::account::{
    Account, AccountSettings, AccountSettingsUpdate, ChildAccount, Event, InvoiceItem, Maintenance,
    MaintenancePolicy, MaintenanceStatus, MaintenanceType,
};
use linode_models::profile::Profile;
use linode_models::{ClockDuration, Timestamp, Update};
use proptest::prelude::*;
use serde_json::{json, Value};

fn event(time_remaining: Value) -> Value {
    json!({
        "action": "linode_boot", "created": "2025-11-02T08:15:00", "duration": 14.0,
        "entity": {"id": 7301, "label": "bastion-a", "type": "linode",
                   "url": "/v4/linode/instances/7301"},
        "id": 55012, "message": null, "percent_complete": 100, "rate": null, "read": false,
        "secondary_entity": null, "seen": true, "status": "finished",
        "time_remaining": time_remaining, "username": "m.delacroix"
    })
}

#[test]
fn time_remaining_reads_every_shape_and_writes_it_back() {
    for (sent, seconds) in [
        (json!(0), Some(0)),
        (json!(95), Some(95)),
        (json!("0:04:10"), Some(250)),
        (json!("01:00:05"), Some(3605)),
        (json!("04:10"), Some(250)),
        (Value::Null, None),
    ] {
        let e: Event = serde_json::from_value(event(sent.clone())).unwrap();
        assert_eq!(
            e.time_remaining.as_ref().map(ClockDuration::seconds),
            seconds,
            "{sent}"
        );
        assert_eq!(serde_json::to_value(&e).unwrap()["time_remaining"], sent);
    }
    let mut missing = event(Value::Null);
    missing.as_object_mut().unwrap().remove("time_remaining");
    let e: Event = serde_json::from_value(missing).unwrap();
    assert_eq!(e.time_remaining, None);
}

#[test]
fn an_unreadable_time_remaining_is_an_error_naming_the_field() {
    for bad in [
        json!("soon"),
        json!(-3),
        json!(1.5),
        json!("1:2:3:4"),
        json!("0:75:00"),
    ] {
        let text = event(bad.clone()).to_string();
        let mut de = serde_json::Deserializer::from_str(&text);
        let err = serde_path_to_error::deserialize::<_, Event>(&mut de).unwrap_err();
        assert_eq!(err.path().to_string(), "time_remaining", "{bad}");
    }
}

#[test]
fn zoned_and_fractional_timestamps_are_utc_and_round_trip() {
    let utc: Timestamp = "2025-09-01T10:00:00".parse().unwrap();
    for text in [
        "2025-09-01T10:00:00Z",
        "2025-09-01T10:00:00+00:00",
        "2025-09-01T12:00:00+02:00",
        "2025-09-01T05:30:00-04:30",
        "2025-09-01T10:00:00.000Z",
        "2025-09-01T10:00:00.000000",
    ] {
        let t: Timestamp = text.parse().unwrap();
        assert_eq!(t, utc, "{text}");
        assert_eq!(t.to_utc(), utc.to_utc(), "{text}");
        assert_eq!(t.to_string(), text);
    }
}

#[test]
fn maintenance_without_when_and_with_the_new_fields_parses() {
    let m: Maintenance = serde_json::from_value(json!({
        "entity": {"id": 7301, "label": "bastion-a", "type": "linode",
                   "url": "/v4/linode/instances"},
        "reason": "Host firmware update.", "status": "in-progress", "type": "linode_migrate",
        "maintenance_policy_set": "linode/power_off_on", "description": "Emergency Maintenance",
        "source": "platform", "not_before": "2025-10-01T00:00:00Z",
        "start_time": "2025-10-01T02:10:00Z", "complete_time": null
    }))
    .unwrap();
    assert_eq!(m.when, None);
    assert_eq!(m.status, MaintenanceStatus::InProgress);
    assert_eq!(m.kind, MaintenanceType::LinodeMigrate);
    assert_eq!(
        m.maintenance_policy_set,
        Some(MaintenancePolicy::PowerOffOn)
    );
    assert!(m.start_time.is_some() && m.complete_time.is_none());
}

#[test]
fn settings_read_and_write_the_new_settings_and_unknown_ones() {
    let s: AccountSettings = serde_json::from_value(json!({
        "backups_enabled": false, "longview_subscription": null, "managed": false,
        "network_helper": true, "object_storage": "disabled",
        "maintenance_policy": "linode/migrate",
        "interfaces_for_new_linodes": "linode_only", "quantum_mode": "on"
    }))
    .unwrap();
    assert_eq!(s.maintenance_policy, Some(MaintenancePolicy::Migrate));
    assert_eq!(s.extra.get("quantum_mode"), Some(&json!("on")));
    let mut body = AccountSettingsUpdate {
        maintenance_policy: Update::Set(MaintenancePolicy::PowerOffOn),
        interfaces_for_new_linodes: Update::Null,
        ..Default::default()
    };
    body.extra.insert("quantum_mode", "off").unwrap();
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"maintenance_policy": "linode/power_off_on",
               "interfaces_for_new_linodes": null, "quantum_mode": "off"})
    );
}

#[test]
fn a_child_account_with_a_null_card_and_an_account_without_one_parse() {
    let child: ChildAccount = serde_json::from_value(json!({
        "euuid": "A1B2C3D4-0000-4000-8000-00000000BEEF", "company": "Quayside Ltd",
        "email": "ops@quayside.example", "first_name": "Ines", "last_name": "Moreau",
        "phone": "555-0100", "address_1": "4 Dock Road", "address_2": "", "city": "Leith",
        "state": "", "zip": "EH6", "country": "GB", "tax_id": "", "balance": 0,
        "balance_uninvoiced": 1.5, "billing_source": "external", "capabilities": [],
        "credit_card": {"expiry": null, "last_four": null},
        "active_since": "2024-02-02T10:00:00"
    }))
    .unwrap();
    let card = child.credit_card.unwrap();
    assert_eq!((card.expiry, card.last_four), (None, None));
    let account: Account = serde_json::from_value(json!({
        "active_promotions": [], "active_since": "2019-05-05T05:05:05",
        "address_1": "1 Main St", "address_2": "", "balance": 0, "balance_uninvoiced": 0,
        "billing_source": "linode", "capabilities": ["Linodes"], "city": "Oslo",
        "company": "", "country": "NO", "email": "a@b.example", "euuid": "E-1",
        "first_name": "Kari", "last_name": "Nordmann", "phone": "", "state": "",
        "tax_id": "", "zip": "0150"
    }))
    .unwrap();
    assert_eq!(account.credit_card, None);
}

#[test]
fn a_profile_without_the_deprecated_allow_list_flag_parses() {
    let p: Profile = serde_json::from_value(json!({
        "authentication_type": "password", "authorized_keys": null,
        "email": "r.osei@example.org", "email_notifications": true,
        "lish_auth_method": "keys_only",
        "referrals": {"code": "abc", "completed": 0, "credit": 0, "pending": 0, "total": 0,
                      "url": "https://www.linode.com/?r=abc"},
        "restricted": false, "timezone": "UTC", "two_factor_auth": true, "uid": 4411,
        "username": "rosei", "verified_phone_number": null, "user_type": "parent"
    }))
    .unwrap();
    assert_eq!(p.ip_whitelist_enabled, None);
    assert!(p.user_type.is_some());
}

#[test]
fn an_old_invoice_item_without_tax_total_and_region_parses() {
    let item: InvoiceItem = serde_json::from_value(json!({
        "label": "Linode 2GB - web-1", "type": "hourly", "from": "2016-01-01T00:00:00",
        "to": "2016-01-31T23:59:59", "quantity": 744, "unit_price": "0.015", "amount": 11.16
    }))
    .unwrap();
    assert_eq!((item.tax, item.total, item.region), (None, None, None));
}

proptest! {
    /// No string panics the timestamp parser, and what it accepts it writes back unchanged.
    #[test]
    fn timestamp_parse_never_panics(text in "\\PC{0,40}") {
        if let Ok(t) = text.parse::<Timestamp>() {
            let again: Timestamp = t.to_string().parse().unwrap();
            prop_assert_eq!(again, t);
        }
    }

    /// Near-misses of the real shape (digits, separators, zones shuffled) never panic either.
    #[test]
    fn timestamp_near_misses_never_panic(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,11})?([Zz]|[+-][0-9]{1,4}(:[0-9]{0,3})?)?") {
        if let Ok(t) = text.parse::<Timestamp>() {
            prop_assert_eq!(t.to_string().parse::<Timestamp>().unwrap(), t);
        }
    }

    /// No string panics the duration parser, and what it accepts it writes back unchanged.
    #[test]
    fn clock_duration_parse_never_panics(text in "[0-9:]{0,30}|\\PC{0,20}") {
        if let Ok(d) = text.parse::<ClockDuration>() {
            prop_assert_eq!(d.to_string(), text);
        }
    }

    /// Any JSON value in the `time_remaining` slot either parses or is an error: no panic.
    #[test]
    fn any_time_remaining_is_read_or_refused(value in linode_models::strategies::json_value()) {
        let _ = serde_json::from_value::<Event>(event(value));
    }

    /// Offsets are converted: the same instant whatever the offset it is written with.
    #[test]
    fn offsets_convert_to_utc(seconds in 0i64..4_000_000_000, minutes in -(23 * 60 + 59)..(23 * 60 + 59i64)) {
        let utc = Timestamp::from_unix_seconds(seconds).unwrap();
        let local = time::OffsetDateTime::from_unix_timestamp(seconds).unwrap()
            .to_offset(time::UtcOffset::from_whole_seconds((minutes * 60) as i32).unwrap());
        let sign = if minutes < 0 { '-' } else { '+' };
        let text = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
            local.year(), u8::from(local.month()), local.day(), local.hour(), local.minute(),
            local.second(), minutes.abs() / 60, minutes.abs() % 60
        );
        let parsed: Timestamp = text.parse().unwrap();
        prop_assert_eq!(parsed, utc);
        prop_assert_eq!(parsed.to_string(), text);
    }
}

#[test]
fn unknown_members_that_look_secret_are_redacted_in_debug() {
    let s: AccountSettings = serde_json::from_value(json!({
        "backups_enabled": false, "longview_subscription": null, "managed": false,
        "network_helper": true, "object_storage": "disabled",
        "webhook_token": "wh-5e1f0c3a77b2", "theme": "dark"
    }))
    .unwrap();
    let debug = format!("{s:?}");
    assert!(!debug.contains("wh-5e1f0c3a77b2"), "{debug}");
    assert!(debug.contains("\"theme\": String(\"dark\")"), "{debug}");
    // Serializing still sends it: redaction is for logs, not for the API.
    assert_eq!(
        serde_json::to_value(&s).unwrap()["webhook_token"],
        "wh-5e1f0c3a77b2"
    );
}

#[test]
fn a_list_envelope_keeps_members_it_does_not_know_and_writes_them_back() {
    let sent = json!({
        "data": [event(json!(0))], "page": 1, "pages": 3, "results": 61,
        "next_cursor": "ev_55012", "generated_at": "2025-11-02T08:16:00"
    });
    let page: linode_models::Page<Event> = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!((page.page, page.pages, page.results), (1, 3, 61));
    assert_eq!(page.extra.get("next_cursor"), Some(&json!("ev_55012")));
    // The envelope is written back member for member (the event writes its absent optional
    // members as `null`, which is its own business).
    let mut written = serde_json::to_value(&page).unwrap();
    let (mut written_envelope, mut sent_envelope) = (written.take(), sent);
    written_envelope["data"] = json!(null);
    sent_envelope["data"] = json!(null);
    assert_eq!(written_envelope, sent_envelope);
}

#[test]
fn an_empty_answer_keeps_what_the_api_put_in_it() {
    let sent = json!({"queued": true, "ticket": {"id": 19}});
    let empty: linode_models::Empty = serde_json::from_value(sent.clone()).unwrap();
    assert_eq!(empty.extra.len(), 2);
    assert_eq!(serde_json::to_value(&empty).unwrap(), sent);
    // A plain `{}`, a `null` and any other shape still read as an empty answer.
    for other in [json!({}), json!(null), json!(true), json!([1, 2])] {
        let empty: linode_models::Empty = serde_json::from_value(other).unwrap();
        assert!(empty.extra.is_empty());
    }
    assert_eq!(
        serde_json::to_string(&linode_models::Empty::default()).unwrap(),
        "{}"
    );
}

#[test]
fn last_four_reads_text_or_a_number_and_writes_back_the_shape_it_came_in() {
    use linode_models::account::{AccountCreditCard, CardInfo};
    for sent in [
        json!({"expiry": "04/2029", "last_four": 4417}),
        json!({"expiry": "04/2029", "last_four": "0042"}),
        json!({"expiry": "04/2029", "last_four": null}),
    ] {
        let card: AccountCreditCard = serde_json::from_value(sent.clone()).unwrap();
        assert_eq!(serde_json::to_value(&card).unwrap(), sent);
    }
    let card: AccountCreditCard =
        serde_json::from_value(json!({"expiry": null, "last_four": 4417})).unwrap();
    assert_eq!(card.last_four.as_deref(), Some("4417"));
    // The payment method's card is the same concept, with the same type.
    let info: CardInfo = serde_json::from_value(
        json!({"card_type": "Visa", "expiry": "11/2030", "last_four": 1881}),
    )
    .unwrap();
    assert_eq!(info.last_four, "1881");
    assert!(info.last_four.was_number());
    assert_eq!(serde_json::to_value(&info).unwrap()["last_four"], 1881);
    // Anything else is a decode error, not a panic.
    assert!(serde_json::from_value::<CardInfo>(
        json!({"card_type": "Visa", "expiry": "11/2030", "last_four": -3})
    )
    .is_err());
}
