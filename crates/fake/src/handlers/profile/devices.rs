//! `/profile/devices`: the devices the user trusts (no TFA prompt there).

use linode_models::profile::TrustedDevice;
use linode_models::{Empty, Page, Timestamp};
use linode_requests::profile::{GetTrustedDevice, ListTrustedDevices, RevokeTrustedDevice};

use crate::handler::{handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    ListTrustedDevices => list_devices,
    GetTrustedDevice => get_device,
    RevokeTrustedDevice => delete_device,
}

fn list_devices(
    store: &mut Store,
    ctx: &Ctx<'_>,
    op: ListTrustedDevices,
) -> Result<Page<TrustedDevice>, Failure> {
    ctx.list(store.devices.devices.values(), op.pagination)
}

fn get_device(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: GetTrustedDevice,
) -> Result<TrustedDevice, Failure> {
    store
        .devices
        .devices
        .get(&op.device_id)
        .cloned()
        .ok_or_else(Failure::not_found)
}

fn delete_device(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: RevokeTrustedDevice,
) -> Result<Empty, Failure> {
    match store.devices.devices.remove(&op.device_id) {
        Some(_) => Ok(Empty::default()),
        None => Err(Failure::not_found()),
    }
}

/// Two trusted devices.
pub(crate) fn seed(store: &mut Store, at: &dyn Fn(i64) -> Timestamp) {
    let devices = [
        (
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "198.51.100.23",
            -40,
            -1,
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
            "203.0.113.77",
            -12,
            -4,
        ),
    ];
    for (agent, addr, created, last) in devices {
        let id = store.next_id();
        store.devices.devices.insert(
            id,
            TrustedDevice {
                extra: Default::default(),
                created: at(created),
                expiry: at(created + 30),
                id,
                last_authenticated: at(last),
                last_remote_addr: addr.to_owned(),
                user_agent: agent.to_owned(),
            },
        );
    }
}
