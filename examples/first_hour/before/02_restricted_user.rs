//! Program 2: a restricted user for the bookkeeper, who may see and pay the bills and do
//! nothing else.
use linode::account::{CreateUser, UpdateUserGrants};
use linode::models::account::{GlobalGrantsUpdate, GrantPermission, GrantsUpdate};
use linode::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = UreqClient::from_env()?;
    let mut create = CreateUser::new("bookkeeper", "books@example.com");
    create.body.restricted = Some(true);
    let user = client.send(&create)?;

    let billing = UpdateUserGrants {
        username: user.username.clone(),
        body: GrantsUpdate {
            global: Some(GlobalGrantsUpdate {
                account_access: Update::Set(GrantPermission::ReadWrite),
                add_linodes: Some(false),
                ..Default::default()
            }),
            ..Default::default()
        },
    };
    let grants = client.send(&billing)?;
    println!(
        "{} may {:?} the account",
        user.username, grants.global.account_access
    );
    Ok(())
}
