//! Program 5: errors a program can act on. Looks a user up and creates it when missing;
//! after a failed payment, checks whether it may have gone through before anyone pays again.
use linode::account::{CreatePayment, CreateUser, GetUser, ListPayments};
use linode::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = UreqClient::from_env()?;
    match client.send(&GetUser::new("ci-bot")) {
        Ok(user) => println!("{} exists", user.username),
        Err(e) if e.is_not_found() => {
            match client.send(&CreateUser::new("ci-bot", "ci@example.com").restricted(true)) {
                Ok(user) => println!("created {}", user.username),
                Err(e) if e.kind() == ErrorKind::Validation => {
                    for field in e.field_errors() {
                        println!("{:?}: {}", field.field, field.reason);
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(e) if e.kind() == ErrorKind::RateLimited => {
            println!("slow down for {:?}", e.retry_after());
        }
        Err(e) => return Err(e.into()),
    }

    let pay = CreatePayment::new("5.00".parse()?).payment_method_id(4411);
    if let Err(e) = client.send(&pay) {
        if e.may_have_been_applied() != Applied::No {
            for payment in client.send(&ListPayments::new().page_size(25))?.data {
                println!(
                    "check #{} {} {} before paying again",
                    payment.id, payment.date, payment.usd
                );
            }
        }
        return Err(e.into());
    }
    Ok(())
}
