//! `profile::apps`: authorized apps listed, read, revoked.

use http::StatusCode;
use linode::profile::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let apps = env.ok(&ListAuthorizedApps::default()).await;
    assert_eq!(apps.results, 2);
    let app = env
        .ok(&GetAuthorizedApp {
            app_id: apps.data[0].id,
        })
        .await;
    assert_eq!(app, apps.data[0]);
    env.ok(&RevokeAuthorizedApp { app_id: app.id }).await;
    let gone = env.api_err(&GetAuthorizedApp { app_id: app.id }).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let left = env.ok(&ListAuthorizedApps::default()).await;
    assert_eq!(left.data, apps.data[1..].to_vec());
}
