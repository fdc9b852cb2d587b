//! Round trips of the models of `linode_requests::account::betas`'s operations.

use linode_models::account::{BetaProgramEnroll, EnrolledBetaProgram};
use linode_models::Page;

crate::roundtrip_tests! {
    enrolled_beta_program: EnrolledBetaProgram,
    enrolled_beta_program_page: Page<EnrolledBetaProgram>,
    beta_program_enroll: BetaProgramEnroll,
}

#[test]
fn a_beta_program_keeps_its_nulls() {
    let json = r#"{"id":"obj_gen2","label":"Object Storage Gen 2","description":null,"started":"2024-06-03T00:00:00","ended":null,"enrolled":"2024-06-10T07:45:19"}"#;
    let beta: EnrolledBetaProgram = serde_json::from_str(json).unwrap();
    assert_eq!(beta.ended, None);
    let back: serde_json::Value = serde_json::to_value(&beta).unwrap();
    let original: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(back, original);
}
