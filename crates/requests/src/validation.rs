//! Checks of request bodies against what the spec constrains, before anything is sent.
//!
//! Only rules a user can break cheaply and the API is known to enforce are checked (lengths,
//! formats and amounts the spec states for request bodies); anything the API might accept is
//! let through, for the API to judge. Each failure is a [`BuildError::InvalidValue`] naming the
//! member, what is wrong and what the API accepts, without the value when it is a secret.
//! The list of rules is in docs/errors-and-retries.md ("Validated before sending").

use bytes::Bytes;
use serde::Serialize;

use crate::error::BuildError;
use crate::models::account::{
    CreditCardCreate, OAuthClientCreate, OAuthClientUpdate, PayPalPaymentCreate, PaymentCreate,
    PaymentMethodCreate, PromoCodeCreate, UserCreate, UserUpdate,
};
use crate::models::profile::{
    PersonalAccessTokenCreate, PersonalAccessTokenUpdate, SecurityQuestionsAnswer, SshKeyCreate,
    SshKeyUpdate,
};
use crate::models::MoneyString;
use crate::operation::json_body;

/// The spec's rules for one request body, checked when the request is built.
pub(crate) trait Validate {
    /// `Ok` when every constrained member is acceptable.
    fn validate(&self) -> Result<(), BuildError>;
}

/// Checks `body` ([`Validate`]), then serializes it as [`json_body`] does. Every operation
/// whose body the spec constrains builds it through here, so no path skips the checks.
pub(crate) fn validated_json_body<T: Validate + Serialize>(
    body: &T,
) -> Result<Option<Bytes>, BuildError> {
    body.validate()?;
    json_body(body)
}

fn invalid(field: &'static str, problem: String) -> BuildError {
    BuildError::InvalidValue { field, problem }
}

/// A text of `min..=max` characters (the spec counts characters, not bytes). The value is
/// not repeated in the message: it may be long, or private.
fn length(field: &'static str, value: &str, min: usize, max: usize) -> Result<(), BuildError> {
    let count = value.chars().count();
    if count == 0 && min > 0 {
        return Err(invalid(
            field,
            format!("is empty; the API needs {min} to {max} characters"),
        ));
    }
    if count < min {
        return Err(invalid(
            field,
            format!("is {count} characters long; the API needs at least {min}"),
        ));
    }
    if count > max {
        return Err(invalid(
            field,
            format!("is {count} characters long; the API accepts at most {max}: shorten it"),
        ));
    }
    Ok(())
}

fn optional_length(
    field: &'static str,
    value: Option<&str>,
    min: usize,
    max: usize,
) -> Result<(), BuildError> {
    value.map_or(Ok(()), |v| length(field, v, min, max))
}

/// An amount of dollars to pay: more than zero, in whole cents (the spec's pattern is
/// `^\$?\d+\.\d{2}$`; fewer decimals are padded when written, more are never rounded away).
/// No minimum or maximum beyond that: the API's limits depend on the balance and the card.
fn payment_amount(field: &'static str, amount: &MoneyString) -> Result<(), BuildError> {
    let value = amount.amount();
    if value.is_sign_negative() || value.is_zero() {
        return Err(invalid(
            field,
            format!("is {value}, not a positive amount; give the dollars to pay, like \"20.00\""),
        ));
    }
    if value.normalize().scale() > 2 {
        return Err(invalid(
            field,
            format!(
                "is {value}, with more than two decimals; the API takes whole cents, like \"20.05\""
            ),
        ));
    }
    Ok(())
}

/// An absolute URL: a scheme (`https://`...) and something after it. A URL without one (a
/// bare `example.com/callback`) is the mistake this catches; which schemes the API allows is
/// left to the API.
fn absolute_url(field: &'static str, url: &str) -> Result<(), BuildError> {
    let scheme_ok = url.split_once("://").is_some_and(|(scheme, rest)| {
        let mut chars = scheme.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !rest.is_empty()
    });
    if url.trim().is_empty() {
        return Err(invalid(
            field,
            "is empty; give an absolute URL, like \"https://example.org/callback\"".to_owned(),
        ));
    }
    if !scheme_ok {
        // A bare `example.org/cb` gets its likely fix; anything else (`javascript:...`) a
        // plain example.
        let example = if url.contains(':') {
            "https://example.org/callback".to_owned()
        } else {
            format!("https://{}", url.trim())
        };
        return Err(invalid(
            field,
            format!(
                "is {url:?}, which is not an absolute URL; write it with its scheme, like \
                 {example:?}"
            ),
        ));
    }
    Ok(())
}

