//! `/account/users` and their grants (the profile's own grants, read from the same
//! records, are in `profile/grants`).

use std::collections::BTreeMap;

use linode_models::account::{
    EntityGrant, EntityGrantUpdate, GlobalGrants, GrantPermission, Grants, LastLogin,
    LastLoginStatus, User, UserGrants, UserType,
};
use linode_models::{Empty, FieldError, Page, Timestamp, Update};
use linode_requests::account::{
    CreateUser, DeleteUser, GetUser, GetUserGrants, ListUsers, UpdateUser, UpdateUserGrants,
};

use crate::handler::{collected, handlers, Ctx};
use crate::reply::{Answer, Failure};
use crate::state::account::users::Users;
use crate::state::Store;

impl Default for Users {
    fn default() -> Self {
        Self {
            users: BTreeMap::new(),
            entities: entities(),
        }
    }
}

handlers! {
    ListUsers => list,
    CreateUser => create,
    GetUser => get,
    UpdateUser => update,
    DeleteUser => delete,
    GetUserGrants => get_grants,
    UpdateUserGrants => put_grants,
}

fn error(field: impl Into<String>, reason: &str) -> FieldError {
    FieldError {
        field: Some(field.into()),
        reason: reason.to_owned(),
    }
}

fn check_username(errors: &mut Vec<FieldError>, username: &str) {
    let valid_chars = username
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
    if !(3..=32).contains(&username.chars().count()) || !valid_chars {
        errors.push(error(
            "username",
            "Must be 3-32 letters, digits, dots, dashes or underscores",
        ));
    }
}

fn check_email(errors: &mut Vec<FieldError>, email: &str) {
    let valid = email
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    if !valid || email.len() > 128 {
        errors.push(error("email", "Must be a valid email address"));
    }
}

fn list(store: &mut Store, ctx: &Ctx<'_>, op: ListUsers) -> Result<Page<User>, Failure> {
    ctx.list_filtered(
        store.users.users.values().map(|(u, _)| u),
        op.pagination,
        op.filter.as_ref(),
    )
}

fn find<'s>(
    store: &'s mut Store,
    username: &str,
) -> Result<&'s mut (User, Option<Grants>), Failure> {
    store
        .users
        .users
        .get_mut(username)
        .ok_or_else(Failure::not_found)
}

fn get(store: &mut Store, _ctx: &Ctx<'_>, op: GetUser) -> Result<User, Failure> {
    let (user, _) = find(store, &op.username)?;
    Ok(user.clone())
}

fn create(store: &mut Store, _ctx: &Ctx<'_>, op: CreateUser) -> Result<User, Failure> {
    let body = op.body;
    let mut errors = Vec::new();
    check_username(&mut errors, &body.username);
    check_email(&mut errors, &body.email);
    if store.users.users.contains_key(&body.username) {
        errors.push(error("username", "Username is taken"));
    }
    collected(errors)?;
    let restricted = body.restricted.unwrap_or(false);
    let user = new_user(&body.username, &body.email, restricted);
    let grants = restricted.then(|| store.users.entities.clone());
    store
        .users
        .users
        .insert(body.username.clone(), (user.clone(), grants));
    Ok(user)
}

fn new_user(username: &str, email: &str, restricted: bool) -> User {
    User {
        extra: Default::default(),
        username: username.to_owned(),
        email: email.to_owned(),
        restricted,
        last_login: None,
        password_created: None,
        ssh_keys: Vec::new(),
        tfa_enabled: false,
        verified_phone_number: None,
        user_type: Some(UserType::Default),
    }
}

fn update(store: &mut Store, _ctx: &Ctx<'_>, op: UpdateUser) -> Result<User, Failure> {
    let body = op.body;
    let current = op.username;
    if !store.users.users.contains_key(&current) {
        return Err(Failure::not_found());
    }
    let mut errors = Vec::new();
    if let Some(username) = &body.username {
        check_username(&mut errors, username);
        if *username != current && store.users.users.contains_key(username) {
            errors.push(error("username", "Username is taken"));
        }
    }
    if let Some(email) = &body.email {
        check_email(&mut errors, email);
    }
    collected(errors)?;
    let entities = store.users.entities.clone();
    let Some((mut user, mut grants)) = store.users.users.remove(&current) else {
        return Err(Failure::not_found());
    };
    if let Some(email) = body.email {
        user.email = email;
    }
    if let Some(restricted) = body.restricted {
        user.restricted = restricted;
        grants = match (restricted, grants) {
            (true, Some(g)) => Some(g),
            (true, None) => Some(entities),
            (false, _) => None,
        };
    }
    if let Some(username) = body.username {
        if current == store.username {
            store.username.clone_from(&username);
        }
        user.username = username;
    }
    store
        .users
        .users
        .insert(user.username.clone(), (user.clone(), grants));
    Ok(user)
}

