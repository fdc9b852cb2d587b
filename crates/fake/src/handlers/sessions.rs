//! Who signed in and from where: `/profile/apps` (authorized OAuth apps),
//! `/profile/devices` (trusted devices), `/profile/logins` and `/account/logins`.

use std::collections::BTreeMap;

use linode_models::account::{Login, LoginStatus};
use linode_models::profile::{AuthorizedApp, TrustedDevice};
use linode_models::Timestamp;

use super::{Ctx, Handler};
use crate::reply::{empty_object, ok, Failure, Reply};
use crate::state::Store;

/// Apps, devices and logins, by id.
#[derive(Debug, Default)]
pub(crate) struct Sessions {
    apps: BTreeMap<u64, AuthorizedApp>,
    devices: BTreeMap<u64, TrustedDevice>,
    logins: BTreeMap<u64, Login>,
}

pub(crate) const HANDLERS: &[(&str, Handler)] = &[
    ("get-profile-apps", list_apps),
    ("get-profile-app", get_app),
    ("delete-profile-app", delete_app),
    ("get-devices", list_devices),
    ("get-trusted-device", get_device),
    ("delete-trusted-device", delete_device),
    ("get-profile-logins", list_profile_logins),
    ("get-profile-login", get_profile_login),
    ("get-account-logins", list_account_logins),
    ("get-account-login", get_account_login),
];

/// The fields `ListAuthorizedApps` may filter on.
const APP_FILTERABLE: &[&str] = &["label", "created", "expiry"];

fn list_apps(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    ctx.list(store.sessions.apps.values(), APP_FILTERABLE)
}

fn get_app(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let id = ctx.id(0)?;
    store
        .sessions
        .apps
        .get(&id)
        .ok_or_else(Failure::not_found)
        .and_then(ok)
}

fn delete_app(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let id = ctx.id(0)?;
    match store.sessions.apps.remove(&id) {
        Some(_) => empty_object(),
        None => Err(Failure::not_found()),
    }
}

fn list_devices(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    ctx.list(store.sessions.devices.values(), &[])
}

fn get_device(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let id = ctx.id(0)?;
    store
        .sessions
        .devices
        .get(&id)
        .ok_or_else(Failure::not_found)
        .and_then(ok)
}

fn delete_device(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let id = ctx.id(0)?;
    match store.sessions.devices.remove(&id) {
        Some(_) => empty_object(),
        None => Err(Failure::not_found()),
    }
}

fn list_profile_logins(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let owner = store.username.clone();
    ctx.list(
        store
            .sessions
            .logins
            .values()
            .filter(|l| l.username == owner),
        &[],
    )
}

fn get_profile_login(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let id = ctx.id(0)?;
    match store.sessions.logins.get(&id) {
        Some(login) if login.username == store.username => ok(login),
        _ => Err(Failure::not_found()),
    }
}

fn list_account_logins(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    ctx.list(store.sessions.logins.values(), &[])
}

fn get_account_login(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let id = ctx.id(0)?;
    store
        .sessions
        .logins
        .get(&id)
        .ok_or_else(Failure::not_found)
        .and_then(ok)
}

/// Two authorized apps, two trusted devices, and a month of logins by the team.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    let apps = [
        (
            "Tallowbrook status board",
            "account:read_only events:read_only",
            -90,
            Some(275),
            Some("https://status.tallowbrook.example"),
        ),
        ("tb-cli", "*", -20, None, None),
    ];
    for (label, scopes, created, expiry, website) in apps {
        let id = store.next_id();
        store.sessions.apps.insert(
            id,
            AuthorizedApp {
                extra: Default::default(),
                created: at(created),
                expiry: expiry.map(at),
                id,
                label: label.to_owned(),
                scopes: linode_models::Scopes::from_api(scopes),
                thumbnail_url: None,
                website: website.unwrap_or("").to_owned(),
            },
        );
    }
    let devices = [
        (
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "198.51.100.23",
            -40,
            -1,
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
            "203.0.113.77",
            -12,
            -4,
        ),
    ];
    for (agent, addr, created, last) in devices {
        let id = store.next_id();
        store.sessions.devices.insert(
            id,
            TrustedDevice {
                extra: Default::default(),
                created: at(created),
                expiry: at(created + 30),
                id,
                last_authenticated: at(last),
                last_remote_addr: addr.to_owned(),
                user_agent: agent.to_owned(),
            },
        );
    }
    let people = [
        (store.username.clone(), false, "198.51.100.23"),
        ("nadia.kowal".to_owned(), false, "192.0.2.140"),
        ("dario_ferraz".to_owned(), true, "203.0.113.9"),
    ];
    for day in 0..30_i64 {
        let (username, restricted, ip) = &people[(day % 3) as usize];
        let id = store.next_id();
        let status = if day % 11 == 5 {
            LoginStatus::Failed
        } else {
            LoginStatus::Successful
        };
        store.sessions.logins.insert(
            id,
            Login {
                extra: Default::default(),
                datetime: at(day - 30),
                id,
                ip: (*ip).to_owned(),
                restricted: *restricted,
                status,
                username: username.clone(),
            },
        );
    }
}
