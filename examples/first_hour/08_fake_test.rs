//! Program 8: a test of my own code against `linode-fake` (a dev-dependency), including a
//! `503` the client must ride out.
use linode::account::{CreateUser, ListUsers, UserField};
use linode::prelude::*;
use linode_fake::{FakeLinode, Fault, FaultRule};

/// The code under test: the restricted users whose username contains `part`.
fn restricted_users(client: &UreqClient, part: &str) -> Result<Vec<String>, Error> {
    let op = ListUsers::new()
        .filtered(Filter::contains(UserField::Username, part))
        .page_size(100);
    let mut names = Vec::new();
    for user in client.items(op) {
        let user = user?;
        if user.restricted {
            names.push(user.username);
        }
    }
    Ok(names)
}

#[test]
fn finds_restricted_users_through_a_503() -> Result<(), Box<dyn std::error::Error>> {
    let fake = FakeLinode::start_blocking()?;
    let config = ClientConfig::new()
        .with_base_url(fake.url())?
        .with_token(fake.token())?;
    let client = UreqClient::from_config(config)?;
    client.send(&CreateUser::new("hour-anna", "anna@example.com").restricted(true))?;
    client.send(&CreateUser::new("hour-bruno", "bruno@example.com").restricted(false))?;

    fake.inject(FaultRule::for_op::<ListUsers>(Fault::unavailable()).times(1));
    assert_eq!(restricted_users(&client, "hour-")?, ["hour-anna"]);
    assert_eq!(fake.count_of::<ListUsers>(), 2); // the 503, then the retry
    Ok(())
}
