//! `/profile`, `/profile/preferences`, `/profile/phone-number`, `/profile/tfa-*`,
//! `/profile/security-questions`: the user the token belongs to.

use linode_models::account::UserType;
use linode_models::profile::{
    AnsweredSecurityQuestion, AnsweredSecurityQuestions, AuthenticationType, LishAuthMethod,
    PhoneNumberVerification, PhoneNumberVerificationRequest, Profile, ProfileUpdate, Referrals,
    SecurityQuestion, SecurityQuestions, SecurityQuestionsAnswer, TfaConfirmation, TfaScratchCode,
    TfaSecret, UserPreferences,
};
use linode_models::{FieldError, Money, Secret, Timestamp, Update};

use super::{check_length, collected, Ctx, Handler};
use crate::reply::{empty_object, ok, Failure, Reply};
use crate::state::Store;

/// The code the fake "texts" to any phone number: verify with it.
pub const PHONE_VERIFICATION_CODE: &str = "424242";

/// The profile and its satellites.
#[derive(Debug)]
pub(crate) struct ProfileState {
    pub(crate) profile: Profile,
    preferences: UserPreferences,
    /// A number waiting for its code: (iso code, number).
    pending_phone: Option<(String, String)>,
    /// A TFA secret created but not confirmed yet.
    pending_tfa: Option<Secret>,
    /// Answers by question id.
    answers: Vec<(u64, Secret)>,
}

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

pub(crate) const HANDLERS: &[(&str, Handler)] = &[
    ("get-profile", get_profile),
    ("put-profile", put_profile),
    ("get-user-preferences", get_preferences),
    ("put-user-preferences", put_preferences),
    ("post-profile-phone-number", send_phone_code),
    ("post-profile-phone-number-verify", verify_phone),
    ("delete-profile-phone-number", delete_phone),
    ("post-tfa-enable", tfa_enable),
    ("post-tfa-confirm", tfa_confirm),
    ("post-tfa-disable", tfa_disable),
    ("get-security-questions", list_questions),
    ("post-security-questions", answer_questions),
];

/// The questions users pick three of.
const QUESTIONS: &[(u64, &str)] = &[
    (1, "In what city did your parents meet?"),
    (2, "What was the name of your first stuffed animal?"),
    (3, "What street did your best childhood friend live on?"),
    (4, "What was the make of the first car you drove?"),
    (5, "What is the middle name of your oldest cousin?"),
    (6, "In what town was your first job?"),
    (7, "What was the first concert you attended?"),
    (8, "What was the name of your first teacher?"),
];

fn field_error(field: &str, reason: &str) -> FieldError {
    FieldError {
        field: Some(field.to_owned()),
        reason: reason.to_owned(),
    }
}

fn get_profile(store: &mut Store, _ctx: &Ctx<'_>) -> Reply {
    ok(&store.profile.profile)
}

fn put_profile(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let body: ProfileUpdate = ctx.json()?;
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
    ok(profile)
}

fn get_preferences(store: &mut Store, _ctx: &Ctx<'_>) -> Reply {
    ok(&store.profile.preferences)
}

fn put_preferences(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let body: UserPreferences = ctx.json()?;
    store.profile.preferences = body;
    ok(&store.profile.preferences)
}

fn send_phone_code(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let body: PhoneNumberVerificationRequest = ctx.json()?;
    let mut errors = Vec::new();
    if body.iso_code.len() != 2 || !body.iso_code.chars().all(|c| c.is_ascii_alphabetic()) {
        errors.push(field_error("iso_code", "Must be a two-letter country code"));
    }
    let digits = body
        .phone_number
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    let allowed = body
        .phone_number
        .chars()
        .all(|c| c.is_ascii_digit() || "+-() ".contains(c));
    if !(7..=15).contains(&digits) || !allowed {
        errors.push(field_error("phone_number", "Invalid phone number"));
    }
    collected(errors)?;
    store.profile.pending_phone = Some((body.iso_code.to_ascii_uppercase(), body.phone_number));
    empty_object()
}

fn verify_phone(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let body: PhoneNumberVerification = ctx.json()?;
    let Some((_, number)) = store.profile.pending_phone.clone() else {
        return Err(Failure::field(
            "otp_code",
            "No verification code was sent; send one to a phone number first",
        ));
    };
    if body.otp_code.expose() != PHONE_VERIFICATION_CODE {
        return Err(Failure::field("otp_code", "Invalid verification code"));
    }
    store.profile.pending_phone = None;
    store.profile.profile.verified_phone_number = Some(number);
    empty_object()
}

