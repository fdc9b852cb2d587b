//! Round trips of the models of `linode_requests::profile::preferences`'s operations.

use linode_models::profile::UserPreferences;

crate::roundtrip_tests! {
    user_preferences: UserPreferences,
}

#[test]
fn preferences_keep_any_json() {
    let text =
        r#"{"theme":"dark","font_size":14,"pinned":[{"linode":77120},null],"beta":{"on":true}}"#;
    let prefs: UserPreferences = serde_json::from_str(text).unwrap();
    assert_eq!(prefs.0["pinned"][0]["linode"], 77120);
    let back: serde_json::Value = serde_json::to_value(&prefs).unwrap();
    assert_eq!(
        back,
        serde_json::from_str::<serde_json::Value>(text).unwrap()
    );
}
