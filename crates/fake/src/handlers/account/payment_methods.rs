//! `/account/payment-methods` and the deprecated `/account/credit-card`: the cards (and a
//! PayPal account) that pay the invoices.
//!
//! Card data stays out of the fake: a card added through the API is kept as its brand, last
//! four digits and expiry, never its number or CVV. Error answers never quote a submitted
//! value, and the request log redacts card fields ([`crate::log`]).

// The deprecated operations are still served, as the API still answers them.
#![allow(deprecated)]

use linode_models::account::{
    AccountCreditCard, CardInfo, CreditCardCreate, PayPalInfo, PaymentMethod, PaymentMethodData,
    PaymentMethodType,
};
use linode_models::{Empty, FieldError, Page, Timestamp};
use linode_requests::account::AddCreditCard;
use linode_requests::account::{
    AddPaymentMethod, DeletePaymentMethod, GetPaymentMethod, ListPaymentMethods,
    SetDefaultPaymentMethod,
};
use linode_requests::RequestParts;
use serde::de::DeserializeOwned;

use super::events;
use crate::handler::{collected, handlers, Ctx};
use crate::reply::Failure;
use crate::state::account::payment_methods::PaymentMethods;
use crate::state::Store;

/// How many active payment methods an account may hold, as the API documents.
pub(crate) const MAX_METHODS: usize = 6;

impl PaymentMethods {
    /// The default method's id, if the account has any method.
    pub(crate) fn default_id(&self) -> Option<u64> {
        self.methods.values().find(|m| m.is_default).map(|m| m.id)
    }

    /// Whether a method with this id is on the account.
    pub(crate) fn contains(&self, id: u64) -> bool {
        self.methods.contains_key(&id)
    }
}

handlers! {
    ListPaymentMethods => list,
    AddPaymentMethod => add where read_card_body,
    GetPaymentMethod => get,
    DeletePaymentMethod => delete,
    SetDefaultPaymentMethod => make_default,
    AddCreditCard => add_credit_card where read_card_body,
}

/// The reasons the SDK's body decoding gives that quote nothing the client sent.
const FIXED_REASONS: &[&str] = &[
    "This field is required",
    "Invalid JSON",
    "The request body must be a JSON object",
];

/// Decodes the operation of a body that carries card data. serde's messages quote the value
/// they could not read (`invalid type: integer 4111...`), so any such reason is replaced by
/// one that quotes nothing; the field is still named.
fn read_card_body<O: CardOperation>(parts: &RequestParts<'_>) -> Result<O, Failure> {
    parts.json_body().map(O::with_body).map_err(|error| {
        let mut failure = Failure::from(error);
        for error in &mut failure.errors {
            if !FIXED_REASONS.contains(&error.reason.as_str()) {
                error.reason = "Invalid value".to_owned();
            }
        }
        failure
    })
}

/// The operations whose body is card data.
trait CardOperation {
    /// The body.
    type Body: DeserializeOwned;
    /// The operation with this body.
    fn with_body(body: Self::Body) -> Self;
}

impl CardOperation for AddPaymentMethod {
    type Body = linode_models::account::PaymentMethodCreate;
    fn with_body(body: Self::Body) -> Self {
        Self { body }
    }
}

impl CardOperation for AddCreditCard {
    type Body = CreditCardCreate;
    fn with_body(body: Self::Body) -> Self {
        Self { body }
    }
}

fn list(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListPaymentMethods,
) -> Result<Page<PaymentMethod>, Failure> {
    ctx.list(store.payment_methods.methods.values(), op.pagination)
}

fn find(store: &mut Store, id: u64) -> Result<&mut PaymentMethod, Failure> {
    store
        .payment_methods
        .methods
        .get_mut(&id)
        .ok_or_else(Failure::not_found)
}

fn get(store: &mut Store, _ctx: &Ctx<'_>, op: GetPaymentMethod) -> Result<PaymentMethod, Failure> {
    find(store, op.payment_method_id).cloned()
}

