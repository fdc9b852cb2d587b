//! `account::users`: users created, changed, deleted; grants read and set.

use linode::models::account::{EntityGrantUpdate, GlobalGrantsUpdate, GrantPermission, GrantsUpdate, UserUpdate};
use linode::requests::{Filter, Pagination};
use http::StatusCode;
use linode::account::*;
use linode::models::Update;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
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