fn delete_phone(store: &mut Store, _ctx: &Ctx<'_>) -> Reply {
    if store.profile.profile.verified_phone_number.take().is_none() {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "No verified phone number to delete",
        ));
    }
    empty_object()
}

fn tfa_enable(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    if store.profile.profile.two_factor_auth {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "Two-factor authentication is already enabled",
        ));
    }
    if store.profile.answers.len() < 3 {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "Answer three security questions before enabling two-factor authentication",
        ));
    }
    const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let secret: String = store
        .new_secret(16)
        .bytes()
        .map(|b| char::from(BASE32[usize::from(b) % BASE32.len()]))
        .collect();
    store.profile.pending_tfa = Some(Secret::new(secret.clone()));
    let expiry =
        Timestamp::from_unix_seconds(ctx.now.to_utc().unix_timestamp() + 600).unwrap_or(ctx.now);
    ok(&TfaSecret {
        extra: Default::default(),
        expiry,
        secret: Secret::new(secret),
    })
}

fn tfa_confirm(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let body: TfaConfirmation = ctx.json()?;
    if store.profile.pending_tfa.is_none() {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "Create a two-factor secret (tfa-enable) first",
        ));
    }
    let code = body.tfa_code.expose();
    // The fake accepts any six-digit code: it has no clock-synchronized authenticator.
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(Failure::field("tfa_code", "Invalid code"));
    }
    store.profile.pending_tfa = None;
    store.profile.profile.two_factor_auth = true;
    let scratch = store.new_secret(8).to_ascii_uppercase();
    ok(&TfaScratchCode {
        extra: Default::default(),
        scratch: Secret::new(scratch),
    })
}

fn tfa_disable(store: &mut Store, _ctx: &Ctx<'_>) -> Reply {
    if !store.profile.profile.two_factor_auth {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "Two-factor authentication is not enabled",
        ));
    }
    store.profile.profile.two_factor_auth = false;
    empty_object()
}

fn list_questions(store: &mut Store, _ctx: &Ctx<'_>) -> Reply {
    let security_questions = QUESTIONS
        .iter()
        .map(|(id, question)| SecurityQuestion {
            extra: Default::default(),
            id: *id,
            question: (*question).to_owned(),
            response: store
                .profile
                .answers
                .iter()
                .find(|(q, _)| q == id)
                .map(|(_, r)| r.clone()),
        })
        .collect();
    ok(&SecurityQuestions {
        extra: Default::default(),
        security_questions,
    })
}

fn answer_questions(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let body: SecurityQuestionsAnswer = ctx.json()?;
    let mut errors = Vec::new();
    if body.security_questions.len() != 3 {
        errors.push(field_error(
            "security_questions",
            "Answer exactly three questions",
        ));
    }
    let mut seen = Vec::new();
    for (i, answer) in body.security_questions.iter().enumerate() {
        if !QUESTIONS.iter().any(|(id, _)| *id == answer.question_id) {
            errors.push(field_error(
                &format!("security_questions[{i}].question_id"),
                "No such question",
            ));
        } else if seen.contains(&answer.question_id) {
            errors.push(field_error(
                &format!("security_questions[{i}].question_id"),
                "Each question may be answered once",
            ));
        }
        seen.push(answer.question_id);
        check_length(
            &mut errors,
            &format!("security_questions[{i}].response"),
            answer.response.expose(),
            3,
            17,
        );
    }
    collected(errors)?;
    store.profile.answers = body
        .security_questions
        .iter()
        .map(|a| (a.question_id, a.response.clone()))
        .collect();
    let security_questions = body
        .security_questions
        .into_iter()
        .map(|a| AnsweredSecurityQuestion {
            extra: Default::default(),
            security_question: QUESTIONS
                .iter()
                .find(|(id, _)| *id == a.question_id)
                .map(|(_, q)| (*q).to_owned())
                .unwrap_or_default(),
            question_id: a.question_id,
            response: a.response,
        })
        .collect();
    ok(&AnsweredSecurityQuestions {
        extra: Default::default(),
        security_questions,
    })
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
