//! Round trips of the models of `linode_requests::account::users`'s operations.

use linode_models::account::{
    EntityGrant, EntityGrantUpdate, GlobalGrants, GlobalGrantsUpdate, GrantPermission, Grants,
    GrantsUpdate, LastLogin, LastLoginStatus, User, UserCreate, UserGrants, UserType, UserUpdate,
};
use linode_models::{Page, Update};

crate::roundtrip_tests! {
    user_type: UserType,
    last_login_status: LastLoginStatus,
    last_login: LastLogin,
    user: User,
    user_page: Page<User>,
    user_create: UserCreate,
    user_update: UserUpdate,
    grant_permission: GrantPermission,
    global_grants: GlobalGrants,
    entity_grant: EntityGrant,
    grants: Grants,
    user_grants: UserGrants,
    global_grants_update: GlobalGrantsUpdate,
    entity_grant_update: EntityGrantUpdate,
    grants_update: GrantsUpdate,
}

#[test]
fn unrestricted_grants_are_null_and_restricted_ones_an_object() {
    let none: UserGrants = serde_json::from_str("null").unwrap();
    assert_eq!(none, UserGrants::Unrestricted);
    assert_eq!(serde_json::to_string(&none).unwrap(), "null");
    let some: UserGrants = serde_json::from_str(r#"{"global": {"add_linodes": true}}"#).unwrap();
    let grants = some.restricted().unwrap();
    assert!(grants.global.add_linodes);
    assert!(grants.linode.is_empty());
    assert_eq!(grants.global.account_access, None);
}

#[test]
fn a_grants_update_sends_only_what_changes() {
    assert_eq!(
        serde_json::to_string(&GrantsUpdate::default()).unwrap(),
        "{}"
    );
    let update = GrantsUpdate {
        global: Some(GlobalGrantsUpdate {
            account_access: Update::Null,
            add_vpcs: Some(false),
            ..Default::default()
        }),
        linode: Some(vec![
            EntityGrantUpdate::grant(81_442, GrantPermission::ReadWrite),
            EntityGrantUpdate::revoke(81_443),
        ]),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&update).unwrap(),
        serde_json::json!({
            "global": {"account_access": null, "add_vpcs": false},
            "linode": [
                {"id": 81442, "permissions": "read_write"},
                {"id": 81443, "permissions": null}
            ]
        })
    );
}

#[test]
fn an_unknown_permission_is_kept() {
    let grant: EntityGrant =
        serde_json::from_str(r#"{"id": 5, "label": "db-eu", "permissions": "read_admin"}"#)
            .unwrap();
    assert_eq!(
        grant.permissions,
        Some(GrantPermission::Unknown("read_admin".into()))
    );
    assert!(serde_json::to_string(&grant)
        .unwrap()
        .contains(r#""permissions":"read_admin""#));
}