/// A username of 3 to 32 characters. The spec also gives a pattern (ASCII letters, digits,
/// `-`, `_`, no two of those in a row), not enforced here: whether the live API takes a
/// username with a dot (`ines.matos`, as in this project's test data) is not known, and a
/// rule the API might not apply is not ours to add.
fn username(field: &'static str, name: &str) -> Result<(), BuildError> {
    length(field, name, 3, 32)
}

/// A secret made of `min..=max` ASCII digits (a card number, a CVV). The message never shows
/// the value.
fn secret_digits(
    field: &'static str,
    value: &str,
    min: usize,
    max: usize,
) -> Result<(), BuildError> {
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(
            field,
            format!("has characters other than digits; write only the {min} to {max} digits, without spaces or dashes"),
        ));
    }
    if !(min..=max).contains(&value.len()) {
        return Err(invalid(
            field,
            format!("has {} digits; the API accepts {min} to {max}", value.len()),
        ));
    }
    Ok(())
}

impl Validate for SshKeyCreate {
    fn validate(&self) -> Result<(), BuildError> {
        optional_length("label", self.label.as_deref(), 0, 64)
    }
}

impl Validate for SshKeyUpdate {
    fn validate(&self) -> Result<(), BuildError> {
        optional_length("label", self.label.as_deref(), 0, 64)
    }
}

impl Validate for PersonalAccessTokenCreate {
    fn validate(&self) -> Result<(), BuildError> {
        optional_length("label", self.label.as_deref(), 1, 100)
    }
}

impl Validate for PersonalAccessTokenUpdate {
    fn validate(&self) -> Result<(), BuildError> {
        optional_length("label", self.label.as_deref(), 1, 100)
    }
}

impl Validate for OAuthClientCreate {
    fn validate(&self) -> Result<(), BuildError> {
        length("label", &self.label, 1, 512)?;
        absolute_url("redirect_uri", &self.redirect_uri)
    }
}

impl Validate for OAuthClientUpdate {
    fn validate(&self) -> Result<(), BuildError> {
        optional_length("label", self.label.as_deref(), 1, 512)?;
        self.redirect_uri
            .as_deref()
            .map_or(Ok(()), |uri| absolute_url("redirect_uri", uri))
    }
}

impl Validate for UserCreate {
    fn validate(&self) -> Result<(), BuildError> {
        username("username", &self.username)
    }
}

impl Validate for UserUpdate {
    fn validate(&self) -> Result<(), BuildError> {
        self.username
            .as_deref()
            .map_or(Ok(()), |name| username("username", name))
    }
}

impl Validate for PromoCodeCreate {
    fn validate(&self) -> Result<(), BuildError> {
        length("promo_code", &self.promo_code, 1, 32)
    }
}

/// The members of a card as the API names them: at the top of `post-credit-card`'s body,
/// under `data.` in `post-payment-method`'s.
struct CardFields {
    number: &'static str,
    cvv: &'static str,
    month: &'static str,
    year: &'static str,
}

fn card(card: &CreditCardCreate, names: &CardFields) -> Result<(), BuildError> {
    secret_digits(names.number, card.card_number.expose(), 14, 24)?;
    secret_digits(names.cvv, card.cvv.expose(), 3, 4)?;
    if !(1..=12).contains(&card.expiry_month) {
        return Err(invalid(
            names.month,
            format!("is {}; a month is 1 to 12", card.expiry_month),
        ));
    }
    if !(1000..=9999).contains(&card.expiry_year) {
        return Err(invalid(
            names.year,
            format!(
                "is {}; the API takes the year in four digits, like 2030",
                card.expiry_year
            ),
        ));
    }
    Ok(())
}

