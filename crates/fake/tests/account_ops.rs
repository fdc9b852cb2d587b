//! Each Account operation the fake implements: the happy path and an error, through the
//! SDK's own operation types.

mod support;

use bytes::Bytes;
use http::{Method, StatusCode};
use linode_fake::FakeLinode;
use linode_models::account::{
    EntityGrantUpdate, GlobalGrantsUpdate, GrantPermission, GrantsUpdate, OAuthClientCreate,
    OAuthClientUpdate, UserUpdate,
};
use linode_models::Update;
use linode_requests::account::*;
use linode_requests::filter::Filter;
use linode_requests::profile::GetProfileGrants;
use linode_requests::Pagination;
use support::*;

#[tokio::test]
async fn users_lifecycle() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let users = ok(url, token, &ListUsers::default()).await;
    assert_eq!(users.results, 4);
    let filtered = ok(
        url,
        token,
        &ListUsers {
            pagination: Pagination::new(),
            filter: Some(Filter::eq(UserField::Username, "dario_ferraz")),
        },
    )
    .await;
    assert_eq!(filtered.data.len(), 1);
    assert!(filtered.data[0].restricted);

    let created = ok(
        url,
        token,
        &CreateUser::new("lena_voss", "lena@tallowbrook.example"),
    )
    .await;
    assert_eq!(
        (created.username.as_str(), created.restricted),
        ("lena_voss", false)
    );
    let err = api_err(
        url,
        token,
        &CreateUser::new("lena_voss", "lena2@tallowbrook.example"),
    )
    .await;
    assert!(err.has_field_error("username"), "{err}");
    // The SDK refuses the short username before sending; the fake checks it too, for a
    // client that sends it anyway.
    let refused = refused_before_sending(url, token, &CreateUser::new("x", "not-an-email"));
    assert!(refused.contains("`username`"), "{refused}");
    let answer = post_json(
        url,
        token,
        "/v4/account/users",
        r#"{"username": "x", "email": "not-an-email"}"#,
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let fields = answer.fields();
    assert!(
        fields.iter().any(|f| f == "username") && fields.iter().any(|f| f == "email"),
        "{fields:?}"
    );

    assert_eq!(ok(url, token, &GetUser::new("lena_voss")).await, created);
    let renamed = ok(
        url,
        token,
        &UpdateUser {
            username: "lena_voss".into(),
            body: UserUpdate {
                username: Some("lena.voss".into()),
                email: None,
                restricted: Some(true),
            },
        },
    )
    .await;
    assert_eq!(
        (renamed.username.as_str(), renamed.restricted),
        ("lena.voss", true)
    );
    assert_eq!(
        api_err(url, token, &GetUser::new("lena_voss")).await.status,
        StatusCode::NOT_FOUND
    );

    ok(url, token, &DeleteUser::new("lena.voss")).await;
    assert_eq!(
        api_err(url, token, &DeleteUser::new("lena.voss"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let err = api_err(url, token, &DeleteUser::new("mira_okafor")).await;
    assert_eq!(err.status, StatusCode::BAD_REQUEST);
    let err = api_err(
        url,
        token,
        &UpdateUser {
            username: "nobody-here".into(),
            body: UserUpdate::default(),
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);
    fake.stop().await;
}

#[tokio::test]
async fn grants_are_204_for_unrestricted_users_and_editable_for_restricted_ones() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());

    let raw_answer = get(url, "/v4/account/users/nadia.kowal/grants", token).await;
    assert_eq!(raw_answer.status, StatusCode::NO_CONTENT);
    assert!(raw_answer.body.is_empty());
    assert!(ok(url, token, &GetUserGrants::new("nadia.kowal"))
        .await
        .is_unrestricted());
    assert!(ok(url, token, &GetProfileGrants).await.is_unrestricted());

    let grants = ok(url, token, &GetUserGrants::new("dario_ferraz")).await;
    let grants = grants.restricted().unwrap();
    assert!(grants.global.add_linodes);
    assert_eq!(
        grants.linode[0].permissions,
        Some(GrantPermission::ReadWrite)
    );

    let update = GrantsUpdate {
        global: Some(GlobalGrantsUpdate {
            account_access: Update::Null,
            add_volumes: Some(true),
            ..Default::default()
        }),
        linode: Some(vec![EntityGrantUpdate::revoke(grants.linode[0].id)]),
        ..Default::default()
    };
    let updated = ok(
        url,
        token,
        &UpdateUserGrants {
            username: "dario_ferraz".into(),
            body: update,
        },
    )
    .await;
    assert_eq!(updated.global.account_access, None);
    assert!(updated.global.add_volumes && updated.global.add_linodes);
    assert_eq!(updated.linode[0].permissions, None);
    assert_eq!(
        updated.linode[1].permissions,
        Some(GrantPermission::ReadWrite)
    );

    let bad = GrantsUpdate {
        linode: Some(vec![EntityGrantUpdate::grant(1, GrantPermission::ReadOnly)]),
        ..Default::default()
    };
    let err = api_err(
        url,
        token,
        &UpdateUserGrants {
            username: "dario_ferraz".into(),
            body: bad,
        },
    )
    .await;
    assert!(err.has_field_error("linode[0].id"), "{err}");
    let err = api_err(
        url,
        token,
        &UpdateUserGrants {
            username: "nadia.kowal".into(),
            body: GrantsUpdate::default(),
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        api_err(url, token, &GetUserGrants::new("ghost"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    fake.stop().await;
}

#[tokio::test]
async fn oauth_clients_lifecycle_secrets_and_thumbnails() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let listed = ok(url, token, &ListOAuthClients::default()).await;
    assert_eq!(listed.results, 2);
    assert!(listed.data.iter().all(|c| !c.has_plaintext_secret()));
    let public = ok(
        url,
        token,
        &ListOAuthClients {
            pagination: Pagination::new(),
            filter: Some(Filter::eq(OAuthClientField::Public, true)),
        },
    )
    .await;
    assert_eq!(public.data.len(), 1);

    let created = ok(
        url,
        token,
        &CreateOAuthClient {
            body: OAuthClientCreate::new("release-bot", "https://bot.tallowbrook.example/cb"),
        },
    )
    .await;
    assert!(created.has_plaintext_secret());
    let id = created.id.clone();
    let got = ok(
        url,
        token,
        &GetOAuthClient {
            client_id: id.clone(),
        },
    )
    .await;
    assert!(!got.has_plaintext_secret());
    assert_eq!(got.label, "release-bot");

    let updated = ok(
        url,
        token,
        &UpdateOAuthClient {
            client_id: id.clone(),
            body: OAuthClientUpdate {
                label: Some("release-bot-2".into()),
                redirect_uri: None,
                public: Some(true),
            },
        },
    )
    .await;
    assert_eq!(
        (updated.label.as_str(), updated.public),
        ("release-bot-2", true)
    );
    let reset = ok(
        url,
        token,
        &ResetOAuthClientSecret {
            client_id: id.clone(),
        },
    )
    .await;
    assert!(reset.has_plaintext_secret());
    assert_ne!(reset.secret, created.secret);

    // Thumbnails: none yet, then a PNG, readable without a token.
    let err = api_err(
        url,
        token,
        &GetOAuthClientThumbnail {
            client_id: id.clone(),
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);
    let image = Bytes::from_static(&[
        0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 0,
    ]);
    ok(
        url,
        token,
        &UpdateOAuthClientThumbnail {
            client_id: id.clone(),
            png: image.clone(),
        },
    )
    .await;
    let anonymous = send(raw(
        url,
        Method::GET,
        &format!("/v4/account/oauth-clients/{id}/thumbnail"),
        None,
        None,
    ))
    .await;
    assert_eq!(anonymous.status, StatusCode::OK);
    assert_eq!(anonymous.header("content-type"), Some("image/png"));
    assert_eq!(anonymous.body, image);
    let fetched = ok(
        url,
        token,
        &GetOAuthClientThumbnail {
            client_id: id.clone(),
        },
    )
    .await;
    assert!(fetched.has_png_signature());
    let thumbnail_url = ok(
        url,
        token,
        &GetOAuthClient {
            client_id: id.clone(),
        },
    )
    .await
    .thumbnail_url
    .unwrap();
    assert!(
        thumbnail_url.ends_with(&format!("/v4/account/oauth-clients/{id}/thumbnail")),
        "{thumbnail_url}"
    );
    let err = api_err(
        url,
        token,
        &UpdateOAuthClientThumbnail {
            client_id: id.clone(),
            png: Bytes::from_static(b"GIF89a"),
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::BAD_REQUEST);

    let refused = refused_before_sending(
        url,
        token,
        &CreateOAuthClient {
            body: OAuthClientCreate::new("", "ftp://nowhere"),
        },
    );
    assert!(refused.contains("`label`"), "{refused}");
    let answer = post_json(
        url,
        token,
        "/v4/account/oauth-clients",
        r#"{"label": "", "redirect_uri": "ftp://nowhere"}"#,
    )
    .await;
    let fields = answer.fields();
    assert!(
        fields.iter().any(|f| f == "label") && fields.iter().any(|f| f == "redirect_uri"),
        "{fields:?}"
    );
    ok(
        url,
        token,
        &DeleteOAuthClient {
            client_id: id.clone(),
        },
    )
    .await;
    for err in [
        api_err(
            url,
            token,
            &GetOAuthClient {
                client_id: id.clone(),
            },
        )
        .await,
        api_err(
            url,
            token,
            &DeleteOAuthClient {
                client_id: id.clone(),
            },
        )
        .await,
        api_err(
            url,
            token,
            &ResetOAuthClientSecret {
                client_id: id.clone(),
            },
        )
        .await,
        api_err(
            url,
            token,
            &UpdateOAuthClient {
                client_id: id.clone(),
                body: OAuthClientUpdate::default(),
            },
        )
        .await,
    ] {
        assert_eq!(err.status, StatusCode::NOT_FOUND);
    }
    // The seeded client has a thumbnail.
    let seeded = listed
        .data
        .iter()
        .find(|c| c.thumbnail_url.is_some())
        .unwrap();
    let image = ok(
        url,
        token,
        &GetOAuthClientThumbnail {
            client_id: seeded.id.clone(),
        },
    )
    .await;
    assert!(image.has_png_signature());
    fake.stop().await;
}

#[tokio::test]
#[allow(deprecated)]
async fn service_and_entity_transfers() {
    use linode_models::account::{TransferCreate, TransferEntities, TransferStatus};
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let all = ok(url, token, &ListServiceTransfers::default()).await;
    assert_eq!(all.results, 2);
    let received = all
        .data
        .iter()
        .find(|t| !t.is_sender)
        .unwrap()
        .token
        .clone();

    let body = TransferCreate {
        entities: TransferEntities {
            extra: Default::default(),
            linodes: vec![31001],
        },
    };
    let created = ok(url, token, &CreateServiceTransfer { body: body.clone() }).await;
    assert_eq!(
        (created.status.clone(), created.is_sender),
        (TransferStatus::Pending, true)
    );
    assert!(created.expiry > created.created);
    let err = api_err(url, token, &CreateServiceTransfer { body }).await;
    assert!(err.has_field_error("entities.linodes"), "{err}");
    let err = api_err(
        url,
        token,
        &CreateServiceTransfer {
            body: TransferCreate {
                entities: TransferEntities {
                    extra: Default::default(),
                    linodes: vec![],
                },
            },
        },
    )
    .await;
    assert!(err.has_field_error("entities.linodes"), "{err}");
    assert_eq!(
        ok(
            url,
            token,
            &GetServiceTransfer {
                token: created.token.clone()
            }
        )
        .await,
        created
    );

    let err = api_err(
        url,
        token,
        &AcceptServiceTransfer {
            token: created.token.clone(),
        },
    )
    .await;
    assert_eq!(
        err.status,
        StatusCode::BAD_REQUEST,
        "cannot accept one's own transfer"
    );
    ok(
        url,
        token,
        &CancelServiceTransfer {
            token: created.token.clone(),
        },
    )
    .await;
    let err = api_err(
        url,
        token,
        &CancelServiceTransfer {
            token: created.token.clone(),
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::BAD_REQUEST);
    ok(
        url,
        token,
        &AcceptServiceTransfer {
            token: received.clone(),
        },
    )
    .await;
    let accepted = ok(
        url,
        token,
        &GetServiceTransfer {
            token: received.clone(),
        },
    )
    .await;
    assert_eq!(accepted.status, TransferStatus::Completed);
    let err = api_err(
        url,
        token,
        &GetServiceTransfer {
            token: "no-such-token".into(),
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);
    let filtered = ok(
        url,
        token,
        &ListServiceTransfers {
            pagination: Pagination::new(),
            filter: Some(Filter::eq(TransferField::Status, "canceled")),
        },
    )
    .await;
    assert_eq!(filtered.data.len(), 1);

    // The deprecated names: same transfers, 299 with a warning.
    let listed = call(url, token, &ListEntityTransfers::default())
        .await
        .unwrap();
    assert_eq!(listed.status.as_u16(), 299);
    assert!(
        listed.warnings[0].details.contains("ListServiceTransfers"),
        "{:?}",
        listed.warnings
    );
    assert_eq!(listed.value.results, 3);
    let body = TransferCreate {
        entities: TransferEntities {
            extra: Default::default(),
            linodes: vec![31002],
        },
    };
    let made = call(url, token, &CreateEntityTransfer { body })
        .await
        .unwrap();
    assert_eq!(made.status.as_u16(), 299);
    let got = call(
        url,
        token,
        &GetEntityTransfer {
            token: made.value.token.clone(),
        },
    )
    .await
    .unwrap();
    assert_eq!(got.value.entities.linodes, [31002]);
    call(
        url,
        token,
        &CancelEntityTransfer {
            token: made.value.token.clone(),
        },
    )
    .await
    .unwrap();
    let err = api_err(
        url,
        token,
        &AcceptEntityTransfer {
            token: made.value.token.clone(),
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::BAD_REQUEST);
    fake.stop().await;
}

#[tokio::test]
async fn agreements_availability_and_betas() {
    use linode_models::account::{AgreementsAcknowledge, BetaProgramEnroll};
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let agreements = ok(url, token, &GetAgreements).await;
    assert!(!agreements.eu_model && agreements.privacy_policy);
    let ack = AgreementsAcknowledge {
        eu_model: Some(true),
        master_service_agreement: None,
        privacy_policy: None,
    };
    ok(url, token, &AcknowledgeAgreements { body: ack }).await;
    assert!(ok(url, token, &GetAgreements).await.eu_model);
    let refuse = AgreementsAcknowledge {
        eu_model: Some(false),
        master_service_agreement: None,
        privacy_policy: None,
    };
    assert!(api_err(url, token, &AcknowledgeAgreements { body: refuse })
        .await
        .has_field_error("eu_model"));

    let regions = ok(url, token, &ListAvailability::default()).await;
    assert!(regions.results >= 5);
    let lisbon = ok(
        url,
        token,
        &GetRegionAvailability {
            region_id: "pt-lis".into(),
        },
    )
    .await;
    assert!(lisbon.unavailable.contains(&"Kubernetes".to_owned()));
    assert!(lisbon.available.contains(&"Linodes".to_owned()));
    let err = api_err(
        url,
        token,
        &GetRegionAvailability {
            region_id: "mars-1".into(),
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);

    let enrolled = ok(url, token, &ListEnrolledBetaPrograms::default()).await;
    assert_eq!(enrolled.results, 1);
    ok(
        url,
        token,
        &EnrollInBetaProgram {
            body: BetaProgramEnroll {
                id: "metrics_v2".into(),
            },
        },
    )
    .await;
    let beta = ok(
        url,
        token,
        &GetEnrolledBetaProgram {
            beta_id: "metrics_v2".into(),
        },
    )
    .await;
    assert_eq!(beta.label, "Metrics v2");
    let err = api_err(
        url,
        token,
        &EnrollInBetaProgram {
            body: BetaProgramEnroll {
                id: "metrics_v2".into(),
            },
        },
    )
    .await;
    assert!(err.has_field_error("id"));
    let err = api_err(
        url,
        token,
        &EnrollInBetaProgram {
            body: BetaProgramEnroll {
                id: "warp_drive".into(),
            },
        },
    )
    .await;
    assert!(err.has_field_error("id"));
    let err = api_err(
        url,
        token,
        &GetEnrolledBetaProgram {
            beta_id: "quiet_disks".into(),
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);
    fake.stop().await;
}

#[tokio::test]
async fn child_accounts_and_proxy_tokens() {
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let children = ok(url, token, &ListChildAccounts::default()).await;
    assert_eq!(children.results, 2);
    let norway = ok(
        url,
        token,
        &ListChildAccounts {
            pagination: Pagination::new(),
            filter: Some(Filter::eq(ChildAccountField::Country, "NO")),
        },
    )
    .await;
    assert_eq!(norway.data.len(), 1);
    let euuid = norway.data[0].euuid.clone();
    assert_eq!(
        ok(
            url,
            token,
            &GetChildAccount {
                euuid: euuid.clone()
            }
        )
        .await,
        norway.data[0]
    );
    let proxy = ok(
        url,
        token,
        &CreateProxyToken {
            euuid: euuid.clone(),
        },
    )
    .await;
    assert!(proxy.expiry > proxy.created);
    assert_eq!(proxy.token.expose().len(), 64);
    let err = api_err(
        url,
        token,
        &CreateProxyToken {
            euuid: "nope".into(),
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::NOT_FOUND);
    // Child-account scopes are their own: an account-only token may not list them.
    fake.add_token("acct", "account:read_write").unwrap();
    let err = api_err(url, "acct", &ListChildAccounts::default()).await;
    assert_eq!(err.status, StatusCode::FORBIDDEN);
    fake.stop().await;
}

#[tokio::test]
async fn events_span_pages_filter_and_mark() {
    use linode_requests::filter::Order;
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let first = ok(url, token, &ListEvents::default()).await;
    assert_eq!(
        (first.results, first.pages, first.data.len()),
        (120, 2, 100)
    );
    assert!(
        first.data[0].created >= first.data[1].created,
        "newest first"
    );
    let mut op = ListEvents {
        pagination: Pagination::new().page_size(25),
        filter: None,
    };
    let mut ids = Vec::new();
    for page in 1..=5 {
        op.pagination.set_page(page);
        let got = ok(url, token, &op).await;
        assert_eq!(got.pages, 5);
        ids.extend(got.data.iter().map(|e| e.id));
    }
    ids.dedup();
    assert_eq!(ids.len(), 120);

    let unread = ListEvents {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(EventField::Read, false).order_by(EventField::Created, Order::Asc)),
    };
    let unread_page = ok(url, token, &unread).await;
    assert_eq!(unread_page.results, 10);
    let on_web1 = ListEvents {
        pagination: Pagination::new(),
        filter: Some(
            Filter::eq(EventField::EntityId, 31001)
                .and(Filter::eq(EventField::Action, "linode_boot")),
        ),
    };
    let boots = ok(url, token, &on_web1).await;
    assert!(
        boots.results > 0
            && boots
                .data
                .iter()
                .all(|e| e.action.as_str() == "linode_boot")
    );

    let newest = unread_page.data.last().unwrap().id;
    ok(url, token, &MarkEventSeen { event_id: newest }).await;
    assert!(
        ok(
            url,
            token,
            &GetEvent {
                event_id: unread_page.data[0].id
            }
        )
        .await
        .seen,
        "older ones seen too"
    );
    ok(url, token, &MarkEventRead { event_id: newest }).await;
    assert!(ok(url, token, &GetEvent { event_id: newest }).await.read);
    for err in [
        api_err(url, token, &GetEvent { event_id: 1 }).await,
        api_err(url, token, &MarkEventRead { event_id: 1 }).await,
        api_err(url, token, &MarkEventSeen { event_id: 1 }).await,
    ] {
        assert_eq!(err.status, StatusCode::NOT_FOUND);
    }
    // Events need the events scope.
    fake.add_token("acct", "account:read_write").unwrap();
    assert_eq!(
        api_err(url, "acct", &ListEvents::default()).await.status,
        StatusCode::FORBIDDEN
    );
    fake.add_token("ev", "events:read_only").unwrap();
    ok(url, "ev", &ListEvents::default()).await;
    fake.stop().await;
}

#[tokio::test]
async fn account_settings_and_the_rest_of_account_core() {
    use linode_models::account::{AccountCancel, AccountSettingsUpdate, AccountUpdate};
    let fake = FakeLinode::start().await.unwrap();
    let (url, token) = (fake.url(), fake.token());
    let account = ok(url, token, &GetAccount).await;
    assert_eq!(account.company, "Tallowbrook Studio");
    let update = AccountUpdate {
        city: Some("Porto".into()),
        ..Default::default()
    };
    let updated = ok(url, token, &UpdateAccount { body: update }).await;
    assert_eq!(
        (updated.city.as_str(), updated.zip.as_str()),
        ("Porto", account.zip.as_str())
    );
    let bad = AccountUpdate {
        country: Some("Portugal".into()),
        ..Default::default()
    };
    assert!(api_err(url, token, &UpdateAccount { body: bad })
        .await
        .has_field_error("country"));

    let settings = ok(url, token, &GetAccountSettings).await;
    assert!(settings.backups_enabled && !settings.managed);
    let changed = ok(
        url,
        token,
        &UpdateAccountSettings {
            body: AccountSettingsUpdate {
                network_helper: Some(false),
                ..Default::default()
            },
        },
    )
    .await;
    assert!(!changed.network_helper && changed.backups_enabled);
    ok(url, token, &EnableManaged).await;
    assert!(ok(url, token, &GetAccountSettings).await.managed);
    assert_eq!(
        api_err(url, token, &EnableManaged).await.status,
        StatusCode::BAD_REQUEST
    );

    let transfer = ok(url, token, &GetNetworkTransfer).await;
    assert_eq!(
        transfer.used,
        transfer
            .region_transfers
            .iter()
            .map(|r| r.used)
            .sum::<u64>()
    );
    let notes = ok(url, token, &ListNotifications::default()).await;
    assert_eq!(notes.results, 1);
    let pending = ListMaintenance {
        pagination: Pagination::new(),
        filter: Some(Filter::eq(MaintenanceField::Status, "pending")),
    };
    assert_eq!(ok(url, token, &pending).await.results, 1);

    let cancelled = ok(
        url,
        token,
        &CancelAccount {
            body: AccountCancel {
                comments: Some("Moving in-house".into()),
            },
        },
    )
    .await;
    assert!(cancelled.survey_link.starts_with("https://"));
    let err = api_err(
        url,
        token,
        &CancelAccount {
            body: AccountCancel { comments: None },
        },
    )
    .await;
    assert_eq!(err.status, StatusCode::CONFLICT);
    fake.stop().await;
}
