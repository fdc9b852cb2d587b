//! Round trips of the models of `linode_requests::profile::devices`'s operations.

use linode_models::profile::TrustedDevice;
use linode_models::Page;

crate::roundtrip_tests! {
    trusted_device: TrustedDevice,
    trusted_device_page: Page<TrustedDevice>,
}
