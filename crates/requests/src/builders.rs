//! The builder path of every operation: `new(required...)` and chainable setters for the
//! optional members, generated here from one table per kind so that all 96 operations read
//! the same way.
//!
//! ```
//! use linode_requests::account::{CreateUser, ListUsers, UpdateUserGrants, UserField};
//! use linode_requests::models::account::GrantPermission;
//! use linode_requests::{Filter, Order};
//!
//! let create = CreateUser::new("obarros", "obarros@example.com").restricted(true);
//! let grants = UpdateUserGrants::new("obarros")
//!     .account_access(GrantPermission::ReadOnly)
//!     .linode(61207334, GrantPermission::ReadWrite);
//! let list = ListUsers::new()
//!     .filtered(Filter::contains(UserField::Username, "bar").order_by(UserField::Username, Order::Asc))
//!     .page_size(100);
//! # let _ = (create, grants, list);
//! ```
//!
//! The setters only fill the public fields, so a struct literal builds the same value; the
//! builders are a shorter path, never the only one. A setter takes `impl Into<T>` of the
//! member's type (so `&str` for a `String`), except for integers, which take the integer
//! itself (an untyped literal could not pick an `Into<u64>` impl). An optional member
//! (`Option<T>`) is set to `Some(value)`; a tri-state member ([`Update<T>`]) takes
//! `impl Into<Update<T>>`, so a value sets it and `None` (or [`Update::Null`]) clears it.

// The deprecated operations get the same builders: a user is warned where they name the type.
#![allow(deprecated)]

use core::time::Duration;

use linode_models::account::{
    EntityGrantUpdate, GlobalGrantsUpdate, GrantPermission, InterfacesForNewLinodes,
    MaintenancePolicy,
};
use linode_models::profile::LishAuthMethod;
use linode_models::{MoneyString, Secret, Timestamp, Update};

use crate::account::*;
use crate::filter::Filter;
use crate::profile::*;

/// The parameter type of a generated method: integers as themselves (a literal such as `42`
/// has no type an `impl Into<u64>` could infer), anything else as `impl Into<T>`.
macro_rules! param {
    (u64) => { u64 };
    (u16) => { u16 };
    (u8) => { u8 };
    ($($ty:tt)+) => { impl Into<$($ty)+> };
}

