//! Round trips of the models of `linode_requests::profile::apps`'s operations.

use linode_models::profile::AuthorizedApp;
use linode_models::Page;

crate::roundtrip_tests! {
    authorized_app: AuthorizedApp,
    authorized_app_page: Page<AuthorizedApp>,
}

#[test]
fn nullable_fields_come_back_as_null() {
    let app: AuthorizedApp = serde_json::from_str(
        r#"{"created": "2024-02-11T08:15:00", "expiry": null, "id": 9001, "label": "grafana-sync",
            "scopes": "linodes:read_only", "thumbnail_url": null, "website": "grafana.example.net"}"#,
    )
    .unwrap();
    assert_eq!(app.expiry, None);
    let json = serde_json::to_value(&app).unwrap();
    assert!(json["expiry"].is_null() && json["thumbnail_url"].is_null());
}
