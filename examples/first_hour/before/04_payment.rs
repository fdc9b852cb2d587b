//! Program 4: pay $20.00 with the default payment method, then show the last payments.
use linode::account::{CreatePayment, ListPaymentMethods, ListPayments};
use linode::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = UreqClient::from_env()?;
    let methods = client.send(&ListPaymentMethods::default())?;
    let Some(method) = methods.data.iter().find(|m| m.is_default) else {
        return Err("add a payment method in Cloud Manager first".into());
    };
    let paid = client.send(&CreatePayment::new("20.00".parse()?).with_payment_method(method.id))?;
    println!("paid {} on {}", paid.usd, paid.date);

    let last = ListPayments {
        pagination: Pagination::new().page_size(25),
    };
    for payment in client.send(&last)?.data {
        println!("#{} {} {}", payment.id, payment.date, payment.usd);
    }
    Ok(())
}
