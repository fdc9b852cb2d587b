//! Account (billing aside): its 50 operations, each sent through the client and its typed
//! answer checked.

use bytes::Bytes;
use http::StatusCode;
use linode::account::*;
use linode::models::account::{
    AccountCancel, AccountSettingsUpdate, AccountUpdate, AgreementsAcknowledge, BetaProgramEnroll,
    EntityGrantUpdate, GlobalGrantsUpdate, GrantPermission, GrantsUpdate, OAuthClientCreate,
    OAuthClientUpdate, TransferCreate, TransferEntities, TransferStatus, UserUpdate,
};
use linode::models::Update;
use linode::requests::{Filter, Pagination};

use crate::e2e_support::{Api, Env, Runs};

/// Every Account scenario, each on a fresh fake.
pub fn all<A: Api>(runs: &mut Runs<A>) {
    runs.run(
        "account::details_settings_cancel",
        details_settings_cancel::<A>,
    );
    runs.run("account::events", events::<A>);
    runs.run(
        "account::notices_maintenance_logins",
        notices_maintenance_logins::<A>,
    );
    runs.run("account::users_and_grants", users_and_grants::<A>);
    runs.run("account::oauth_clients", oauth_clients::<A>);
    runs.run("account::service_transfers", service_transfers::<A>);
    runs.run("account::entity_transfers", entity_transfers::<A>);
    runs.run(
        "account::agreements_availability_betas",
        agreements_availability_betas::<A>,
    );
    runs.run("account::child_accounts", child_accounts::<A>);
}

/// get-account, put-account, get-transfer, get-account-settings, put-account-settings,
/// post-enable-account-managed, post-cancel-account.
pub async fn details_settings_cancel<A: Api>(env: Env<A>) {
    let account = env.ok(&GetAccount).await;
    assert_eq!(
        (account.company.as_str(), account.country.as_str()),
        ("Tallowbrook Studio", "PT")
    );
    let updated = env
        .ok(&UpdateAccount {
            body: AccountUpdate {
                city: Some("Braga".into()),
                zip: Some("4700-320".into()),
                ..Default::default()
            },
        })
        .await;
    assert_eq!(
        (updated.city.as_str(), updated.zip.as_str()),
        ("Braga", "4700-320")
    );
    assert_eq!(
        (updated.email.as_str(), updated.euuid.as_str()),
        (account.email.as_str(), account.euuid.as_str())
    );
    assert_eq!(env.ok(&GetAccount).await, updated);

    let transfer = env.ok(&GetNetworkTransfer).await;
    assert!(!transfer.region_transfers.is_empty());
    assert_eq!(
        transfer.used,
        transfer
            .region_transfers
            .iter()
            .map(|r| r.used)
            .sum::<u64>()
    );

    let settings = env.ok(&GetAccountSettings).await;
    assert!(!settings.managed);
    let changed = env
        .ok(&UpdateAccountSettings {
            body: AccountSettingsUpdate {
                network_helper: Some(!settings.network_helper),
                ..Default::default()
            },
        })
        .await;
    assert_eq!(changed.network_helper, !settings.network_helper);
    assert_eq!(
        changed.backups_enabled, settings.backups_enabled,
        "unchanged"
    );
    env.ok(&EnableManaged).await;
    let managed = env.ok(&GetAccountSettings).await;
    assert!(managed.managed);
    assert_eq!(managed.network_helper, changed.network_helper);
    let again = env.api_err(&EnableManaged).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "already managed");

    let cancelled = env
        .ok(&CancelAccount {
            body: AccountCancel {
                comments: Some("Consolidating into the parent account".into()),
            },
        })
        .await;
    assert!(
        cancelled.survey_link.starts_with("https://"),
        "{}",
        cancelled.survey_link
    );
    let twice = env
        .api_err(&CancelAccount {
            body: AccountCancel { comments: None },
        })
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "already cancelled");
}

/// get-events, get-event, post-event-seen, post-event-read.
pub async fn events<A: Api>(env: Env<A>) {
    let first = env.ok(&ListEvents::default()).await;
    assert_eq!(
        (first.results, first.pages, first.data.len()),
        (120, 2, 100)
    );
    assert!(
        first.data.windows(2).all(|w| w[0].created >= w[1].created),
        "newest first"
    );
    let newest = first.data[0].clone();
    assert!(
        !newest.seen && !newest.read,
        "the newest seeded events are unread"
    );
    assert_eq!(
        env.ok(&GetEvent {
            event_id: newest.id
        })
        .await,
        newest
    );

    let older = first.data[5].id;
    env.ok(&MarkEventSeen { event_id: older }).await;
    let seen = env.ok(&GetEvent { event_id: older }).await;
    assert!(seen.seen && !seen.read);
    assert!(
        env.ok(&GetEvent {
            event_id: first.data[7].id
        })
        .await
        .seen,
        "and every older one"
    );
    assert!(
        !env.ok(&GetEvent {
            event_id: newest.id
        })
        .await
        .seen,
        "but no newer one"
    );

    env.ok(&MarkEventRead {
        event_id: newest.id,
    })
    .await;
    let read = env
        .ok(&GetEvent {
            event_id: newest.id,
        })
        .await;
    assert!(read.read && read.seen);
    let unread = ListEvents {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(EventField::Read, false)),
    };
    let unread = env.ok(&unread).await;
    assert_eq!(unread.results, 9);
    assert!(unread.data.iter().all(|e| !e.read && e.id != newest.id));
}

