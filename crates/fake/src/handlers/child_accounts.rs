//! `/account/child-accounts`: the accounts this parent account manages, and proxy tokens
//! for working in them.

use std::collections::BTreeMap;

use linode_models::account::{
    AccountCreditCard, ChildAccount, ChildAccountBillingSource, ProxyUserToken,
};
use linode_models::{Money, Secret, Timestamp};

use super::{Ctx, Handler};
use crate::reply::{ok, Failure, Reply};
use crate::state::Store;

/// The child accounts, by euuid.
#[derive(Debug, Default)]
pub(crate) struct ChildAccounts {
    accounts: BTreeMap<String, ChildAccount>,
}

pub(crate) const HANDLERS: &[(&str, Handler)] = &[
    ("get-child-accounts", list),
    ("get-child-account", get),
    ("post-child-account-token", create_token),
];

/// The fields `ListChildAccounts` may filter on.
const FILTERABLE: &[&str] = &[
    "address_1",
    "address_2",
    "city",
    "company",
    "country",
    "email",
    "first_name",
    "last_name",
    "phone",
    "state",
    "zip",
];

impl ChildAccounts {
    /// The child account with this euuid.
    pub(crate) fn account(&self, euuid: &str) -> Option<&ChildAccount> {
        self.accounts.get(euuid)
    }
}

fn list(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    ctx.list(store.child_accounts.accounts.values(), FILTERABLE)
}

fn get(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let euuid = ctx.param(0)?;
    match store.child_accounts.accounts.get(euuid) {
        Some(account) => ok(account),
        None => Err(Failure::not_found()),
    }
}

fn create_token(store: &mut Store, ctx: &Ctx<'_>) -> Reply {
    let euuid = ctx.param(0)?;
    let Some(account) = store.child_accounts.accounts.get(euuid) else {
        return Err(Failure::not_found());
    };
    let label = format!("{}_proxy", account.company.to_lowercase().replace(' ', "_"));
    let token = ProxyUserToken {
        extra: Default::default(),
        id: store.next_id(),
        label,
        scopes: linode_models::Scopes::all(),
        token: Secret::new(store.new_secret(64)),
        created: ctx.now,
        expiry: Timestamp::from_unix_seconds(
            ctx.now.to_utc().unix_timestamp() + store.acting.proxy_lifetime_secs,
        )
        .unwrap_or(ctx.now),
    };
    crate::acting::register_proxy(store, token.token.expose(), euuid, token.expiry);
    ok(&token)
}

/// Two customer accounts this parent manages.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    let accounts = [
        (
            "7C2A91D0-5E3B-4F1A-8E6C20B9D4F17A33",
            "Harbor Lane Bakery",
            ("Tomás", "Reyes", "ops@harborlane.example"),
            ("14 Quay Street", "Lisbon", "11", "1100-148", "PT"),
            "12.40",
            -500,
        ),
        (
            "A04F63B2-19CD-4E77-B5A1D3E8F0C26B91",
            "Northwind Choir",
            ("Ingrid", "Halvorsen", "it@northwindchoir.example"),
            ("3 Fjordveien", "Bergen", "46", "5003", "NO"),
            "0",
            -140,
        ),
    ];
    for (
        euuid,
        company,
        (first, last, email),
        (street, city, state, zip, country),
        balance,
        since,
    ) in accounts
    {
        let account = ChildAccount {
            extra: Default::default(),
            euuid: euuid.to_owned(),
            company: company.to_owned(),
            email: email.to_owned(),
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            phone: "+351 210 555 0199".to_owned(),
            address_1: street.to_owned(),
            address_2: String::new(),
            city: city.to_owned(),
            state: state.to_owned(),
            zip: zip.to_owned(),
            country: country.to_owned(),
            tax_id: String::new(),
            balance: balance.parse().map(Money::new).unwrap_or_default(),
            balance_uninvoiced: Money::default(),
            billing_source: ChildAccountBillingSource::External,
            capabilities: vec![
                "Linodes".to_owned(),
                "NodeBalancers".to_owned(),
                "Block Storage".to_owned(),
            ],
            // A child account without a card says so with nulls, as the live API does.
            credit_card: Some(AccountCreditCard {
                extra: Default::default(),
                last_four: (balance != "0").then(|| "4417".to_owned()),
                expiry: (balance != "0").then(|| "09/2027".to_owned()),
            }),
            active_since: at(since),
        };
        store
            .child_accounts
            .accounts
            .insert(account.euuid.clone(), account);
    }
}