/// `new(required...)` for operations whose every member is required (path parameters or a
/// body of required members); any other member starts at its `Default` (an empty update
/// body).
///
/// ```text
/// constructors! {
///     /// doc
///     UpdateSshKey { ssh_key_id: u64 } else default;
///     AddCreditCard { body.card_number: Secret, ... };
/// }
/// ```
macro_rules! constructors {
    ($(
        $(#[$doc:meta])*
        $op:ident { $($field:ident: ($($ty:tt)+)),+ $(,)? } $(+ $rest:ident)?;
    )*) => {$(
        impl $op {
            $(#[$doc])*
            #[allow(clippy::useless_conversion)] // integers are passed as themselves
            pub fn new($($field: param!($($ty)+)),+) -> Self {
                Self { $($field: $field.into(),)+ $($rest: Default::default(),)? }
            }
        }
    )*};
}

/// Chainable setters for optional members: `name(value)` stores `$wrap(value.into())` at the
/// place after `self` (`Some` for an `Option`, `core::convert::identity` for an `Update`
/// that takes `impl Into<Update<T>>`).
///
/// ```text
/// setters! {
///     CreateUser {
///         /// doc
///         restricted(bool) => Some[.body.restricted];
///     }
/// }
/// ```
macro_rules! setters {
    ($(
        $op:ident {$(
            $(#[$doc:meta])*
            $name:ident($($ty:tt)+) => $wrap:path [$($place:tt)+];
        )*}
    )*) => {$(
        impl $op {$(
            $(#[$doc])*
            #[must_use]
            #[allow(clippy::useless_conversion)] // integers are passed as themselves
            pub fn $name(mut self, value: param!($($ty)+)) -> Self {
                self $($place)+ = $wrap(value.into());
                self
            }
        )*}
    )*};
}

/// `page(..)` and `page_size(..)` on every paginated list, `filtered(..)` on those with a
/// filter, and `new()` on those with no required member. Also lists the operations' names
/// (`LISTS`) for the test that compares them with the registry.
macro_rules! list_builders {
    (
        filtered { $($filtered:ident: $field:ident),+ $(,)? }
        unfiltered { $($plain:ident),+ $(,)? }
        no_required { $($defaulted:ident),+ $(,)? }
    ) => {
        $(
            impl $filtered {
                /// Selects and orders the items with `filter` (sent as `X-Filter`), replacing
                /// any filter set before.
                #[must_use]
                pub fn filtered(mut self, filter: Filter<$field>) -> Self {
                    self.filter = Some(filter);
                    self
                }
            }
        )+
        $(
            impl $defaulted {
                /// The list with the API's defaults: first page, 100 items, no filter.
                pub fn new() -> Self {
                    Self::default()
                }
            }
        )+
        list_builders!(@pages $($filtered,)+ $($plain,)+);

        /// The name of every list operation given `page`/`page_size`, for the test that
        /// compares them with the registry's paginated operations.
        #[cfg(test)]
        pub(crate) const LISTS: &[&str] = &[
            $(<$filtered as crate::Operation>::META.name,)+
            $(<$plain as crate::Operation>::META.name,)+
        ];
    };
    (@pages $($op:ident,)+) => {$(
        impl $op {
            /// Asks for this page (1-based; checked when the request is built).
            #[must_use]
            pub fn page(mut self, page: u32) -> Self {
                self.pagination = self.pagination.page(page);
                self
            }

            /// Asks for pages of this many items (25..=500; checked when the request is
            /// built). The page walks keep it for every page.
            #[must_use]
            pub fn page_size(mut self, page_size: u32) -> Self {
                self.pagination = self.pagination.page_size(page_size);
                self
            }
        }
    )+};
}

/// Per-entity-type grant lists of [`UpdateUserGrants`]: `linode(id, permission)` adds one
/// entry to the `linode` list; a permission of `None` revokes the user's access.
macro_rules! grant_lists {
    ($($list:ident => $what:literal),+ $(,)?) => {
        impl UpdateUserGrants {$(
            #[doc = concat!(
                "Grants `permissions` on the ", $what, " `id` (`None` revokes access), ",
                "adding an entry to the body's `", stringify!($list), "` list; ",
                "the account's other ", $what, "s keep their access."
            )]
            #[must_use]
            pub fn $list(mut self, id: u64, permissions: impl Into<Option<GrantPermission>>) -> Self {
                self.body.$list.get_or_insert_with(Vec::new).push(EntityGrantUpdate {
                    id,
                    permissions: permissions.into(),
                });
                self
            }
        )+}
    };
}

list_builders! {
    filtered {
        ListEnrolledBetaPrograms: BetaProgramField,
        ListChildAccounts: ChildAccountField,
        ListEntityTransfers: TransferField,
        ListEvents: EventField,
        ListInvoices: InvoiceField,
        ListMaintenance: MaintenanceField,
        ListOAuthClients: OAuthClientField,
        ListServiceTransfers: TransferField,
        ListUsers: UserField,
        ListAuthorizedApps: AuthorizedAppField,
        ListSshKeys: SshKeyField,
        ListPersonalAccessTokens: PersonalAccessTokenField,
    }
    unfiltered {
        ListAvailability,
        ListInvoiceItems,
        ListAccountLogins,
        ListNotifications,
        ListPaymentMethods,
        ListPayments,
        ListTrustedDevices,
        ListProfileLogins,
    }
    no_required {
        ListEnrolledBetaPrograms,
        ListChildAccounts,
        ListEntityTransfers,
        ListEvents,
        ListInvoices,
        ListMaintenance,
        ListOAuthClients,
        ListServiceTransfers,
        ListUsers,
        ListAuthorizedApps,
        ListSshKeys,
        ListPersonalAccessTokens,
        ListAvailability,
        ListAccountLogins,
        ListNotifications,
        ListPaymentMethods,
        ListTrustedDevices,
        ListProfileLogins,
        ListPayments,
    }
}

constructors! {
    /// Views the event `event_id`.
    GetEvent { event_id: (u64) };
    /// Marks the event `event_id` (and the events before it) as read.
    MarkEventRead { event_id: (u64) };
    /// Marks the event `event_id` (and the events before it) as seen.
    MarkEventSeen { event_id: (u64) };
    /// Views the invoice `invoice_id`.
    GetInvoice { invoice_id: (u64) };
    /// Views the login `login_id` on the account.
    GetAccountLogin { login_id: (u64) };
    /// Changes the OAuth client `client_id`; chain the members to change.
    UpdateOAuthClient { client_id: (String) } + body;
    /// Views the payment method `payment_method_id`.
    GetPaymentMethod { payment_method_id: (u64) };
    /// Deletes the payment method `payment_method_id`.
    DeletePaymentMethod { payment_method_id: (u64) };
    /// Makes the payment method `payment_method_id` the default.
    SetDefaultPaymentMethod { payment_method_id: (u64) };
    /// Views the payment `payment_id`.
    GetPayment { payment_id: (u64) };
    /// Changes the user `username`; chain the members to change.
    UpdateUser { username: (String) } + body;
    /// Changes the grants of the user `username`; chain the grants to change.
    UpdateUserGrants { username: (String) } + body;
    /// Views the authorized app `app_id`.
    GetAuthorizedApp { app_id: (u64) };
    /// Revokes the authorized app `app_id`.
    RevokeAuthorizedApp { app_id: (u64) };
    /// Views the trusted device `device_id`.
    GetTrustedDevice { device_id: (u64) };
    /// Revokes the trusted device `device_id`.
    RevokeTrustedDevice { device_id: (u64) };
    /// Views your login `login_id`.
    GetProfileLogin { login_id: (u64) };
    /// Views the SSH key `ssh_key_id`.
    GetSshKey { ssh_key_id: (u64) };
    /// Changes the SSH key `ssh_key_id`; chain the members to change.
    UpdateSshKey { ssh_key_id: (u64) } + body;
    /// Deletes the SSH key `ssh_key_id`.
    DeleteSshKey { ssh_key_id: (u64) };
    /// Views the personal access token `token_id`.
    GetPersonalAccessToken { token_id: (u64) };
    /// Changes the personal access token `token_id`; chain the members to change.
    UpdatePersonalAccessToken { token_id: (u64) } + body;
    /// Revokes the personal access token `token_id`.
    RevokePersonalAccessToken { token_id: (u64) };
}

impl AddCreditCard {
    /// Adds the card `card_number` (with its `cvv`, expiring `expiry_month`/`expiry_year`)
    /// as the account's default payment method.
    pub fn new(
        card_number: impl Into<Secret>,
        cvv: impl Into<Secret>,
        expiry_month: u8,
        expiry_year: u16,
    ) -> Self {
        Self {
            body: linode_models::account::CreditCardCreate::new(
                card_number,
                cvv,
                expiry_month,
                expiry_year,
            ),
        }
    }
}

impl StagePayPalPayment {
    /// Stages a PayPal payment of `usd`: PayPal sends the payer to `redirect_url` once they
    /// approve, or to `cancel_url` if they do not.
    pub fn new(
        cancel_url: impl Into<String>,
        redirect_url: impl Into<String>,
        usd: MoneyString,
    ) -> Self {
        Self {
            body: linode_models::account::PayPalPaymentCreate {
                cancel_url: cancel_url.into(),
                redirect_url: redirect_url.into(),
                usd,
            },
        }
    }
}

impl ExecutePayPalPayment {
    /// Executes the staged PayPal payment `payment_id` that the payer `payer_id` approved.
    pub fn new(payer_id: impl Into<String>, payment_id: impl Into<String>) -> Self {
        Self {
            body: linode_models::account::PayPalPaymentExecute {
                payer_id: payer_id.into(),
                payment_id: payment_id.into(),
            },
        }
    }
}

impl UpdateUserGrants {
    /// The global grants part of the body, created empty on first use.
    fn global_mut(&mut self) -> &mut GlobalGrantsUpdate {
        self.body.global.get_or_insert_with(Default::default)
    }
}

impl CreatePersonalAccessToken {
    /// Makes the token expire `lifetime` from now (by this machine's clock, in whole
    /// seconds). A lifetime past what a timestamp can hold is cut to the latest one.
    #[must_use]
    pub fn expires_in(mut self, lifetime: Duration) -> Self {
        // `+` saturates at `Timestamp::MAX`, whose nanoseconds the API's form has no room
        // for: the latest whole second instead.
        let at = (Timestamp::now() + lifetime).as_primitive();
        self.body.expiry = Some(Timestamp::from_utc(at.replace_nanosecond(0).unwrap_or(at)));
        self
    }
}

grant_lists! {
    database => "database",
    domain => "domain",
    firewall => "firewall",
    image => "image",
    linode => "Linode",
    longview => "Longview client",
    nodebalancer => "NodeBalancer",
    placement_group => "placement group",
    stackscript => "StackScript",
    volume => "volume",
    vpc => "VPC",
}

setters! {
    CreateUser {
        /// Whether the user is restricted (access only through its grants); the API's
        /// default applies when not set.
        restricted(bool) => Some[.body.restricted];
    }
    UpdateUser {
        /// A new username.
        username(String) => Some[.body.username];
        /// A new email address.
        email(String) => Some[.body.email];
        /// Makes the user restricted (`true`: it then has no grants until you set some) or
        /// unrestricted.
        restricted(bool) => Some[.body.restricted];
    }
    UpdateUserGrants {
        /// The user's access to the account itself (billing, users, settings); `None`
        /// removes it.
        account_access(Update<GrantPermission>) => core::convert::identity[.global_mut().account_access];
        /// Whether the user may create databases.
        add_databases(bool) => Some[.global_mut().add_databases];
        /// Whether the user may add domains.
        add_domains(bool) => Some[.global_mut().add_domains];
        /// Whether the user may create firewalls.
        add_firewalls(bool) => Some[.global_mut().add_firewalls];
        /// Whether the user may create images.
        add_images(bool) => Some[.global_mut().add_images];
        /// Whether the user may create Linodes.
        add_linodes(bool) => Some[.global_mut().add_linodes];
        /// Whether the user may create Longview clients.
        add_longview(bool) => Some[.global_mut().add_longview];
        /// Whether the user may create NodeBalancers.
        add_nodebalancers(bool) => Some[.global_mut().add_nodebalancers];
        /// Whether the user may create placement groups.
        add_placement_groups(bool) => Some[.global_mut().add_placement_groups];
        /// Whether the user may create StackScripts.
        add_stackscripts(bool) => Some[.global_mut().add_stackscripts];
        /// Whether the user may create volumes.
        add_volumes(bool) => Some[.global_mut().add_volumes];
        /// Whether the user may create VPCs.
        add_vpcs(bool) => Some[.global_mut().add_vpcs];
        /// Whether the user may cancel the whole account.
        cancel_account(bool) => Some[.global_mut().cancel_account];
        /// Whether the user may act in child accounts (parent accounts only); `None` clears
        /// it.
        child_account_access(Update<bool>) => core::convert::identity[.global_mut().child_account_access];
        /// Whether the user may manage the Longview subscription.
        longview_subscription(bool) => Some[.global_mut().longview_subscription];
    }
    UpdateSshKey {
        /// A new label.
        label(String) => Some[.body.label];
    }
    CreatePersonalAccessToken {
        /// When the token expires (the API's default is never).
        expires_at(Timestamp) => Some[.body.expiry];
    }
    UpdatePersonalAccessToken {
        /// A new label.
        label(String) => Some[.body.label];
    }
    CreateOAuthClient {
        /// Whether the client is public (it cannot keep a secret, such as an app in a
        /// browser).
        public(bool) => Some[.body.public];
    }
    UpdateOAuthClient {
        /// A new label.
        label(String) => Some[.body.label];
        /// A new redirect URI.
        redirect_uri(String) => Some[.body.redirect_uri];
        /// Whether the client is public.
        public(bool) => Some[.body.public];
    }
    CreatePayment {
        /// The payment method to charge (the default one when not set).
        payment_method_id(u64) => Some[.body.payment_method_id];
    }
    UpdateAccount {
        /// The first line of the billing address.
        address_1(String) => Some[.body.address_1];
        /// The second line of the billing address.
        address_2(String) => Some[.body.address_2];
        /// The billing city.
        city(String) => Some[.body.city];
        /// The company name.
        company(String) => Some[.body.company];
        /// The billing country (two-letter ISO code).
        country(String) => Some[.body.country];
        /// The account's email address.
        email(String) => Some[.body.email];
        /// The first name of the account holder.
        first_name(String) => Some[.body.first_name];
        /// The last name of the account holder.
        last_name(String) => Some[.body.last_name];
        /// The phone number.
        phone(String) => Some[.body.phone];
        /// The billing state or province.
        state(String) => Some[.body.state];
        /// The tax identification number.
        tax_id(String) => Some[.body.tax_id];
        /// The billing postal code.
        zip(String) => Some[.body.zip];
    }
    CancelAccount {
        /// Why the account is being cancelled (read by Linode).
        comments(String) => Some[.body.comments];
    }
    AcknowledgeAgreements {
        /// Acknowledges the EU Model Contract.
        eu_model(bool) => Some[.body.eu_model];
        /// Acknowledges the Master Service Agreement.
        master_service_agreement(bool) => Some[.body.master_service_agreement];
        /// Acknowledges the Privacy Policy.
        privacy_policy(bool) => Some[.body.privacy_policy];
    }
    UpdateAccountSettings {
        /// Whether new Linodes get backups.
        backups_enabled(bool) => Some[.body.backups_enabled];
        /// Whether the Network Helper is on for new Linodes.
        network_helper(bool) => Some[.body.network_helper];
        /// What happens to Linodes during host maintenance; `None` clears it.
        maintenance_policy(Update<MaintenancePolicy>) => core::convert::identity[.body.maintenance_policy];
        /// Which network interfaces new Linodes get; `None` clears it.
        interfaces_for_new_linodes(Update<InterfacesForNewLinodes>) => core::convert::identity[.body.interfaces_for_new_linodes];
    }
    UpdateProfile {
        /// The SSH keys Lish accepts (replacing them all); `None` clears them.
        authorized_keys(Update<Vec<String>>) => core::convert::identity[.body.authorized_keys];
        /// A new email address.
        email(String) => Some[.body.email];
        /// Whether you get email notifications.
        email_notifications(bool) => Some[.body.email_notifications];
        /// Whether logins are limited to the allowed IP addresses.
        ip_whitelist_enabled(bool) => Some[.body.ip_whitelist_enabled];
        /// How Lish authenticates you.
        lish_auth_method(LishAuthMethod) => Some[.body.lish_auth_method];
        /// Whether your profile is restricted.
        restricted(bool) => Some[.body.restricted];
        /// Your timezone (an IANA name such as `Europe/Lisbon`).
        timezone(String) => Some[.body.timezone];
        /// Whether two-factor authentication is on.
        two_factor_auth(bool) => Some[.body.two_factor_auth];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::FilterField;
    use crate::testing::*;
    use crate::Operation;
    use linode_models::account::{GlobalGrantsUpdate, GrantsUpdate, UserUpdate};
    use linode_models::profile::SshKeyUpdate;
    use linode_models::Scopes;

    /// Builds `op` (a list asked for page 2 of 50) and checks its path, query and filter.
    fn check_list<O: Operation>(op: &O, x_filter: Option<String>, checked: &mut Vec<&str>) {
        let req = build(op);
        let name = O::META.name;
        assert_eq!(req.method().as_str(), "GET", "{name}");
        assert_eq!(req.uri().query(), Some("page=2&page_size=50"), "{name}");
        let fixed_part = O::META.path.split('{').next().unwrap_or_default();
        assert!(
            req.uri().path().starts_with(&format!("/v4{fixed_part}")),
            "{name}: {}",
            req.uri()
        );
        assert_eq!(header(&req, "x-filter"), x_filter.as_deref(), "{name}");
        checked.push(name);
    }

    /// A filter on the list's first filter field, and the `X-Filter` it must send.
    fn first_field_filter<F: FilterField>() -> (Filter<F>, String) {
        let Some(field) = F::ALL.first().copied() else {
            panic!("a filter field enum with no field")
        };
        (Filter::eq(field, 7), format!(r#"{{"{}":7}}"#, field.name()))
    }

    macro_rules! check_lists {
        (
            $checked:ident;
            filtered { $($filtered:ident: $field:ident),+ $(,)? }
            unfiltered { $($plain:expr),+ $(,)? }
        ) => {
            $({
                let (filter, header) = first_field_filter::<$field>();
                let op = $filtered::new().filtered(filter).page(2).page_size(50);
                check_list(&op, Some(header), &mut $checked);
                // The setters chain in any order, and build what a struct literal builds.
                let (filter, _) = first_field_filter::<$field>();
                assert_eq!(
                    $filtered::new().page_size(50).page(2).filtered(filter.clone()),
                    op,
                );
                assert_eq!(
                    $filtered {
                        pagination: crate::Pagination::new().page(2).page_size(50),
                        filter: Some(filter),
                    },
                    op,
                );
            })+
            $(check_list(&$plain.page(2).page_size(50), None, &mut $checked);)+
        };
    }

    #[test]
    fn every_list_pages_and_every_filterable_list_filters() {
        let mut checked = Vec::new();
        check_lists! {
            checked;
            filtered {
                ListEnrolledBetaPrograms: BetaProgramField,
                ListChildAccounts: ChildAccountField,
                ListEntityTransfers: TransferField,
                ListEvents: EventField,
                ListInvoices: InvoiceField,
                ListMaintenance: MaintenanceField,
                ListOAuthClients: OAuthClientField,
                ListServiceTransfers: TransferField,
                ListUsers: UserField,
                ListAuthorizedApps: AuthorizedAppField,
                ListSshKeys: SshKeyField,
                ListPersonalAccessTokens: PersonalAccessTokenField,
            }
            unfiltered {
                ListAvailability::new(),
                ListInvoiceItems::new(9),
                ListAccountLogins::new(),
                ListNotifications::new(),
                ListPaymentMethods::new(),
                ListPayments::new(),
                ListTrustedDevices::new(),
                ListProfileLogins::new(),
            }
        }

        // Every paginated operation of the registry has the builders, and was checked here.
        let mut paginated: Vec<&str> = crate::registry::operations()
            .filter(|info| info.meta.paginated)
            .map(|info| info.meta.name)
            .collect();
        paginated.sort_unstable();
        let mut lists = LISTS.to_vec();
        lists.sort_unstable();
        checked.sort_unstable();
        assert_eq!(lists, paginated);
        assert_eq!(checked, paginated);
    }

    #[test]
    fn a_bad_page_size_set_by_the_builder_is_refused_when_built() {
        let err = ListUsers::new()
            .page_size(10)
            .to_http_request(&config())
            .expect_err("10 is below the API's minimum");
        assert!(err.to_string().contains("page_size"), "{err}");
    }

    #[test]
    fn user_setters_fill_the_body() {
        let req = build(&CreateUser::new("obarros", "obarros@example.com").restricted(true));
        assert_request(
            &req,
            "POST",
            "/v4/account/users",
            Some(r#"{"username":"obarros","email":"obarros@example.com","restricted":true}"#),
        );
        let op = UpdateUser::new("obarros")
            .email("o@example.com")
            .restricted(false);
        assert_eq!(
            op,
            UpdateUser {
                username: "obarros".into(),
                body: UserUpdate {
                    email: Some("o@example.com".into()),
                    restricted: Some(false),
                    ..Default::default()
                },
            }
        );
        assert_request(
            &build(&op),
            "PUT",
            "/v4/account/users/obarros",
            Some(r#"{"email":"o@example.com","restricted":false}"#),
        );
    }

    #[test]
    fn grant_setters_fill_the_global_part_and_the_entity_lists() {
        let op = UpdateUserGrants::new("obarros")
            .account_access(GrantPermission::ReadOnly)
            .add_linodes(false)
            .child_account_access(None)
            .linode(61207334, GrantPermission::ReadWrite)
            .volume(55190, GrantPermission::ReadOnly)
            .volume(55191, None);
        assert_request(
            &build(&op),
            "PUT",
            "/v4/account/users/obarros/grants",
            Some(
                r#"{"global": {"account_access": "read_only", "add_linodes": false,
                               "child_account_access": null},
                    "linode": [{"id": 61207334, "permissions": "read_write"}],
                    "volume": [{"id": 55190, "permissions": "read_only"},
                               {"id": 55191, "permissions": null}]}"#,
            ),
        );
        assert_eq!(
            UpdateUserGrants::new("obarros").account_access(GrantPermission::ReadWrite),
            UpdateUserGrants {
                username: "obarros".into(),
                body: GrantsUpdate {
                    global: Some(GlobalGrantsUpdate {
                        account_access: Update::Set(GrantPermission::ReadWrite),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
            }
        );
        // No setter called: nothing is sent, not even an empty `global`.
        assert_request(
            &build(&UpdateUserGrants::new("obarros")),
            "PUT",
            "/v4/account/users/obarros/grants",
            Some("{}"),
        );
    }

    #[test]
    fn ssh_key_and_token_setters_fill_the_body() {
        let op = UpdateSshKey::new(42).label("work");
        assert_eq!(
            op,
            UpdateSshKey {
                ssh_key_id: 42,
                body: SshKeyUpdate {
                    label: Some("work".into())
                },
            }
        );
        assert_request(
            &build(&op),
            "PUT",
            "/v4/profile/sshkeys/42",
            Some(r#"{"label":"work"}"#),
        );

        let expiry: Timestamp = "2027-01-01T00:00:00".parse().expect("a timestamp");
        let scopes = Scopes::none().read_only("events").read_write("linodes");
        let op = CreatePersonalAccessToken::new("ci", scopes).expires_at(expiry);
        assert_request(
            &build(&op),
            "POST",
            "/v4/profile/tokens",
            Some(
                r#"{"label":"ci","scopes":"events:read_only linodes:read_write",
                    "expiry":"2027-01-01T00:00:00"}"#,
            ),
        );
        assert_request(
            &build(&UpdatePersonalAccessToken::new(7).label("ci-2")),
            "PUT",
            "/v4/profile/tokens/7",
            Some(r#"{"label":"ci-2"}"#),
        );
    }

    #[test]
    fn expires_in_counts_from_now_and_saturates() {
        let unix = |t: Timestamp| t.to_utc().unix_timestamp();
        let now = || {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
                .unwrap_or_default()
        };
        let thirty_days = 30 * 24 * 3600;
        let before = now();
        let op = CreatePersonalAccessToken::new("ci", Scopes::all())
            .expires_in(Duration::from_secs(thirty_days));
        let after = now();
        let expiry = unix(op.body.expiry.expect("an expiry"));
        let thirty_days = i64::try_from(thirty_days).unwrap_or_default();
        assert!((before + thirty_days..=after + thirty_days).contains(&expiry));

        let forever = CreatePersonalAccessToken::new("ci", Scopes::all()).expires_in(Duration::MAX);
        assert_eq!(
            forever.body.expiry.map(|t| t.to_string()).as_deref(),
            Some("9999-12-31T23:59:59")
        );
    }

    #[test]
    fn account_and_profile_setters_fill_the_body() {
        assert_request(
            &build(
                &UpdateAccount::default()
                    .email("billing@example.com")
                    .zip("1000-001"),
            ),
            "PUT",
            "/v4/account",
            Some(r#"{"email":"billing@example.com","zip":"1000-001"}"#),
        );
        assert_request(
            &build(
                &UpdateAccountSettings::default()
                    .network_helper(true)
                    .maintenance_policy(None)
                    .interfaces_for_new_linodes(InterfacesForNewLinodes::LegacyConfigOnly),
            ),
            "PUT",
            "/v4/account/settings",
            Some(
                r#"{"network_helper":true,"maintenance_policy":null,
                    "interfaces_for_new_linodes":"legacy_config_only"}"#,
            ),
        );
        assert_request(
            &build(
                &UpdateProfile::default()
                    .authorized_keys(vec!["ssh-ed25519 AAAA".to_owned()])
                    .lish_auth_method(LishAuthMethod::KeysOnly)
                    .timezone("Europe/Lisbon"),
            ),
            "PUT",
            "/v4/profile",
            Some(
                r#"{"authorized_keys":["ssh-ed25519 AAAA"],"lish_auth_method":"keys_only",
                    "timezone":"Europe/Lisbon"}"#,
            ),
        );
        assert_request(
            &build(&AcknowledgeAgreements::default().privacy_policy(true)),
            "POST",
            "/v4/account/agreements",
            Some(r#"{"privacy_policy":true}"#),
        );
        assert_request(
            &build(&CancelAccount::default().comments("moving in-house")),
            "POST",
            "/v4/account/cancel",
            Some(r#"{"comments":"moving in-house"}"#),
        );
    }

    #[test]
    fn payment_and_oauth_setters_fill_the_body() {
        let usd: MoneyString = "20.00".parse().expect("an amount");
        assert_request(
            &build(&CreatePayment::new(usd).payment_method_id(4411)),
            "POST",
            "/v4/account/payments",
            Some(r#"{"usd":"20.00","payment_method_id":4411}"#),
        );
        assert_request(
            &build(&CreateOAuthClient::new("cli", "https://example.com/cb").public(true)),
            "POST",
            "/v4/account/oauth-clients",
            Some(r#"{"label":"cli","redirect_uri":"https://example.com/cb","public":true}"#),
        );
        assert_request(
            &build(
                &UpdateOAuthClient::new("2737bf16b39ab5d7b4a1")
                    .label("cli-2")
                    .redirect_uri("https://example.com/cb2"),
            ),
            "PUT",
            "/v4/account/oauth-clients/2737bf16b39ab5d7b4a1",
            Some(r#"{"label":"cli-2","redirect_uri":"https://example.com/cb2"}"#),
        );
    }

    #[test]
    fn path_constructors_fill_their_parameter() {
        assert_request(
            &build(&GetEvent::new(5)),
            "GET",
            "/v4/account/events/5",
            None,
        );
        assert_request(
            &build(&MarkEventSeen::new(5)),
            "POST",
            "/v4/account/events/5/seen",
            None,
        );
        assert_request(
            &build(&GetSshKey::new(42)),
            "GET",
            "/v4/profile/sshkeys/42",
            None,
        );
        assert_request(
            &build(&RevokePersonalAccessToken::new(7)),
            "DELETE",
            "/v4/profile/tokens/7",
            None,
        );
        assert_request(
            &build(&SetDefaultPaymentMethod::new(3)),
            "POST",
            "/v4/account/payment-methods/3/make-default",
            None,
        );
        assert_eq!(GetPayment::new(9), GetPayment { payment_id: 9 });
        assert_eq!(
            RevokeTrustedDevice::new(9),
            RevokeTrustedDevice { device_id: 9 }
        );
    }
}
