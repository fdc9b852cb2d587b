//! `/account/oauth-clients`: OAuth apps of the account, their secrets and thumbnails.

use std::collections::BTreeMap;

use bytes::Bytes;
use linode_models::account::{
    OAuthClient, OAuthClientCreate, OAuthClientStatus, OAuthClientUpdate,
};
use linode_models::{FieldError, Secret, Timestamp};

use super::{check_length, collected, Ctx, Handler};
use crate::reply::{empty_object, ok, png, Failure, Reply};
use crate::state::Store;

/// The largest thumbnail accepted.
const MAX_THUMBNAIL: usize = 128 * 1024;

/// A 2x2 PNG: the seeded client's thumbnail.
pub(crate) const SEED_THUMBNAIL: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a,
    0x73, 0x00, 0x00, 0x00, 0x13, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x90, 0xcb, 0x8e, 0x02,
    0x22, 0x06, 0x20, 0xfe, 0xb4, 0xc0, 0x06, 0x00, 0x1a, 0xba, 0x04, 0x78, 0x07, 0x91, 0x48, 0x95,
    0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

const PNG_SIGNATURE: &[u8] = &[0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// The clients by id, each with its full secret and thumbnail.
#[derive(Debug, Default)]
pub(crate) struct OAuthClients {
    clients: BTreeMap<String, (OAuthClient, Option<Bytes>)>,
}

impl OAuthClients {
    /// The client with this id, with its full secret (for the login service).
    pub(crate) fn client(&self, id: &str) -> Option<&OAuthClient> {
        self.clients.get(id).map(|(client, _)| client)
    }
}

pub(crate) const HANDLERS: &[(&str, Handler)] = &[
    ("get-clients", list),
    ("post-client", create),
    ("get-client", get),
    ("put-client", update),
    ("delete-client", delete),
    ("post-reset-client-secret", reset_secret),
    ("get-client-thumbnail", get_thumbnail),
    ("put-client-thumbnail", put_thumbnail),
];

/// The fields `ListOAuthClients` may filter on.
const FILTERABLE: &[&str] = &["label", "public"];

/// A client as shown after creation: the secret redacted, as the API does.
fn shown(client: &OAuthClient) -> OAuthClient {
    let mut client = client.clone();
    client.secret = Secret::new(OAuthClient::REDACTED_SECRET);
    client
}

fn list(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let clients: Vec<OAuthClient> = store
        .oauth_clients
        .clients
        .values()
        .map(|(c, _)| shown(c))
        .collect();
    ctx.list(clients.iter(), FILTERABLE)
}

fn find<'s>(
    store: &'s mut Store,
    ctx: &Ctx<'_>,
) -> Result<&'s mut (OAuthClient, Option<Bytes>), Failure> {
    let id = ctx.param(0)?;
    store
        .oauth_clients
        .clients
        .get_mut(id)
        .ok_or_else(Failure::not_found)
}

fn get(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let (client, _) = find(store, ctx)?;
    ok(&shown(client))
}

fn check_redirect(errors: &mut Vec<FieldError>, uri: &str) {
    if !(uri.starts_with("https://") || uri.starts_with("http://")) || uri.len() > 512 {
        errors.push(FieldError {
            field: Some("redirect_uri".to_owned()),
            reason: "Must be an http(s) URL".to_owned(),
        });
    }
}

fn create(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let body: OAuthClientCreate = ctx.json()?;
    let mut errors = Vec::new();
    check_length(&mut errors, "label", &body.label, 1, 512);
    check_redirect(&mut errors, &body.redirect_uri);
    collected(errors)?;
    let client = insert(
        store,
        &body.label,
        &body.redirect_uri,
        body.public.unwrap_or(false),
    );
    // The one time the secret is shown in full.
    ok(&client)
}

fn insert(store: &mut Store, label: &str, redirect_uri: &str, public: bool) -> OAuthClient {
    let id = store.new_secret(20);
    let client = OAuthClient {
        extra: Default::default(),
        id: id.clone(),
        label: label.to_owned(),
        public,
        redirect_uri: redirect_uri.to_owned(),
        secret: Secret::new(store.new_secret(64)),
        status: OAuthClientStatus::Active,
        thumbnail_url: None,
    };
    store
        .oauth_clients
        .clients
        .insert(id, (client.clone(), None));
    client
}

fn update(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let body: OAuthClientUpdate = ctx.json()?;
    let mut errors = Vec::new();
    if let Some(label) = &body.label {
        check_length(&mut errors, "label", label, 1, 512);
    }
    if let Some(uri) = &body.redirect_uri {
        check_redirect(&mut errors, uri);
    }
    let (client, _) = find(store, ctx)?;
    collected(errors)?;
    if let Some(label) = body.label {
        client.label = label;
    }
    if let Some(uri) = body.redirect_uri {
        client.redirect_uri = uri;
    }
    if let Some(public) = body.public {
        client.public = public;
    }
    ok(&shown(client))
}

fn delete(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let id = ctx.param(0)?;
    match store.oauth_clients.clients.remove(id) {
        Some(_) => empty_object(),
        None => Err(Failure::not_found()),
    }
}

fn reset_secret(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let secret = store.new_secret(64);
    let (client, _) = find(store, ctx)?;
    client.secret = Secret::new(secret);
    ok(client)
}

fn get_thumbnail(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    match find(store, ctx)? {
        (_, Some(image)) => png(image.clone()),
        (_, None) => Err(Failure::not_found()),
    }
}

fn put_thumbnail(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let image = ctx.body.clone();
    let url = format!(
        "{}/v4/account/oauth-clients/{}/thumbnail",
        ctx.base_url,
        ctx.param(0)?
    );
    let (client, thumbnail) = find(store, ctx)?;
    if !image.starts_with(PNG_SIGNATURE) {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "The thumbnail must be a PNG image",
        ));
    }
    if image.len() > MAX_THUMBNAIL {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "The thumbnail must be at most 128 KiB",
        ));
    }
    *thumbnail = Some(image);
    client.thumbnail_url = Some(url);
    empty_object()
}

/// Two apps: a dashboard with a thumbnail and a public CLI helper.
pub(crate) fn seed(store: &mut Store, _at: &dyn Fn(i64) -> Timestamp) {
    let dashboard = insert(
        store,
        "Tallowbrook status board",
        "https://status.tallowbrook.example/oauth/callback",
        false,
    );
    if let Some((client, thumbnail)) = store.oauth_clients.clients.get_mut(&dashboard.id) {
        *thumbnail = Some(Bytes::from_static(SEED_THUMBNAIL));
        client.thumbnail_url = Some(format!(
            "https://api.linode.com/v4/account/oauth-clients/{}/thumbnail",
            client.id
        ));
    }
    insert(store, "tb-cli", "http://localhost:8976/callback", true);
}
