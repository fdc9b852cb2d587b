//! `/profile`: the user the token belongs to. The profile's state (with its preferences,
//! phone number, TFA and security answers, which their own modules serve) lives here.

use linode_models::account::UserType;
use linode_models::profile::{
    AuthenticationType, LishAuthMethod, Profile, Referrals, UserPreferences,
};
use linode_models::{Money, Secret, Timestamp, Update};
use linode_requests::profile::{GetProfile, UpdateProfile};

use crate::handler::{check_length, collected, field_error, handlers, Ctx};
use crate::reply::Failure;
use crate::state::profile::details::ProfileState;
use crate::state::Store;

impl Default for ProfileState {
    fn default() -> Self {
        Self {
            profile: Profile {
                extra: Default::default(),
                authentication_type: AuthenticationType::Password,
                authorized_keys: None,
                email: "owner@fake-linode.invalid".to_owned(),
                email_notifications: true,
                // Deprecated, and left out by the live API's newer responses: so here too.
                ip_whitelist_enabled: None,
                lish_auth_method: LishAuthMethod::KeysOnly,
                referrals: Referrals {
                    extra: Default::default(),
                    code: String::new(),
                    completed: 0,
                    credit: Money::default(),
                    pending: 0,
                    total: 0,
                    url: String::new(),
                },
                restricted: false,
                user_type: Some(UserType::Default),
                timezone: "UTC".to_owned(),
                two_factor_auth: false,
                uid: 1,
                username: crate::state::OWNER.to_owned(),
                verified_phone_number: None,
            },
            preferences: UserPreferences::default(),
            pending_phone: None,
            pending_tfa: None,
            answers: Vec::new(),
        }
    }
}

handlers! {
    GetProfile => get_profile,
    UpdateProfile => put_profile,
}

fn get_profile(store: &mut Store, _ctx: &Ctx<'_>, _op: GetProfile) -> Result<Profile, Failure> {
    Ok(store.profile.profile.clone())
}

fn put_profile(store: &mut Store, _ctx: &Ctx<'_>, op: UpdateProfile) -> Result<Profile, Failure> {
    let body = op.body;
    let mut errors = Vec::new();
    if let Some(email) = &body.email {
        if !email.contains('@') || email.len() > 128 {
            errors.push(field_error("email", "Must be a valid email address"));
        }
    }
    if let Some(timezone) = &body.timezone {
        check_length(&mut errors, "timezone", timezone, 1, 64);
    }
    if let Some(LishAuthMethod::Unknown(_)) = &body.lish_auth_method {
        errors.push(field_error(
            "lish_auth_method",
            "Must be one of password_keys, keys_only, disabled",
        ));
    }
    if let Update::Set(keys) = &body.authorized_keys {
        if keys.iter().any(|k| k.split_whitespace().count() < 2) {
            errors.push(field_error("authorized_keys", "Invalid SSH key"));
        }
    }
    collected(errors)?;
    let profile = &mut store.profile.profile;
    match body.authorized_keys {
        Update::Unchanged => {}
        Update::Null => profile.authorized_keys = None,
        Update::Set(keys) => profile.authorized_keys = Some(keys),
    }
    if let Some(v) = body.email {
        profile.email = v;
    }
    if let Some(v) = body.email_notifications {
        profile.email_notifications = v;
    }
    if let Some(v) = body.ip_whitelist_enabled {
        profile.ip_whitelist_enabled = Some(v);
    }
    if let Some(v) = body.lish_auth_method {
        profile.lish_auth_method = v;
    }
    if let Some(v) = body.restricted {
        profile.restricted = v;
    }
    if let Some(v) = body.timezone {
        profile.timezone = v;
    }
    if let Some(v) = body.two_factor_auth {
        profile.two_factor_auth = v;
    }
    Ok(profile.clone())
}

/// The account owner's profile.
pub(crate) fn seed(store: &mut Store, _at: &dyn Fn(i64) -> Timestamp) {
    let profile = &mut store.profile.profile;
    profile.username = store.username.clone();
    profile.email = "mira.okafor@tallowbrook.example".to_owned();
    profile.uid = 58_211;
    profile.timezone = "Europe/Lisbon".to_owned();
    profile.authorized_keys = Some(vec![
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq8Jd0wPzN6r2vbE1mKx4cTz7QfY3uLw5sGd9aRkV2p mira@workstation".to_owned(),
    ]);
    profile.referrals = Referrals {
        extra: Default::default(),
        code: "9f2c41d7e0ab".to_owned(),
        completed: 2,
        credit: Money::new(40.into()),
        pending: 1,
        total: 3,
        url: "https://www.linode.com/?r=9f2c41d7e0ab".to_owned(),
    };
    store.profile.answers = vec![
        (2, Secret::new("Captain Whiskers")),
        (4, Secret::new("a dented Corolla")),
        (7, Secret::new("Tallow Fest 2009")),
    ];
    let mut preferences = serde_json::Map::new();
    preferences.insert("theme".to_owned(), "dark".into());
    preferences.insert(
        "sortKeys".to_owned(),
        serde_json::json!({"linodes": "label"}),
    );
    store.profile.preferences = UserPreferences(preferences);
}
