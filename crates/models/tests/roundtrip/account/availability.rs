//! Round trips of the models of `linode_requests::account::availability`'s operations.

use linode_models::account::AccountAvailability;
use linode_models::Page;

crate::roundtrip_tests! {
    account_availability: AccountAvailability,
    account_availability_page: Page<AccountAvailability>,
}