fn delete(store: &mut Store, _ctx: &Ctx<'_>, op: DeleteUser) -> Result<Empty, Failure> {
    let username = op.username.as_str();
    if !store.users.users.contains_key(username) {
        return Err(Failure::not_found());
    }
    if username == store.username {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "You cannot delete your own user",
        ));
    }
    store.users.users.remove(username);
    Ok(Empty::default())
}

/// A user's grants as the API answers them: the grants of a restricted user, and for an
/// unrestricted one nothing to list: 204, no body.
pub(crate) fn grants_answer(grants: Option<&Grants>) -> Answer<UserGrants> {
    match grants {
        Some(grants) => UserGrants::Restricted(grants.clone()).into(),
        None => Answer::no_content(UserGrants::Unrestricted),
    }
}

fn get_grants(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: GetUserGrants,
) -> Result<Answer<UserGrants>, Failure> {
    let (_, grants) = find(store, &op.username)?;
    Ok(grants_answer(grants.as_ref()))
}

fn apply_entities(
    errors: &mut Vec<FieldError>,
    kind: &str,
    current: &mut [EntityGrant],
    updates: Option<Vec<EntityGrantUpdate>>,
) {
    for (i, update) in updates.into_iter().flatten().enumerate() {
        if let Some(GrantPermission::Unknown(_)) = &update.permissions {
            errors.push(error(
                format!("{kind}[{i}].permissions"),
                "Must be read_only, read_write or null",
            ));
            continue;
        }
        match current.iter_mut().find(|e| e.id == update.id) {
            Some(entity) => entity.permissions = update.permissions,
            None => errors.push(error(format!("{kind}[{i}].id"), "No such entity")),
        }
    }
}

fn put_grants(store: &mut Store, _ctx: &Ctx<'_>, op: UpdateUserGrants) -> Result<Grants, Failure> {
    let body = op.body;
    let (_, grants) = find(store, &op.username)?;
    let Some(current) = grants.as_ref() else {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "This user is unrestricted: make it restricted before setting grants",
        ));
    };
    let mut next = current.clone();
    let mut errors = Vec::new();
    if let Some(global) = body.global {
        let g = &mut next.global;
        match global.account_access {
            Update::Unchanged => {}
            Update::Null => g.account_access = None,
            Update::Set(GrantPermission::Unknown(_)) => errors.push(error(
                "global.account_access",
                "Must be read_only, read_write or null",
            )),
            Update::Set(access) => g.account_access = Some(access),
        }
        match global.child_account_access {
            Update::Unchanged => {}
            Update::Null => g.child_account_access = None,
            Update::Set(v) => g.child_account_access = Some(v),
        }
        let flags = [
            (global.add_databases, &mut g.add_databases),
            (global.add_domains, &mut g.add_domains),
            (global.add_firewalls, &mut g.add_firewalls),
            (global.add_images, &mut g.add_images),
            (global.add_linodes, &mut g.add_linodes),
            (global.add_longview, &mut g.add_longview),
            (global.add_nodebalancers, &mut g.add_nodebalancers),
            (global.add_placement_groups, &mut g.add_placement_groups),
            (global.add_stackscripts, &mut g.add_stackscripts),
            (global.add_volumes, &mut g.add_volumes),
            (global.add_vpcs, &mut g.add_vpcs),
            (global.cancel_account, &mut g.cancel_account),
            (global.longview_subscription, &mut g.longview_subscription),
        ];
        for (value, slot) in flags {
            if let Some(v) = value {
                *slot = v;
            }
        }
    }
    apply_entities(&mut errors, "database", &mut next.database, body.database);
    apply_entities(&mut errors, "domain", &mut next.domain, body.domain);
    apply_entities(&mut errors, "firewall", &mut next.firewall, body.firewall);
    apply_entities(&mut errors, "image", &mut next.image, body.image);
    apply_entities(&mut errors, "linode", &mut next.linode, body.linode);
    apply_entities(&mut errors, "longview", &mut next.longview, body.longview);
    apply_entities(
        &mut errors,
        "nodebalancer",
        &mut next.nodebalancer,
        body.nodebalancer,
    );
    apply_entities(
        &mut errors,
        "placement_group",
        &mut next.placement_group,
        body.placement_group,
    );
    apply_entities(
        &mut errors,
        "stackscript",
        &mut next.stackscript,
        body.stackscript,
    );
    apply_entities(&mut errors, "volume", &mut next.volume, body.volume);
    apply_entities(&mut errors, "vpc", &mut next.vpc, body.vpc);
    collected(errors)?;
    *grants = Some(next.clone());
    Ok(next)
}

