//! `/account/child-accounts`: the accounts this parent account manages, and proxy tokens
//! for working in them.

use linode_models::account::{
    AccountCreditCard, ChildAccount, ChildAccountBillingSource, ProxyUserToken,
};
use linode_models::{Money, Page, Secret, Timestamp};
use linode_requests::account::{CreateProxyToken, GetChildAccount, ListChildAccounts};

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::account::child_accounts::ChildAccounts;
use crate::state::Store;

handlers! {
    ListChildAccounts => list,
    GetChildAccount => get,
    CreateProxyToken => create_token,
}

impl ChildAccounts {
    /// The child account with this euuid.
    pub(crate) fn account(&self, euuid: &str) -> Option<&ChildAccount> {
        self.accounts.get(euuid)
    }
}

fn list(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListChildAccounts,
) -> Result<Page<ChildAccount>, Failure> {
    ctx.list_filtered(
        store.child_accounts.accounts.values(),
        op.pagination,
        op.filter.as_ref(),
    )
}

fn get(store: &mut Store, _ctx: &Ctx<'_>, op: GetChildAccount) -> Result<ChildAccount, Failure> {
    match store.child_accounts.accounts.get(&op.euuid) {
        Some(account) => Ok(account.clone()),
        None => Err(Failure::not_found()),
    }
}

fn create_token(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: CreateProxyToken,
) -> Result<ProxyUserToken, Failure> {
    let Some(account) = store.child_accounts.accounts.get(&op.euuid) else {
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
    crate::acting::register_proxy(store, token.token.expose(), &op.euuid, token.expiry);
    Ok(token)
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
                last_four: (balance != "0").then(|| "4417".into()),
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
