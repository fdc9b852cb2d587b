//! The data `handlers::account::payments` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;
use std::collections::VecDeque;

use linode_models::account::Payment;

/// The payments, and the PayPal payments staged but not executed.
#[derive(Debug, Default)]
pub(crate) struct Payments {
    pub(crate) payments: BTreeMap<u64, Payment>,
    pub(crate) paypal_staged: VecDeque<String>,
}
