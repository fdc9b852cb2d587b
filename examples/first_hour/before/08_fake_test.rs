//! Program 8: a test of my own code against `linode-fake` (a dev-dependency), including a
//! `503` the client must ride out.
use linode::account::{CreateUser, ListUsers, UserField};
use linode::prelude::*;
use linode_fake::{FakeLinode, Fault, FaultRule};

/// The code under test: the restricted users whose username contains `part`.
fn restricted_users(client: &UreqClient, part: &str) -> Result<Vec<String>, Error> {
    let op = ListUsers {
        pagination: Pagination::new().page_size(100),
        filter: Some(Filter::contains(UserField::Username, part)),
    };
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
    let mut anna = CreateUser::new("hour-anna", "anna@example.com");
    anna.body.restricted = Some(true);
    client.send(&anna)?;
    let mut bruno = CreateUser::new("hour-bruno", "bruno@example.com");
    bruno.body.restricted = Some(false);
    client.send(&bruno)?;

    fake.inject(FaultRule::for_op::<ListUsers>(Fault::unavailable()).times(1));
    assert_eq!(restricted_users(&client, "hour-")?, ["hour-anna"]);
    assert_eq!(fake.count_of::<ListUsers>(), 2); // the 503, then the retry
    Ok(())
}