impl Validate for CreditCardCreate {
    fn validate(&self) -> Result<(), BuildError> {
        card(
            self,
            &CardFields {
                number: "card_number",
                cvv: "cvv",
                month: "expiry_month",
                year: "expiry_year",
            },
        )
    }
}

impl Validate for PaymentMethodCreate {
    fn validate(&self) -> Result<(), BuildError> {
        card(
            &self.data,
            &CardFields {
                number: "data.card_number",
                cvv: "data.cvv",
                month: "data.expiry_month",
                year: "data.expiry_year",
            },
        )
    }
}

impl Validate for SecurityQuestionsAnswer {
    fn validate(&self) -> Result<(), BuildError> {
        self.security_questions
            .iter()
            .try_for_each(|answer| length("response", answer.response.expose(), 3, 17))
    }
}

impl Validate for PaymentCreate {
    fn validate(&self) -> Result<(), BuildError> {
        payment_amount("usd", &self.usd)
    }
}

impl Validate for PayPalPaymentCreate {
    fn validate(&self) -> Result<(), BuildError> {
        payment_amount("usd", &self.usd)?;
        absolute_url("cancel_url", &self.cancel_url)?;
        absolute_url("redirect_url", &self.redirect_url)
    }
}

#[cfg(test)]
#[allow(deprecated)] // `AddCreditCard` and PayPal are deprecated, and still validated.
mod tests {
    use super::*;
    use crate::account::{
        AddCreditCard, AddPaymentMethod, AddPromoCode, CreateOAuthClient, CreatePayment,
        CreateUser, UpdateOAuthClient, UpdateUser,
    };
    use crate::models::account::PaymentMethodType;
    use crate::models::profile::SecurityQuestionAnswer;
    use crate::models::Secret;
    use crate::profile::{
        AnswerSecurityQuestions, CreatePersonalAccessToken, CreateSshKey,
        UpdatePersonalAccessToken, UpdateSshKey,
    };
    use crate::{ErrorKind, Operation, RequestConfig};

    fn config() -> RequestConfig {
        RequestConfig::new()
            .with_token("validation-test-token")
            .unwrap_or_default()
    }

    /// The request's body text when it builds, or the error's message when it does not
    /// (after checking that it is a build error: nothing was sent).
    fn build<O: Operation>(op: &O) -> Result<String, String> {
        match op.to_http_request(&config()) {
            Ok(request) => Ok(String::from_utf8_lossy(request.body()).into_owned()),
            Err(e) => {
                assert_eq!(e.kind(), ErrorKind::Build, "{e}");
                Err(e.to_string())
            }
        }
    }

    fn refused<O: Operation>(op: &O, needles: &[&str]) {
        let message = build(op).expect_err("refused before sending");
        assert!(message.contains(O::META.name), "{message}");
        for needle in needles {
            assert!(message.contains(needle), "{needle:?} not in: {message}");
        }
    }

    fn payment(usd: &str) -> CreatePayment {
        CreatePayment {
            body: PaymentCreate {
                payment_method_id: None,
                usd: usd.parse().unwrap_or_default(),
            },
        }
    }