/// get-notifications, get-maintenance, get-account-logins, get-account-login.
pub async fn notices_maintenance_logins<A: Api>(env: Env<A>) {
    let notes = env.ok(&ListNotifications::default()).await;
    assert_eq!(notes.results, 1);
    assert_eq!(notes.data[0].label, "Scheduled migration");
    assert_eq!(
        notes.data[0].entity.as_ref().and_then(|e| e.id),
        Some(31002)
    );

    let all = env.ok(&ListMaintenance::default()).await;
    assert_eq!(
        all.results, 3,
        "two records in the older form, one in the newer"
    );
    let pending = ListMaintenance {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(MaintenanceField::Status, "pending")),
    };
    let pending = env.ok(&pending).await;
    assert_eq!(pending.results, 1);
    assert_eq!(pending.data[0].entity.label, "web-lis-2");

    let logins = env.ok(&ListAccountLogins::default()).await;
    assert_eq!(logins.results, 30);
    let other = logins
        .data
        .iter()
        .find(|l| l.username != "mira_okafor")
        .unwrap()
        .clone();
    assert_eq!(env.ok(&GetAccountLogin { login_id: other.id }).await, other);
}

/// get-users, post-user, get-user, put-user, delete-user, get-user-grants, put-user-grants.
pub async fn users_and_grants<A: Api>(env: Env<A>) {
    let users = env.ok(&ListUsers::default()).await;
    assert_eq!(users.results, 4);
    assert!(users.data.iter().any(|u| u.username == "mira_okafor"));

    let created = env
        .ok(&CreateUser::new("ines_matos", "ines@tallowbrook.example"))
        .await;
    assert_eq!(
        (
            created.username.as_str(),
            created.email.as_str(),
            created.restricted
        ),
        ("ines_matos", "ines@tallowbrook.example", false)
    );
    assert_eq!(env.ok(&GetUser::new("ines_matos")).await, created);
    let by_name = ListUsers {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(UserField::Username, "ines_matos")),
    };
    assert_eq!(env.ok(&by_name).await.data, vec![created.clone()]);

    let restricted = env
        .ok(&UpdateUser {
            username: "ines_matos".into(),
            body: UserUpdate {
                username: Some("ines.matos".into()),
                email: None,
                restricted: Some(true),
            },
        })
        .await;
    assert_eq!(
        (restricted.username.as_str(), restricted.restricted),
        ("ines.matos", true)
    );
    assert_eq!(restricted.email, created.email);
    assert_eq!(
        env.api_err(&GetUser::new("ines_matos")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(env.ok(&GetUser::new("ines.matos")).await, restricted);

    // A restricted user has grants to read and change; a seeded one has some on Linodes.
    let grants = env.ok(&GetUserGrants::new("dario_ferraz")).await;
    let grants = grants.restricted().unwrap().clone();
    let linode = grants.linode[0].id;
    let changed = env
        .ok(&UpdateUserGrants {
            username: "dario_ferraz".into(),
            body: GrantsUpdate {
                global: Some(GlobalGrantsUpdate {
                    add_volumes: Some(!grants.global.add_volumes),
                    account_access: Update::Null,
                    ..Default::default()
                }),
                linode: Some(vec![EntityGrantUpdate::grant(
                    linode,
                    GrantPermission::ReadOnly,
                )]),
                ..Default::default()
            },
        })
        .await;
    assert_eq!(changed.global.add_volumes, !grants.global.add_volumes);
    assert_eq!(changed.global.account_access, None);
    assert_eq!(
        changed.global.add_linodes, grants.global.add_linodes,
        "unchanged"
    );
    let reread = env.ok(&GetUserGrants::new("dario_ferraz")).await;
    let reread = reread.restricted().unwrap();
    assert_eq!(reread, &changed);
    let entry = reread.linode.iter().find(|g| g.id == linode).unwrap();
    assert_eq!(entry.permissions, Some(GrantPermission::ReadOnly));

    env.ok(&DeleteUser::new("ines.matos")).await;
    assert_eq!(
        env.api_err(&GetUser::new("ines.matos")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(env.ok(&ListUsers::default()).await.data, users.data);
}

/// get-clients, post-client, get-client, put-client, post-reset-client-secret,
/// put-client-thumbnail, get-client-thumbnail, delete-client.
pub async fn oauth_clients<A: Api>(env: Env<A>) {
    let listed = env.ok(&ListOAuthClients::default()).await;
    assert_eq!(listed.results, 2);
    assert!(listed.data.iter().all(|c| !c.has_plaintext_secret()));

    let created = env
        .ok(&CreateOAuthClient {
            body: OAuthClientCreate::new(
                "e2e-dashboard",
                "https://dash.tallowbrook.example/callback",
            ),
        })
        .await;
    assert!(
        created.has_plaintext_secret(),
        "the secret is shown once, at creation"
    );
    assert!(!format!("{created:?}").contains(created.secret.expose()));
    let id = created.id.clone();
    let got = env.ok(&GetOAuthClient::new(id.clone())).await;
    assert_eq!(
        (got.label.as_str(), got.redirect_uri.as_str()),
        ("e2e-dashboard", "https://dash.tallowbrook.example/callback")
    );
    assert!(!got.has_plaintext_secret());

    let updated = env
        .ok(&UpdateOAuthClient {
            client_id: id.clone(),
            body: OAuthClientUpdate {
                label: Some("e2e-dashboard-v2".into()),
                redirect_uri: None,
                public: Some(true),
            },
        })
        .await;
    assert_eq!(
        (updated.label.as_str(), updated.public),
        ("e2e-dashboard-v2", true)
    );
    assert_eq!(updated.redirect_uri, got.redirect_uri);
    let public = ListOAuthClients {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(OAuthClientField::Public, true)),
    };
    assert!(env.ok(&public).await.data.iter().any(|c| c.id == id));

    let reset = env.ok(&ResetOAuthClientSecret::new(id.clone())).await;
    assert!(reset.has_plaintext_secret());
    assert_ne!(reset.secret.expose(), created.secret.expose());

    let png = Bytes::from_static(&[
        0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 13, b'I', b'H', b'D', b'R',
    ]);
    env.ok(&UpdateOAuthClientThumbnail::new(id.clone(), png.clone()))
        .await;
    let image = env.ok(&GetOAuthClientThumbnail::new(id.clone())).await;
    assert!(image.has_png_signature());
    assert_eq!(image.bytes, png);
    // A public endpoint: a client without a token fetches it too.
    let anonymous = env.client(None);
    let image = anonymous
        .send_op(&GetOAuthClientThumbnail::new(id.clone()))
        .await
        .unwrap();
    assert_eq!(image.value.bytes, png);

    env.ok(&DeleteOAuthClient::new(id.clone())).await;
    assert_eq!(
        env.api_err(&GetOAuthClient::new(id.clone())).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(env.ok(&ListOAuthClients::default()).await.data, listed.data);
}

/// get-service-transfers, post-service-transfer, get-service-transfer,
/// delete-service-transfer, post-accept-service-transfer.
pub async fn service_transfers<A: Api>(env: Env<A>) {
    let all = env.ok(&ListServiceTransfers::default()).await;
    assert_eq!(all.results, 2);
    let received = all.data.iter().find(|t| !t.is_sender).unwrap().clone();
    assert_eq!(received.status, TransferStatus::Pending);

    let body = TransferCreate {
        entities: TransferEntities {
            extra: Default::default(),
            linodes: vec![31007],
        },
    };
    let created = env.ok(&CreateServiceTransfer { body }).await;
    assert_eq!(
        (created.status.clone(), created.is_sender),
        (TransferStatus::Pending, true)
    );
    assert_eq!(created.entities.linodes, [31007]);
    assert_eq!(
        env.ok(&GetServiceTransfer::new(created.token.clone()))
            .await,
        created
    );
    let pending = ListServiceTransfers {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(TransferField::Status, "pending")),
    };
    let tokens: Vec<String> = env
        .ok(&pending)
        .await
        .data
        .into_iter()
        .map(|t| t.token.into_inner())
        .collect();
    assert_eq!(tokens.len(), 2);
    assert!(
        tokens.iter().any(|t| t == created.token.expose())
            && tokens.iter().any(|t| t == received.token.expose())
    );

    env.ok(&CancelServiceTransfer::new(created.token.clone()))
        .await;
    assert_eq!(
        env.ok(&GetServiceTransfer::new(created.token.clone()))
            .await
            .status,
        TransferStatus::Canceled
    );
    env.ok(&AcceptServiceTransfer::new(received.token.clone()))
        .await;
    assert_eq!(
        env.ok(&GetServiceTransfer::new(received.token.clone()))
            .await
            .status,
        TransferStatus::Completed
    );
    assert!(
        env.ok(&pending).await.data.is_empty(),
        "nothing pending any more"
    );
}

/// The five deprecated entity-transfer operations: the same transfers as the service
/// transfers, each answer a 299 whose warning names the replacement.
#[allow(deprecated)]
pub async fn entity_transfers<A: Api>(env: Env<A>) {
    let listed = env.ok_meta(&ListEntityTransfers::default()).await;
    assert_eq!(listed.status.as_u16(), 299);
    assert!(
        listed
            .warnings
            .iter()
            .any(|w| w.details.contains("ServiceTransfers")),
        "{:?}",
        listed.warnings
    );
    assert_eq!(listed.value.results, 2);
    let received = listed
        .value
        .data
        .iter()
        .find(|t| !t.is_sender)
        .unwrap()
        .token
        .clone();

    let body = TransferCreate {
        entities: TransferEntities {
            extra: Default::default(),
            linodes: vec![31002],
        },
    };
    let made = env.ok_meta(&CreateEntityTransfer { body }).await;
    assert_eq!(made.status.as_u16(), 299);
    assert_eq!(
        (made.value.is_sender, made.value.entities.linodes.as_slice()),
        (true, &[31002][..])
    );
    let token = made.value.token.clone();
    let got = env.ok_meta(&GetEntityTransfer::new(token.clone())).await;
    assert_eq!((got.status.as_u16(), &got.value), (299, &made.value));
    assert_eq!(
        env.ok(&GetServiceTransfer::new(token.clone())).await.token,
        token,
        "one store"
    );

    let cancelled = env.ok_meta(&CancelEntityTransfer::new(token.clone())).await;
    assert_eq!(cancelled.status.as_u16(), 299);
    assert_eq!(
        env.ok(&GetEntityTransfer::new(token.clone())).await.status,
        TransferStatus::Canceled
    );
    let accepted = env
        .ok_meta(&AcceptEntityTransfer::new(received.clone()))
        .await;
    assert_eq!(accepted.status.as_u16(), 299);
    assert_eq!(
        env.ok(&GetEntityTransfer::new(received)).await.status,
        TransferStatus::Completed
    );
}

/// get-account-agreements, post-account-agreements, get-availability,
/// get-account-availability, get-enrolled-beta-programs, post-beta-program,
/// get-enrolled-beta-program.
pub async fn agreements_availability_betas<A: Api>(env: Env<A>) {
    let agreements = env.ok(&GetAgreements).await;
    assert!(!agreements.eu_model);
    env.ok(&AcknowledgeAgreements {
        body: AgreementsAcknowledge {
            eu_model: Some(true),
            master_service_agreement: None,
            privacy_policy: None,
        },
    })
    .await;
    let now = env.ok(&GetAgreements).await;
    assert!(now.eu_model);
    assert_eq!(now.privacy_policy, agreements.privacy_policy, "unchanged");

    let regions = env.ok(&ListAvailability::default()).await;
    assert!(regions.results >= 5);
    let lisbon = regions
        .data
        .iter()
        .find(|r| r.region == "pt-lis")
        .unwrap()
        .clone();
    assert_eq!(env.ok(&GetRegionAvailability::new("pt-lis")).await, lisbon);
    assert!(lisbon.unavailable.iter().any(|s| s == "Kubernetes"));

    let enrolled = env.ok(&ListEnrolledBetaPrograms::default()).await;
    assert_eq!(enrolled.results, 1);
    env.ok(&EnrollInBetaProgram {
        body: BetaProgramEnroll {
            id: "metrics_v2".into(),
        },
    })
    .await;
    let beta = env.ok(&GetEnrolledBetaProgram::new("metrics_v2")).await;
    assert_eq!(
        (beta.id.as_str(), beta.label.as_str()),
        ("metrics_v2", "Metrics v2")
    );
    let now = env.ok(&ListEnrolledBetaPrograms::default()).await;
    assert_eq!(now.results, 2);
    assert!(now.data.contains(&beta));
}

/// get-child-accounts, get-child-account, post-child-account-token.
pub async fn child_accounts<A: Api>(env: Env<A>) {
    let children = env.ok(&ListChildAccounts::default()).await;
    assert_eq!(children.results, 2);
    let norway = ListChildAccounts {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(ChildAccountField::Country, "NO")),
    };
    let norway = env.ok(&norway).await;
    assert_eq!(norway.data.len(), 1);
    assert!(children.data.contains(&norway.data[0]));
    let child = env
        .ok(&GetChildAccount::new(norway.data[0].euuid.clone()))
        .await;
    assert_eq!(child, norway.data[0]);

    let proxy = env.ok(&CreateProxyToken::new(child.euuid.clone())).await;
    assert!(proxy.expiry > proxy.created);
    assert!(!proxy.token.expose().is_empty());
    assert!(
        !format!("{proxy:?}").contains(proxy.token.expose()),
        "Debug hides the token"
    );
}
