//! Round trips of the models of `linode_requests::account::payments`'s operations.

use linode_models::account::{
    Amount, PayPalPaymentCreate, PayPalPaymentExecute, PayPalPaymentStaged, Payment, PaymentCreate,
};
use linode_models::Page;

crate::roundtrip_tests! {
    amount: Amount,
    payment: Payment,
    payment_page: Page<Payment>,
    payment_create: PaymentCreate,
    paypal_payment_create: PayPalPaymentCreate,
    paypal_payment_staged: PayPalPaymentStaged,
    paypal_payment_execute: PayPalPaymentExecute,
}