    #[test]
    fn payment_amounts_must_be_positive_whole_cents() {
        refused(
            &payment("-5.00"),
            &["`usd`", "-5.00", "not a positive amount", "\"20.00\""],
        );
        refused(&payment("0.00"), &["`usd`", "not a positive amount"]);
        refused(
            &payment("20.001"),
            &["`usd`", "20.001", "more than two decimals"],
        );
        // The edges that pass: one cent; trailing zeros beyond the cents; no decimals at all
        // (written with two, as the spec's pattern wants).
        assert_eq!(build(&payment("0.01")).as_deref(), Ok(r#"{"usd":"0.01"}"#));
        assert_eq!(
            build(&payment("$20.500")).as_deref(),
            Ok(r#"{"usd":"20.50"}"#)
        );
        assert_eq!(build(&payment("20")).as_deref(), Ok(r#"{"usd":"20.00"}"#));
    }

    #[test]
    fn ssh_key_labels_are_at_most_64_characters() {
        let create = |label: String| CreateSshKey {
            body: SshKeyCreate {
                label: Some(label),
                ssh_key: "ssh-ed25519 AAAA user@host".to_owned(),
            },
        };
        refused(
            &create("k".repeat(65)),
            &["`label`", "65 characters", "at most 64"],
        );
        assert!(build(&create("k".repeat(64))).is_ok());
        // Characters, not bytes: 64 accented letters are 128 bytes and still fit.
        assert!(build(&create("é".repeat(64))).is_ok());
        assert!(build(&create(String::new())).is_ok()); // the spec allows an empty label
        let update = |label: &str| UpdateSshKey {
            ssh_key_id: 1,
            body: SshKeyUpdate {
                label: Some(label.to_owned()),
            },
        };
        refused(&update(&"k".repeat(65)), &["`label`", "at most 64"]);
        assert!(build(&update("work")).is_ok());
    }

    #[test]
    fn token_labels_are_1_to_100_characters() {
        let create = |label: &str| CreatePersonalAccessToken {
            body: PersonalAccessTokenCreate {
                label: Some(label.to_owned()),
                ..Default::default()
            },
        };
        refused(&create(""), &["`label`", "is empty", "1 to 100"]);
        refused(
            &create(&"t".repeat(101)),
            &["`label`", "101 characters", "at most 100"],
        );
        assert!(build(&create(&"t".repeat(100))).is_ok());
        assert!(build(&create("t")).is_ok());
        let update = |label: Option<&str>| UpdatePersonalAccessToken {
            token_id: 7,
            body: PersonalAccessTokenUpdate {
                label: label.map(str::to_owned),
            },
        };
        refused(&update(Some("")), &["`label`", "is empty"]);
        assert!(build(&update(None)).is_ok());
    }

    #[test]
    fn oauth_clients_need_a_label_and_an_absolute_redirect_uri() {
        let create = |label: &str, uri: &str| CreateOAuthClient {
            body: OAuthClientCreate {
                label: label.to_owned(),
                redirect_uri: uri.to_owned(),
                public: None,
            },
        };
        refused(
            &create("app", "example.org/callback"),
            &[
                "`redirect_uri`",
                "not an absolute URL",
                "\"https://example.org/callback\"",
            ],
        );
        refused(&create("app", " "), &["`redirect_uri`", "is empty"]);
        refused(
            &create("app", "javascript:alert(1)"),
            &["`redirect_uri`", "like \"https://example.org/callback\""],
        );
        refused(&create("app", "://example.org"), &["`redirect_uri`"]);
        refused(
            &create("", "https://example.org/cb"),
            &["`label`", "is empty"],
        );
        refused(
            &create(&"a".repeat(513), "https://example.org/cb"),
            &["at most 512"],
        );
        assert!(build(&create(&"a".repeat(512), "http://localhost:8000/cb")).is_ok());
        // Which schemes the API takes is left to the API.
        assert!(build(&create("app", "com.example.app://cb")).is_ok());
        let update = |uri: Option<&str>| UpdateOAuthClient {
            client_id: "c".to_owned(),
            body: OAuthClientUpdate {
                redirect_uri: uri.map(str::to_owned),
                ..Default::default()
            },
        };
        refused(
            &update(Some("localhost/cb")),
            &["`redirect_uri`", "\"https://localhost/cb\""],
        );
        assert!(build(&update(None)).is_ok());
        assert!(build(&update(Some("https://example.org/cb"))).is_ok());
    }

    #[test]
    fn usernames_are_3_to_32_characters() {
        let create = |name: &str| CreateUser {
            body: UserCreate {
                username: name.to_owned(),
                email: "a@example.org".to_owned(),
                restricted: None,
            },
        };
        refused(
            &create("ab"),
            &["`username`", "2 characters long", "at least 3"],
        );
        refused(&create(""), &["`username`", "is empty", "3 to 32"]);
        refused(&create(&"u".repeat(33)), &["`username`", "at most 32"]);
        // The edges, and a dot (not in the spec's pattern, but not refused: see `username`).
        for good in ["abc", "a-b_c", "ines.matos", &"u".repeat(32)] {
            assert!(build(&create(good)).is_ok(), "{good}");
        }
        let rename = |name: Option<&str>| UpdateUser {
            username: "old-name".to_owned(),
            body: UserUpdate {
                username: name.map(str::to_owned),
                ..Default::default()
            },
        };
        refused(&rename(Some("x")), &["`username`"]);
        assert!(build(&rename(Some("new-name"))).is_ok());
        assert!(build(&rename(None)).is_ok());
    }

    #[test]
    fn promo_codes_are_1_to_32_characters() {
        let add = |code: &str| AddPromoCode {
            body: PromoCodeCreate {
                promo_code: code.to_owned(),
            },
        };
        refused(&add(""), &["`promo_code`", "is empty"]);
        refused(&add(&"P".repeat(33)), &["`promo_code`", "at most 32"]);
        assert!(build(&add(&"P".repeat(32))).is_ok());
    }

    fn card(number: &str, cvv: &str, month: u8, year: u16) -> CreditCardCreate {
        CreditCardCreate {
            card_number: Secret::new(number),
            cvv: Secret::new(cvv),
            expiry_month: month,
            expiry_year: year,
        }
    }

    #[test]
    fn credit_cards_are_digits_and_a_four_digit_year_and_no_secret_is_shown() {
        let add = |c| AddCreditCard { body: c };
        let spaced = "4111 1111 1111 1111";
        let message = build(&add(card(spaced, "123", 1, 2030))).expect_err("spaces");
        assert!(message.contains("`card_number`") && message.contains("without spaces"));
        assert!(
            !message.contains("4111") && !message.contains("1111"),
            "{message}"
        );
        refused(
            &add(card("4111111111111", "123", 1, 2030)),
            &["`card_number`", "13 digits"],
        );
        let message = build(&add(card("41111111111111", "98", 1, 2030))).expect_err("short cvv");
        assert!(
            message.contains("`cvv`") && !message.contains("98"),
            "{message}"
        );
        refused(
            &add(card("41111111111111", "123", 13, 2030)),
            &["`expiry_month`", "1 to 12"],
        );
        refused(
            &add(card("41111111111111", "123", 0, 2030)),
            &["`expiry_month`"],
        );
        refused(
            &add(card("41111111111111", "123", 12, 30)),
            &["`expiry_year`", "four digits"],
        );
        // The edges: 14 and 24 digits, a 3- and a 4-digit CVV, months 1 and 12.
        assert!(build(&add(card("41111111111111", "123", 1, 2030))).is_ok());
        assert!(build(&add(card(&"4".repeat(24), "1234", 12, 2030))).is_ok());
        let method = |c| AddPaymentMethod {
            body: PaymentMethodCreate {
                method_type: PaymentMethodType::CreditCard,
                data: c,
                is_default: true,
            },
        };
        refused(&method(card("4", "123", 1, 2030)), &["`data.card_number`"]);
        refused(
            &method(card("41111111111111", "1", 1, 2030)),
            &["`data.cvv`"],
        );
        assert!(build(&method(card("41111111111111", "123", 1, 2030))).is_ok());
    }

    #[test]
    fn security_answers_are_3_to_17_characters_and_never_shown() {
        let answer = |response: &str| AnswerSecurityQuestions {
            body: SecurityQuestionsAnswer {
                security_questions: vec![SecurityQuestionAnswer {
                    question_id: 1,
                    response: Secret::new(response),
                }],
            },
        };
        let message = build(&answer("zq")).expect_err("too short");
        assert!(message.contains("`response`") && message.contains("at least 3"));
        assert!(!message.contains("zq"), "{message}");
        refused(&answer(&"r".repeat(18)), &["`response`", "at most 17"]);
        assert!(build(&answer("abc")).is_ok());
        assert!(build(&answer(&"r".repeat(17))).is_ok());
    }
}
