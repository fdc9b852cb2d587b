//! `/profile/tokens`: personal access tokens. A token created here is accepted by the
//! server from then on, with the scopes it was created with; revoking it stops that.

use linode_models::profile::PersonalAccessToken;
use linode_models::{Empty, Page, Secret, Timestamp};
use linode_requests::profile::{
    CreatePersonalAccessToken, GetPersonalAccessToken, ListPersonalAccessTokens,
    RevokePersonalAccessToken, UpdatePersonalAccessToken,
};

use crate::handler::{check_length, collected, handlers, Ctx};
use crate::reply::Failure;
use crate::scopes::Scopes;
use crate::state::{Store, TokenGrant};

handlers! {
    ListPersonalAccessTokens => list,
    CreatePersonalAccessToken => create,
    GetPersonalAccessToken => get,
    UpdatePersonalAccessToken => update,
    RevokePersonalAccessToken => delete,
}

/// How much of a token's value the API shows after creation.
const SHOWN_PREFIX: usize = 16;

/// A token as listed: its value cut to the first characters, as the API shows it.
fn masked(token: &PersonalAccessToken) -> PersonalAccessToken {
    let mut shown = token.clone();
    let prefix: String = token.token.expose().chars().take(SHOWN_PREFIX).collect();
    shown.token = Secret::new(prefix);
    shown
}

fn list(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListPersonalAccessTokens,
) -> Result<Page<PersonalAccessToken>, Failure> {
    let shown: Vec<PersonalAccessToken> = store.tokens.tokens.values().map(masked).collect();
    ctx.list_filtered(shown.iter(), op.pagination, op.filter.as_ref())
}

fn find(store: &mut Store, id: u64) -> Result<&mut PersonalAccessToken, Failure> {
    store
        .tokens
        .tokens
        .get_mut(&id)
        .ok_or_else(Failure::not_found)
}

fn get(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: GetPersonalAccessToken,
) -> Result<PersonalAccessToken, Failure> {
    find(store, op.token_id).map(|token| masked(token))
}

fn create(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: CreatePersonalAccessToken,
) -> Result<PersonalAccessToken, Failure> {
    let body = op.body;
    let mut errors = Vec::new();
    let label = body.label.unwrap_or_default();
    check_length(&mut errors, "label", &label, 1, 100);
    // The fake checks areas against the API's list, which the SDK's `Scopes` does not.
    let scopes_text = body
        .scopes
        .map_or_else(|| "*".to_owned(), |s| s.to_string());
    let scopes = match crate::scopes::parse_known(&scopes_text) {
        Ok(scopes) => Some(scopes),
        Err(e) => {
            errors.push(linode_models::FieldError {
                field: Some("scopes".to_owned()),
                reason: e.to_string(),
            });
            None
        }
    };
    if body.expiry.is_some_and(|expiry| expiry <= ctx.now) {
        errors.push(linode_models::FieldError {
            field: Some("expiry".to_owned()),
            reason: "Expiry must be in the future".to_owned(),
        });
    }
    collected(errors)?;
    let scopes = scopes.unwrap_or_default();
    Ok(insert(store, label, scopes, body.expiry, ctx.now))
}

fn update(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: UpdatePersonalAccessToken,
) -> Result<PersonalAccessToken, Failure> {
    find(store, op.token_id)?;
    let body = op.body;
    if let Some(label) = &body.label {
        let mut errors = Vec::new();
        check_length(&mut errors, "label", label, 1, 100);
        collected(errors)?;
    }
    let token = find(store, op.token_id)?;
    if let Some(label) = body.label {
        token.label = label;
    }
    Ok(masked(token))
}

fn delete(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: RevokePersonalAccessToken,
) -> Result<Empty, Failure> {
    let id = op.token_id;
    store
        .tokens
        .tokens
        .remove(&id)
        .ok_or_else(Failure::not_found)?;
    store.auth.retain(|_, grant| grant.token_id != Some(id));
    Ok(Empty::default())
}

/// Creates a token, makes the server accept it, and returns it with its full value.
fn insert(
    store: &mut Store,
    label: String,
    scopes: Scopes,
    expiry: Option<Timestamp>,
    created: Timestamp,
) -> PersonalAccessToken {
    let id = store.next_id();
    let value = store.new_secret(64);
    let token = PersonalAccessToken {
        extra: Default::default(),
        created,
        expiry,
        id,
        label,
        scopes: scopes.clone(),
        token: Secret::new(value.clone()),
    };
    store.auth.insert(
        value,
        TokenGrant {
            scopes,
            token_id: Some(id),
            expiry,
        },
    );
    store.tokens.tokens.insert(id, token.clone());
    token
}

/// Two tokens made earlier (their values are random, so only listing shows them).
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    let seeds = [
        (
            "terraform-prod",
            "account:read_write events:read_only",
            -300,
            None,
        ),
        ("grafana-billing-panel", "account:read_only", -45, Some(320)),
    ];
    for (label, scopes, created, expires) in seeds {
        let scopes = scopes.parse().unwrap_or_default();
        insert(
            store,
            label.to_owned(),
            scopes,
            expires.map(at),
            at(created),
        );
    }
}
