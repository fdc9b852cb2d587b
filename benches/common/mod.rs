//! Response bodies the benchmarks parse: realistic, generated here (not recorded).

#![allow(dead_code)] // each bench target uses a different subset

pub(crate) mod server;
pub(crate) mod shaper;

use linode::requests::account::{EventField, ListEvents};
use linode::requests::filter::{Filter, Order};
use linode::requests::Pagination;
use serde_json::{json, Value};

const ACTIONS: [&str; 6] = [
    "linode_boot",
    "linode_create",
    "disk_resize",
    "volume_attach",
    "user_update",
    "ticket_create",
];

/// One event, varied by `i` so the page is not 100 copies of one string.
pub(crate) fn event(i: u64) -> Value {
    json!({
        "id": 8_000_000 + i,
        "action": ACTIONS[(i % 6) as usize],
        "created": format!("2024-0{}-1{}T0{}:2{}:3{}", 1 + i % 9, i % 10, i % 10, i % 6, i % 10),
        "duration": (i % 40) as f64 + 0.5,
        "entity": {"id": 41_000 + i, "label": format!("web-{i:03}"), "type": "linode", "url": format!("/v4/linode/instances/{}", 41_000 + i)},
        "message": if i.is_multiple_of(3) { Value::Null } else { Value::from("Resized by the autoscaler") },
        "percent_complete": 100,
        "rate": Value::Null,
        "read": i.is_multiple_of(2),
        "secondary_entity": if i.is_multiple_of(4) { json!({"id": 900 + i, "label": "disk", "type": "disk", "url": "/v4/linode/instances/1/disks/2"}) } else { Value::Null },
        "seen": true,
        "status": "finished",
        "time_remaining": Value::Null,
        "username": "ops-bot"
    })
}

/// A page of `n` events.
pub(crate) fn event_page(n: u64) -> Vec<u8> {
    let data: Vec<Value> = (0..n).map(event).collect();
    json!({"data": data, "page": 1, "pages": 40, "results": 40 * n})
        .to_string()
        .into_bytes()
}

/// Page `page` (from 1) of a list of `total` events, `page_size` to a page, made on the spot:
/// event `i` of the list is [`event`]`(i)`, so a walk can check it saw each one once, in order.
pub(crate) fn event_page_at(page: u64, page_size: u64, total: u64) -> Vec<u8> {
    let page_size = page_size.max(1);
    let pages = total.div_ceil(page_size).max(1);
    let start = page.saturating_sub(1).saturating_mul(page_size).min(total);
    let end = start.saturating_add(page_size).min(total);
    let data: Vec<Value> = (start..end).map(event).collect();
    json!({"data": data, "page": page, "pages": pages, "results": total})
        .to_string()
        .into_bytes()
}

/// The profile of a typical user.
pub(crate) fn profile() -> Vec<u8> {
    json!({
        "authentication_type": "password",
        "authorized_keys": ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBench bench@host"],
        "email": "bench.user@example.org",
        "email_notifications": true,
        "ip_whitelist_enabled": false,
        "lish_auth_method": "keys_only",
        "referrals": {"code": "b3nchc0de", "completed": 3, "credit": 45.0, "pending": 1, "total": 4, "url": "https://www.linode.com/?r=b3nchc0de"},
        "restricted": false,
        "timezone": "Europe/Berlin",
        "two_factor_auth": true,
        "uid": 7301,
        "username": "bench-user",
        "verified_phone_number": "+4915112345678"
    })
    .to_string()
    .into_bytes()
}

/// A restricted user's grants: every global flag, and 20 entities of each kind.
pub(crate) fn grants() -> Vec<u8> {
    let entities = |base: u64| -> Vec<Value> {
        (0..20)
            .map(|i| json!({"id": base + i, "label": format!("thing-{i}"), "permissions": if i.is_multiple_of(3) { "read_write" } else { "read_only" }}))
            .collect()
    };
    json!({
        "global": {
            "account_access": "read_only", "add_databases": true, "add_domains": false, "add_firewalls": true,
            "add_images": false, "add_linodes": true, "add_longview": false, "add_nodebalancers": true,
            "add_placement_groups": false, "add_stackscripts": false, "add_volumes": true, "add_vpcs": true,
            "cancel_account": false, "child_account_access": false, "longview_subscription": false
        },
        "database": entities(100), "domain": entities(200), "firewall": entities(300), "image": entities(400),
        "linode": entities(500), "longview": entities(600), "nodebalancer": entities(700),
        "placement_group": entities(800), "stackscript": entities(900), "volume": entities(1000), "vpc": entities(1100)
    })
    .to_string()
    .into_bytes()
}

/// The filtered, ordered events page both build benchmarks measure: one definition, so the
/// criterion and instruction-count figures are of the same request.
pub(crate) fn filtered_events() -> ListEvents {
    ListEvents {
        pagination: Pagination::new().page(3).page_size(100),
        filter: Some(
            Filter::all([
                Filter::eq(EventField::Read, false),
                Filter::gte(EventField::Created, "2024-01-01T00:00:00"),
            ])
            .order_by(EventField::Created, Order::Desc),
        ),
    }
}
