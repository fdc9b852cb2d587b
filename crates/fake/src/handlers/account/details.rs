//! `/account`, `/account/cancel`, `/account/transfer`. The account's state (with its
//! settings, notifications and maintenance, which their own modules serve) lives here.

use linode_models::account::{
    Account, AccountCancellation, AccountCreditCard, AccountSettings, BillingSource,
    InterfacesForNewLinodes, Maintenance, MaintenanceDescription, MaintenanceEntity,
    MaintenancePolicy, MaintenanceSource, MaintenanceStatus, MaintenanceType, NetworkTransfer,
    Notification, NotificationEntity, NotificationEntityType, NotificationSeverity,
    NotificationType, ObjectStorageStatus, RegionTransfer,
};
use linode_models::{FieldError, Money, Timestamp};
use linode_requests::account::{CancelAccount, GetAccount, GetNetworkTransfer, UpdateAccount};

use crate::handler::{check_length, collected, handlers, Ctx};
use crate::reply::Failure;
use crate::state::account::details::AccountState;
use crate::state::Store;

impl Default for AccountState {
    fn default() -> Self {
        Self {
            account: Account {
                extra: Default::default(),
                active_promotions: Vec::new(),
                active_since: crate::state::now(),
                address_1: String::new(),
                address_2: String::new(),
                balance: Money::default(),
                balance_uninvoiced: Money::default(),
                billing_source: BillingSource::from_api("linode"),
                capabilities: vec!["Linodes".to_owned()],
                city: String::new(),
                company: String::new(),
                country: "US".to_owned(),
                credit_card: Some(AccountCreditCard {
                    extra: Default::default(),
                    expiry: None,
                    last_four: None,
                }),
                email: "owner@fake-linode.invalid".to_owned(),
                euuid: "00000000-0000-0000-0000000000000000".to_owned(),
                first_name: String::new(),
                last_name: String::new(),
                phone: String::new(),
                state: String::new(),
                tax_id: String::new(),
                zip: String::new(),
            },
            settings: AccountSettings {
                extra: Default::default(),
                backups_enabled: false,
                longview_subscription: None,
                managed: false,
                network_helper: true,
                object_storage: ObjectStorageStatus::from_api("disabled"),
                maintenance_policy: Some(MaintenancePolicy::Migrate),
                interfaces_for_new_linodes: Some(
                    InterfacesForNewLinodes::LegacyConfigDefaultButLinodeAllowed,
                ),
            },
            canceled: false,
            notifications: Vec::new(),
            maintenance: Vec::new(),
        }
    }
}

impl AccountState {
    /// The account itself, for the areas that change it (billing: balance, card on file,
    /// promotions).
    pub(crate) fn details_mut(&mut self) -> &mut Account {
        &mut self.account
    }
}

handlers! {
    GetAccount => get_account,
    UpdateAccount => put_account,
    CancelAccount => cancel,
    GetNetworkTransfer => transfer,
}

fn get_account(store: &mut Store, _ctx: &Ctx<'_>, _op: GetAccount) -> Result<Account, Failure> {
    Ok(store.account.account.clone())
}

fn put_account(store: &mut Store, _ctx: &Ctx<'_>, op: UpdateAccount) -> Result<Account, Failure> {
    let body = op.body;
    let mut errors = Vec::new();
    let short = [
        ("address_1", &body.address_1, 64),
        ("address_2", &body.address_2, 64),
        ("city", &body.city, 24),
        ("company", &body.company, 128),
        ("first_name", &body.first_name, 50),
        ("last_name", &body.last_name, 50),
        ("phone", &body.phone, 32),
        ("state", &body.state, 24),
        ("tax_id", &body.tax_id, 25),
        ("zip", &body.zip, 16),
    ];
    for (field, value, max) in short {
        if let Some(value) = value {
            check_length(&mut errors, field, value, 0, max);
        }
    }
    if let Some(country) = &body.country {
        if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
            errors.push(FieldError {
                field: Some("country".to_owned()),
                reason: "Must be a two-letter country code".to_owned(),
            });
        }
    }
    if let Some(email) = &body.email {
        if !email.contains('@') {
            errors.push(FieldError {
                field: Some("email".to_owned()),
                reason: "Must be a valid email address".to_owned(),
            });
        }
    }
    collected(errors)?;
    let a = &mut store.account.account;
    let updates = [
        (body.address_1, &mut a.address_1),
        (body.address_2, &mut a.address_2),
        (body.city, &mut a.city),
        (body.company, &mut a.company),
        (body.country, &mut a.country),
        (body.email, &mut a.email),
        (body.first_name, &mut a.first_name),
        (body.last_name, &mut a.last_name),
        (body.phone, &mut a.phone),
        (body.state, &mut a.state),
        (body.tax_id, &mut a.tax_id),
        (body.zip, &mut a.zip),
    ];
    for (value, slot) in updates {
        if let Some(value) = value {
            *slot = value;
        }
    }
    Ok(a.clone())
}

