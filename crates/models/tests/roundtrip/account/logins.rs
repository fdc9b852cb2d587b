//! Round trips of the models of `linode_requests::account::logins`'s operations.

use linode_models::account::{Login, LoginStatus};
use linode_models::Page;

crate::roundtrip_tests! {
    login_status: LoginStatus,
    login: Login,
    login_page: Page<Login>,
}