fn no_grants() -> GlobalGrants {
    GlobalGrants {
        extra: Default::default(),
        account_access: None,
        add_databases: false,
        add_domains: false,
        add_firewalls: false,
        add_images: false,
        add_linodes: false,
        add_longview: false,
        add_nodebalancers: false,
        add_placement_groups: false,
        add_stackscripts: false,
        add_volumes: false,
        add_vpcs: false,
        cancel_account: false,
        child_account_access: None,
        longview_subscription: false,
    }
}

fn entity(id: u64, label: &str, permissions: Option<GrantPermission>) -> EntityGrant {
    EntityGrant {
        extra: Default::default(),
        id,
        label: label.to_owned(),
        permissions,
    }
}

/// The account's entities with no permission granted.
fn entities() -> Grants {
    Grants {
        extra: Default::default(),
        global: no_grants(),
        database: vec![entity(4410, "orders-pg", None)],
        domain: vec![entity(8801, "tallowbrook.example", None)],
        firewall: vec![entity(6120, "edge-default", None)],
        image: Vec::new(),
        linode: vec![
            entity(31001, "web-lis-1", None),
            entity(31002, "web-lis-2", None),
            entity(31007, "worker-fra-1", None),
        ],
        longview: Vec::new(),
        nodebalancer: vec![entity(9303, "web-lb", None)],
        placement_group: Vec::new(),
        stackscript: Vec::new(),
        volume: vec![entity(7701, "orders-pg-data", None)],
        vpc: Vec::new(),
    }
}

/// The owner and three teammates, two of them restricted.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    let owner = store.username.clone();
    let mut mira = new_user(&owner, "mira.okafor@tallowbrook.example", false);
    mira.user_type = Some(UserType::Parent);
    mira.password_created = Some(at(-700));
    mira.last_login = Some(LastLogin {
        extra: Default::default(),
        login_datetime: at(-1),
        status: LastLoginStatus::Successful,
    });
    mira.ssh_keys = vec!["workstation-2023".to_owned(), "travel-laptop".to_owned()];
    mira.verified_phone_number = Some("+351 912 555 014".to_owned());

    let mut nadia = new_user("nadia.kowal", "nadia.kowal@tallowbrook.example", false);
    nadia.password_created = Some(at(-410));
    nadia.tfa_enabled = true;
    nadia.last_login = Some(LastLogin {
        extra: Default::default(),
        login_datetime: at(-3),
        status: LastLoginStatus::Successful,
    });

    let mut dario = new_user("dario_ferraz", "dario@tallowbrook.example", true);
    dario.password_created = Some(at(-120));
    dario.last_login = Some(LastLogin {
        extra: Default::default(),
        login_datetime: at(-9),
        status: LastLoginStatus::Failed,
    });
    let mut dario_grants = entities();
    dario_grants.global.add_linodes = true;
    dario_grants.global.account_access = Some(GrantPermission::ReadOnly);
    for linode in dario_grants.linode.iter_mut().take(2) {
        linode.permissions = Some(GrantPermission::ReadWrite);
    }
    dario_grants.domain[0].permissions = Some(GrantPermission::ReadOnly);

    let billing = new_user("billing-export", "finance@tallowbrook.example", true);
    let mut billing_grants = entities();
    billing_grants.global.account_access = Some(GrantPermission::ReadOnly);

    for (user, grants) in [
        (mira, None),
        (nadia, None),
        (dario, Some(dario_grants)),
        (billing, Some(billing_grants)),
    ] {
        store
            .users
            .users
            .insert(user.username.clone(), (user, grants));
    }
}
