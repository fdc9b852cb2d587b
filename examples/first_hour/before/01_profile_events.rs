//! Program 1 of a user's first hour: who am I, and what happened that I have not read?
//! Lists the unread events, newest first, and marks them seen.
use linode::account::{EventField, ListEvents, MarkEventSeen};
use linode::prelude::*;
use linode::profile::GetProfile;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = UreqClient::from_env()?;
    let me = client.send(&GetProfile)?;
    println!("hello {} <{}>", me.username, me.email);

    let unread = ListEvents {
        pagination: Pagination::new().page_size(25),
        filter: Some(
            Filter::eq(EventField::Read, false).order_by(EventField::Created, Order::Desc),
        ),
    };
    let page = client.send(&unread)?;
    for event in &page.data {
        println!("{} {} #{}", event.created, event.action, event.id);
    }
    if let Some(newest) = page.data.first() {
        client.send(&MarkEventSeen {
            event_id: newest.id,
        })?;
    }
    Ok(())
}
