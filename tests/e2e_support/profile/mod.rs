//! The Profile scenarios, one per request module of `linode_requests::profile` (at the same
//! relative path: `profile/ssh_keys.rs` here exercises `src/profile/ssh_keys.rs` there).

/// The profile's owner in the fake's seed.
pub const OWNER: &str = "mira_okafor";
/// An SSH public key made up for these tests.
pub const KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE2eTestsKeyMaterialForTheTourOfTheSdk01 e2e@ci";

super::scenarios! {
    profile:
    details,
    preferences,
    ssh_keys,
    tokens,
    apps,
    devices,
    logins,
    grants,
    phone,
    security_questions,
    tfa,
}
