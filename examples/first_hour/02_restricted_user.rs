//! Program 2: a restricted user for the bookkeeper, who may see and pay the bills and do
//! nothing else.
use linode::account::{CreateUser, UpdateUserGrants};
use linode::models::account::GrantPermission;
use linode::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = UreqClient::from_env()?;
    let user = client.send(&CreateUser::new("bookkeeper", "books@example.com").restricted(true))?;

    let billing = UpdateUserGrants::new(&user.username)
        .account_access(GrantPermission::ReadWrite)
        .add_linodes(false);
    let grants = client.send(&billing)?;
    println!(
        "{} may {:?} the account",
        user.username, grants.global.account_access
    );
    Ok(())
}
