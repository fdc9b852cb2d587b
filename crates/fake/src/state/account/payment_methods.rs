//! The data `handlers::account::payment_methods` works on: only the types, so that `Store` can hold them
//! while the functions working on them take the whole `Store` without a module cycle.

use std::collections::BTreeMap;

use linode_models::account::PaymentMethod;

/// The payment methods, by id.
#[derive(Debug, Default)]
pub(crate) struct PaymentMethods {
    pub(crate) methods: BTreeMap<u64, PaymentMethod>,
}
