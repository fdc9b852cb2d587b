//! Round trips of the models of `linode_requests::profile::ssh_keys`'s operations.

use linode_models::profile::{SshKey, SshKeyCreate, SshKeyUpdate};
use linode_models::Page;

crate::roundtrip_tests! {
    ssh_key: SshKey,
    ssh_key_page: Page<SshKey>,
    ssh_key_create: SshKeyCreate,
    ssh_key_update: SshKeyUpdate,
}
