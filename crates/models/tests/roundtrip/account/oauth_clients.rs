//! Round trips of the models of `linode_requests::account::oauth_clients`'s operations.

use linode_models::account::{
    OAuthClient, OAuthClientCreate, OAuthClientStatus, OAuthClientUpdate,
};
use linode_models::Page;

crate::roundtrip_tests! {
    oauth_client_status: OAuthClientStatus,
    oauth_client: OAuthClient,
    oauth_client_page: Page<OAuthClient>,
    oauth_client_create: OAuthClientCreate,
    oauth_client_update: OAuthClientUpdate,
}

#[test]
fn a_client_secret_never_shows_in_debug() {
    let client: OAuthClient = serde_json::from_str(
        r#"{"id": "9f0c2a61d4be7730aa15", "label": "ci-dashboard", "public": false,
            "redirect_uri": "https://ci.example.net/oauth/done", "secret": "s3cr3t-9QwErTy",
            "status": "active", "thumbnail_url": null}"#,
    )
    .unwrap();
    assert!(client.has_plaintext_secret());
    assert!(!format!("{client:?}").contains("s3cr3t-9QwErTy"));
    assert_eq!(client.secret.expose(), "s3cr3t-9QwErTy");
}
