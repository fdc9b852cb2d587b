//! `profile::tokens`: personal access tokens created, used, listed, renamed, revoked.

use linode::models::profile::PersonalAccessTokenUpdate;
use http::StatusCode;
use linode::profile::*;

use super::OWNER;
use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let seeded = env.ok(&ListPersonalAccessTokens::default()).await;
    assert_eq!(seeded.results, 2);

    let created = env
        .ok(&CreatePersonalAccessToken::new(
            "e2e-reports",
            linode::models::Scopes::none().read_only("account"),
        ))
        .await;
    assert_eq!(
        (created.label.as_str(), created.scopes.to_string().as_str()),
        ("e2e-reports", "account:read_only")
    );
    let secret = created.token.expose().to_owned();
    assert!(secret.len() >= 32, "the whole token, once");
    assert!(
        !format!("{created:?}").contains(&secret),
        "Debug hides the token"
    );

    let got = env
        .ok(&GetPersonalAccessToken {
            token_id: created.id,
        })
        .await;
    assert_eq!(
        (got.id, got.label.as_str(), got.scopes.to_string().as_str()),
        (created.id, "e2e-reports", "account:read_only")
    );
    assert!(
        got.token.expose().len() < secret.len() && secret.starts_with(got.token.expose()),
        "later reads show only the start of the token"
    );
    let listed = env.ok(&ListPersonalAccessTokens::default()).await;
    assert_eq!(listed.results, 3);
    assert!(listed.data.iter().any(|t| t.id == created.id));

    // The new token is accepted by the API, as the profile's owner.
    let holder = env.client(Some(&secret));
    let me = holder.send_op(&GetProfile).await.unwrap();
    assert_eq!(me.value.username, OWNER);
    assert_eq!(me.meta().oauth_scopes(), ["account:read_only"]);

    let renamed = env
        .ok(&UpdatePersonalAccessToken {
            token_id: created.id,
            body: PersonalAccessTokenUpdate {
                label: Some("e2e-reporting".into()),
            },
        })
        .await;
    assert_eq!(
        (renamed.id, renamed.label.as_str()),
        (created.id, "e2e-reporting")
    );
    assert_eq!(
        env.ok(&GetPersonalAccessToken {
            token_id: created.id
        })
        .await
        .label,
        "e2e-reporting"
    );

    env.ok(&RevokePersonalAccessToken {
        token_id: created.id,
    })
    .await;
    let gone = env
        .api_err(&GetPersonalAccessToken {
            token_id: created.id,
        })
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let refused = holder.send_op(&GetProfile).await.unwrap_err();
    assert_eq!(
        refused.status(),
        Some(StatusCode::UNAUTHORIZED),
        "a revoked token stops working"
    );
    assert_eq!(
        env.ok(&ListPersonalAccessTokens::default()).await.results,
        2
    );
}