/// The Luhn checksum every card number carries in its last digit.
fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b.wrapping_sub(b'0'));
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The card's brand, from the leading digits of its number.
fn card_brand(number: &str) -> &'static str {
    let lead = |n: usize| {
        number
            .get(..n)
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0)
    };
    if number.starts_with('4') {
        "Visa"
    } else if (51..=55).contains(&lead(2)) || (2221..=2720).contains(&lead(4)) {
        "MasterCard"
    } else if matches!(lead(2), 34 | 37) {
        "American Express"
    } else if lead(4) == 6011 || lead(2) == 65 || (644..=649).contains(&lead(3)) {
        "Discover"
    } else if (3528..=3589).contains(&lead(4)) {
        "JCB"
    } else {
        "Unknown"
    }
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Checks a card as the API does; `prefix` is where the card sits in the body (`"data."`
/// for a payment method, `""` for the deprecated credit card body). No reason quotes the
/// card's values.
fn check_card(errors: &mut Vec<FieldError>, prefix: &str, card: &CreditCardCreate, now: Timestamp) {
    let mut push = |field: &str, reason: &str| {
        errors.push(FieldError {
            field: Some(format!("{prefix}{field}")),
            reason: reason.to_owned(),
        });
    };
    let number = card.card_number.expose();
    if !(14..=24).contains(&number.len()) || !all_digits(number) || !luhn(number) {
        push(
            "card_number",
            "Invalid card number: 14 to 24 digits, no spaces or hyphens",
        );
    }
    let cvv = card.cvv.expose();
    if !(3..=4).contains(&cvv.len()) || !all_digits(cvv) {
        push("cvv", "The CVV must be 3 or 4 digits");
    }
    let month_ok = (1..=12).contains(&card.expiry_month);
    if !month_ok {
        push("expiry_month", "Must be a month from 1 to 12");
    }
    if !(1000..=9999).contains(&card.expiry_year) {
        push("expiry_year", "Must be a four-digit year");
    } else if month_ok {
        let today = now.to_utc();
        let current = (today.year(), u8::from(today.month()));
        if (i32::from(card.expiry_year), card.expiry_month) < current {
            push("expiry_year", "The card has expired");
        }
    }
}

/// Makes `id` the only default method and shows its card (if it is a credit card) as the
/// account's card on file.
fn set_default(store: &mut Store, id: u64) {
    for method in store.payment_methods.methods.values_mut() {
        method.is_default = method.id == id;
    }
    sync_account_card(store);
}

/// The account's `credit_card`: the default method's card, or nulls when the default is not
/// a credit card.
fn sync_account_card(store: &mut Store) {
    let card = store
        .payment_methods
        .methods
        .values()
        .find(|m| m.is_default && m.method_type == PaymentMethodType::CreditCard)
        .and_then(PaymentMethod::card)
        .map(|c| AccountCreditCard {
            extra: Default::default(),
            expiry: Some(c.expiry.clone()),
            last_four: Some(c.last_four.clone()),
        })
        .unwrap_or(AccountCreditCard {
            extra: Default::default(),
            expiry: None,
            last_four: None,
        });
    store.account.details_mut().credit_card = Some(card);
}

/// Adds a checked card: keeps its brand, last four digits and expiry only.
fn insert_card(
    store: &mut Store,
    card: &CreditCardCreate,
    make_default: bool,
    now: Timestamp,
    event: &str,
) -> Result<u64, Failure> {
    if store.payment_methods.methods.len() >= MAX_METHODS {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            format!(
                "An account can have at most {MAX_METHODS} active payment methods; delete one first"
            ),
        ));
    }
    let number = card.card_number.expose();
    let last_four = number
        .get(number.len().saturating_sub(4)..)
        .unwrap_or_default()
        .to_owned();
    let id = store.next_id();
    // The first method is the default whatever was asked: an account with methods always
    // has one.
    let make_default = make_default || store.payment_methods.methods.is_empty();
    store.payment_methods.methods.insert(
        id,
        PaymentMethod {
            extra: Default::default(),
            id,
            method_type: PaymentMethodType::CreditCard,
            is_default: false,
            created: now,
            data: PaymentMethodData::Card(CardInfo {
                extra: Default::default(),
                card_type: card_brand(number).to_owned(),
                expiry: format!("{:02}/{}", card.expiry_month, card.expiry_year),
                last_four: last_four.into(),
            }),
        },
    );
    if make_default {
        set_default(store, id);
    }
    events::record(store, event, now, None);
    Ok(id)
}

