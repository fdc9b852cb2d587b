//! `/account/oauth-clients`: OAuth apps of the account, their secrets and thumbnails.

use bytes::Bytes;
use linode_models::account::{OAuthClient, OAuthClientStatus};
use linode_models::{Empty, FieldError, Page, Secret, Timestamp};
use linode_requests::account::{
    CreateOAuthClient, DeleteOAuthClient, GetOAuthClient, GetOAuthClientThumbnail,
    ListOAuthClients, ResetOAuthClientSecret, UpdateOAuthClient, UpdateOAuthClientThumbnail,
};
use linode_requests::PngImage;

use crate::handler::{check_length, collected, handlers, Ctx};
use crate::reply::Failure;
use crate::state::account::oauth_clients::OAuthClients;
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

impl OAuthClients {
    /// The client with this id, with its full secret (for the login service).
    pub(crate) fn client(&self, id: &str) -> Option<&OAuthClient> {
        self.clients.get(id).map(|(client, _)| client)
    }
}

handlers! {
    ListOAuthClients => list,
    CreateOAuthClient => create,
    GetOAuthClient => get,
    UpdateOAuthClient => update,
    DeleteOAuthClient => delete,
    ResetOAuthClientSecret => reset_secret,
    GetOAuthClientThumbnail => get_thumbnail as png,
    UpdateOAuthClientThumbnail => put_thumbnail,
}

/// A client as shown after creation: the secret redacted, as the API does.
fn shown(client: &OAuthClient) -> OAuthClient {
    let mut client = client.clone();
    client.secret = Secret::new(OAuthClient::REDACTED_SECRET);
    client
}

fn list(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListOAuthClients,
) -> Result<Page<OAuthClient>, Failure> {
    let clients: Vec<OAuthClient> = store
        .oauth_clients
        .clients
        .values()
        .map(|(c, _)| shown(c))
        .collect();
    ctx.list_filtered(clients.iter(), op.pagination, op.filter.as_ref())
}

fn find<'s>(
    store: &'s mut Store,
    id: &str,
) -> Result<&'s mut (OAuthClient, Option<Bytes>), Failure> {
    store
        .oauth_clients
        .clients
        .get_mut(id)
        .ok_or_else(Failure::not_found)
}

fn get(store: &mut Store, _ctx: &Ctx<'_>, op: GetOAuthClient) -> Result<OAuthClient, Failure> {
    let (client, _) = find(store, &op.client_id)?;
    Ok(shown(client))
}

fn check_redirect(errors: &mut Vec<FieldError>, uri: &str) {
    if !(uri.starts_with("https://") || uri.starts_with("http://")) || uri.len() > 512 {
        errors.push(FieldError {
            field: Some("redirect_uri".to_owned()),
            reason: "Must be an http(s) URL".to_owned(),
        });
    }
}

fn create(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: CreateOAuthClient,
) -> Result<OAuthClient, Failure> {
    let body = op.body;
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
    Ok(client)
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

fn update(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: UpdateOAuthClient,
) -> Result<OAuthClient, Failure> {
    let body = op.body;
    let mut errors = Vec::new();
    if let Some(label) = &body.label {
        check_length(&mut errors, "label", label, 1, 512);
    }
    if let Some(uri) = &body.redirect_uri {
        check_redirect(&mut errors, uri);
    }
    let (client, _) = find(store, &op.client_id)?;
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
    Ok(shown(client))
}

fn delete(store: &mut Store, _ctx: &Ctx<'_>, op: DeleteOAuthClient) -> Result<Empty, Failure> {
    match store.oauth_clients.clients.remove(&op.client_id) {
        Some(_) => Ok(Empty::default()),
        None => Err(Failure::not_found()),
    }
}

fn reset_secret(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: ResetOAuthClientSecret,
) -> Result<OAuthClient, Failure> {
    let secret = store.new_secret(64);
    let (client, _) = find(store, &op.client_id)?;
    client.secret = Secret::new(secret);
    Ok(client.clone())
}

fn get_thumbnail(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: GetOAuthClientThumbnail,
) -> Result<PngImage, Failure> {
    match find(store, &op.client_id)? {
        (_, Some(image)) => Ok(PngImage {
            bytes: image.clone(),
        }),
        (_, None) => Err(Failure::not_found()),
    }
}

fn put_thumbnail(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: UpdateOAuthClientThumbnail,
) -> Result<Empty, Failure> {
    let image = op.png;
    let url = format!(
        "{}/v4/account/oauth-clients/{}/thumbnail",
        ctx.base_url, op.client_id
    );
    let (client, thumbnail) = find(store, &op.client_id)?;
    if !image.starts_with(&PngImage::SIGNATURE) {
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
    Ok(Empty::default())
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