fn cancel(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: CancelAccount,
) -> Result<AccountCancellation, Failure> {
    let body = op.body;
    if body.comments.as_ref().is_some_and(|c| c.len() > 500) {
        return Err(Failure::field(
            "comments",
            "Length must be 0-500 characters",
        ));
    }
    if store.account.canceled {
        return Err(Failure::new(
            http::StatusCode::CONFLICT,
            "The account is already canceled",
        ));
    }
    if store.account.account.balance.amount().is_sign_positive()
        && !store.account.account.balance.amount().is_zero()
    {
        return Err(Failure::new(
            http::StatusCode::CONFLICT,
            "Pay the outstanding balance before canceling the account",
        ));
    }
    store.account.canceled = true;
    Ok(AccountCancellation {
        extra: Default::default(),
        survey_link: "https://survey.fake-linode.invalid/cancel".to_owned(),
    })
}

fn transfer(
    _store: &mut Store,
    _ctx: &Ctx<'_>,
    _op: GetNetworkTransfer,
) -> Result<NetworkTransfer, Failure> {
    let regions = [("pt-lis", 1180_u64, 4000_u64), ("eu-central", 2310, 5000)];
    let region_transfers: Vec<RegionTransfer> = regions
        .iter()
        .map(|(id, used, quota)| RegionTransfer {
            extra: Default::default(),
            billable: used.saturating_sub(*quota),
            id: (*id).to_owned(),
            quota: *quota,
            used: *used,
        })
        .collect();
    let used = region_transfers.iter().map(|r| r.used).sum();
    let quota = region_transfers.iter().map(|r| r.quota).sum();
    Ok(NetworkTransfer {
        extra: Default::default(),
        billable: 0,
        quota,
        region_transfers,
        used,
    })
}

/// A small design studio's account in Lisbon.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    let a = &mut store.account.account;
    a.active_since = at(-730);
    a.address_1 = "Rua das Flores 82".to_owned();
    a.address_2 = "3º esq.".to_owned();
    a.city = "Lisbon".to_owned();
    a.company = "Tallowbrook Studio".to_owned();
    a.country = "PT".to_owned();
    a.email = "billing@tallowbrook.example".to_owned();
    a.euuid = "3F9B2C71-A8D4-4E10-9C5B7E21D06A4F88".to_owned();
    a.first_name = "Mira".to_owned();
    a.last_name = "Okafor".to_owned();
    a.phone = "+351 210 555 0142".to_owned();
    a.state = "11".to_owned();
    a.zip = "1200-195".to_owned();
    a.tax_id = "PT509117742".to_owned();
    a.balance = Money::default();
    a.balance_uninvoiced = "18.75".parse().map(Money::new).unwrap_or_default();
    a.capabilities = [
        "Linodes",
        "NodeBalancers",
        "Block Storage",
        "Object Storage",
        "Managed Databases",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    a.credit_card = Some(AccountCreditCard {
        extra: Default::default(),
        expiry: Some("11/2027".to_owned()),
        last_four: Some("4417".into()),
    });
    store.account.settings.backups_enabled = true;
    store.account.settings.object_storage = ObjectStorageStatus::from_api("active");
    store.account.notifications = vec![Notification {
        extra: Default::default(),
        body: Some("web-lis-2 will be migrated to new hardware; no action is needed.".to_owned()),
        entity: Some(NotificationEntity {
            extra: Default::default(),
            id: Some(31002),
            label: Some("web-lis-2".to_owned()),
            kind: NotificationEntityType::from_api("linode"),
            url: Some("/v4/linode/instances/31002".to_owned()),
        }),
        label: "Scheduled migration".to_owned(),
        message: "web-lis-2 has a scheduled migration".to_owned(),
        severity: NotificationSeverity::from_api("minor"),
        kind: NotificationType::from_api("migration_scheduled"),
        until: None,
        when: Some(at(6)),
    }];
    let planned = [
        (31002, "web-lis-2", "cold_migration", "pending", 6),
        (31007, "worker-fra-1", "reboot", "completed", -25),
    ];
    store.account.maintenance = planned
        .iter()
        .map(|(id, label, kind, status, days)| Maintenance {
            extra: Default::default(),
            entity: MaintenanceEntity {
                extra: Default::default(),
                id: *id,
                label: (*label).to_owned(),
                kind: "linode".to_owned(),
                url: format!("/v4/linode/instances/{id}"),
            },
            reason: "Host hardware is being replaced.".to_owned(),
            status: MaintenanceStatus::from_api(status),
            kind: MaintenanceType::from_api(kind),
            when: Some(at(*days)),
            maintenance_policy_set: None,
            description: None,
            source: None,
            not_before: None,
            start_time: None,
            complete_time: None,
        })
        .collect();
    // A record in the newer form: no `when`, a window and a policy instead.
    store.account.maintenance.push(Maintenance {
        extra: Default::default(),
        entity: MaintenanceEntity {
            extra: Default::default(),
            id: 31001,
            label: "web-lis-1".to_owned(),
            kind: "linode".to_owned(),
            url: "/v4/linode/instances/31001".to_owned(),
        },
        reason: "The host needs a QEMU upgrade.".to_owned(),
        status: MaintenanceStatus::Scheduled,
        kind: MaintenanceType::LinodeMigrate,
        when: None,
        maintenance_policy_set: Some(MaintenancePolicy::Migrate),
        description: Some(MaintenanceDescription::Scheduled),
        source: Some(MaintenanceSource::Platform),
        not_before: Some(at(3)),
        start_time: None,
        complete_time: None,
    });
}
