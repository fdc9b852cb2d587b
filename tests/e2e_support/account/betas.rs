//! `account::betas`: beta programs listed and enrolled in.

use linode::models::account::BetaProgramEnroll;
use linode::account::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
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
