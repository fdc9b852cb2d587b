//! `account::oauth_clients`: OAuth clients, their secrets and thumbnails.

use linode::models::account::{OAuthClientCreate, OAuthClientUpdate};
use linode::requests::{Filter, Pagination};
use bytes::Bytes;
use http::StatusCode;
use linode::account::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let listed = env.ok(&ListOAuthClients::default()).await;
    assert_eq!(listed.results, 2);
    assert!(listed.data.iter().all(|c| !c.has_plaintext_secret()));

    let created = env
        .ok(&CreateOAuthClient {
            body: OAuthClientCreate::new(
                "e2e-dashboard",
                "https://dash.tallowbrook.example/callback",
            ),
        })
        .await;
    assert!(
        created.has_plaintext_secret(),
        "the secret is shown once, at creation"
    );
    assert!(!format!("{created:?}").contains(created.secret.expose()));
    let id = created.id.clone();
    let got = env.ok(&GetOAuthClient::new(id.clone())).await;
    assert_eq!(
        (got.label.as_str(), got.redirect_uri.as_str()),
        ("e2e-dashboard", "https://dash.tallowbrook.example/callback")
    );
    assert!(!got.has_plaintext_secret());

    let updated = env
        .ok(&UpdateOAuthClient {
            client_id: id.clone(),
            body: OAuthClientUpdate {
                label: Some("e2e-dashboard-v2".into()),
                redirect_uri: None,
                public: Some(true),
            },
        })
        .await;
    assert_eq!(
        (updated.label.as_str(), updated.public),
        ("e2e-dashboard-v2", true)
    );
    assert_eq!(updated.redirect_uri, got.redirect_uri);
    let public = ListOAuthClients {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(OAuthClientField::Public, true)),
    };
    assert!(env.ok(&public).await.data.iter().any(|c| c.id == id));

    let reset = env.ok(&ResetOAuthClientSecret::new(id.clone())).await;
    assert!(reset.has_plaintext_secret());
    assert_ne!(reset.secret.expose(), created.secret.expose());

    let png = Bytes::from_static(&[
        0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 13, b'I', b'H', b'D', b'R',
    ]);
    env.ok(&UpdateOAuthClientThumbnail::new(id.clone(), png.clone()))
        .await;
    let image = env.ok(&GetOAuthClientThumbnail::new(id.clone())).await;
    assert!(image.has_png_signature());
    assert_eq!(image.bytes, png);
    // A public endpoint: a client without a token fetches it too.
    let anonymous = env.client(None);
    let image = anonymous
        .send_op(&GetOAuthClientThumbnail::new(id.clone()))
        .await
        .unwrap();
    assert_eq!(image.value.bytes, png);

    env.ok(&DeleteOAuthClient::new(id.clone())).await;
    assert_eq!(
        env.api_err(&GetOAuthClient::new(id.clone())).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(env.ok(&ListOAuthClients::default()).await.data, listed.data);
}
