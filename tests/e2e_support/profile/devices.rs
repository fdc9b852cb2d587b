//! `profile::devices`: trusted devices listed, read, revoked.

use http::StatusCode;
use linode::profile::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let devices = env.ok(&ListTrustedDevices::default()).await;
    assert_eq!(devices.results, 2);
    let device = env
        .ok(&GetTrustedDevice {
            device_id: devices.data[1].id,
        })
        .await;
    assert_eq!(device, devices.data[1]);
    assert!(device.expiry > device.created);
    env.ok(&RevokeTrustedDevice {
        device_id: device.id,
    })
    .await;
    let gone = env
        .api_err(&GetTrustedDevice {
            device_id: device.id,
        })
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(
        env.ok(&ListTrustedDevices::default()).await.data,
        devices.data[..1].to_vec()
    );
}