fn add(store: &mut Store, ctx: &Ctx<'_>, op: AddPaymentMethod) -> Result<Empty, Failure> {
    let body = op.body;
    let mut errors = Vec::new();
    if body.method_type != PaymentMethodType::CreditCard {
        errors.push(FieldError {
            field: Some("type".to_owned()),
            reason: "Only credit cards can be added through the API; add Google Pay or PayPal \
                     in Cloud Manager"
                .to_owned(),
        });
    }
    check_card(&mut errors, "data.", &body.data, ctx.now);
    collected(errors)?;
    insert_card(
        store,
        &body.data,
        body.is_default,
        ctx.now,
        "payment_method_add",
    )?;
    Ok(Empty::default())
}

fn delete(store: &mut Store, _ctx: &Ctx<'_>, op: DeletePaymentMethod) -> Result<Empty, Failure> {
    let method = find(store, op.payment_method_id)?;
    if method.is_default {
        return Err(Failure::new(
            http::StatusCode::BAD_REQUEST,
            "The default payment method cannot be deleted; make another method the default first",
        ));
    }
    let id = method.id;
    store.payment_methods.methods.remove(&id);
    Ok(Empty::default())
}

fn make_default(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: SetDefaultPaymentMethod,
) -> Result<Empty, Failure> {
    let id = find(store, op.payment_method_id)?.id;
    set_default(store, id);
    Ok(Empty::default())
}

/// The deprecated way: adds the card as the default payment method (the server adds the
/// 299 and its warning).
fn add_credit_card(store: &mut Store, ctx: &Ctx<'_>, op: AddCreditCard) -> Result<Empty, Failure> {
    let card = op.body;
    let mut errors = Vec::new();
    check_card(&mut errors, "", &card, ctx.now);
    collected(errors)?;
    insert_card(store, &card, true, ctx.now, "credit_card_updated")?;
    Ok(Empty::default())
}

/// Two methods: the studio's Visa (the default) and a PayPal account.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    // The card expires two years after the seed, so it is never expired.
    let expiry_year = at(0).to_utc().year() + 2;
    let seeded = [
        PaymentMethod {
            extra: Default::default(),
            id: 0,
            method_type: PaymentMethodType::CreditCard,
            is_default: true,
            created: at(-729),
            data: PaymentMethodData::Card(CardInfo {
                extra: Default::default(),
                card_type: "Visa".to_owned(),
                expiry: format!("11/{expiry_year}"),
                last_four: "4417".into(),
            }),
        },
        PaymentMethod {
            extra: Default::default(),
            id: 0,
            method_type: PaymentMethodType::Paypal,
            is_default: false,
            created: at(-212),
            data: PaymentMethodData::PayPal(PayPalInfo {
                extra: Default::default(),
                email: "finance@tallowbrook.example".to_owned(),
                paypal_id: "TBKQ7W2M9XLPE".to_owned(),
            }),
        },
    ];
    for mut method in seeded {
        method.id = store.next_id();
        store.payment_methods.methods.insert(method.id, method);
    }
    sync_account_card(store);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_and_brands() {
        assert!(luhn("4526018159083012"));
        assert!(!luhn("4526018159083013"));
        assert!(luhn("4710497465075291703"));
        assert_eq!(card_brand("4526018159083012"), "Visa");
        assert_eq!(card_brand("5396030824628190"), "MasterCard");
        assert_eq!(card_brand("2291482199351812"), "MasterCard");
        assert_eq!(card_brand("349093786579750"), "American Express");
        assert_eq!(card_brand("6011432319487574"), "Discover");
        assert_eq!(card_brand("3571491186252767"), "JCB");
        assert_eq!(card_brand("9018955597971148"), "Unknown");
        for number in [
            "5396030824628190",
            "349093786579750",
            "6011432319487574",
            "9018955597971148",
        ] {
            assert!(luhn(number), "{number}");
        }
    }
}
