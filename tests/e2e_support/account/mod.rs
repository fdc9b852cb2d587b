//! The Account scenarios, one per request module of `linode_requests::account` (at the same
//! relative path: `account/payments.rs` here exercises `src/account/payments.rs` there).

use std::time::{SystemTime, UNIX_EPOCH};

use linode::models::account::CreditCardCreate;
use linode::models::MoneyString;
use rust_decimal::Decimal;

/// Card numbers made up for these tests (they pass the Luhn check).
pub const VISA: &str = "4517630288145792";
/// Another made-up card number.
pub const MASTERCARD: &str = "5228410933662013";

/// An exact amount from its text.
pub fn usd(text: &str) -> Decimal {
    text.parse::<MoneyString>().unwrap().amount()
}

/// A card that expires in about three years, whenever the tests run.
pub fn card(number: &str, cvv: &str) -> CreditCardCreate {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    // 31 556 952 s: the mean Gregorian year; a day off around New Year does not matter here.
    let year = 1970 + seconds / 31_556_952 + 3;
    CreditCardCreate::new(number, cvv, 9, u16::try_from(year).unwrap())
}

super::scenarios! {
    account:
    details,
    settings,
    events,
    notifications,
    maintenance,
    invoices,
    payments,
    payment_methods,
    promotions,
    logins,
    users,
    oauth_clients,
    entity_transfers,
    service_transfers,
    agreements,
    availability,
    betas,
    child_accounts,
}
