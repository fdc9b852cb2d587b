//! Round trips of the models of `linode_requests::account::child_accounts`'s operations.

use linode_models::account::{ChildAccount, ChildAccountBillingSource, ProxyUserToken};
use linode_models::Page;

crate::roundtrip_tests! {
    child_account_billing_source: ChildAccountBillingSource,
    child_account: ChildAccount,
    child_account_page: Page<ChildAccount>,
    proxy_user_token: ProxyUserToken,
}
