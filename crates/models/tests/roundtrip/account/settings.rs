//! Round trips of the models of `linode_requests::account::settings`'s operations.

use linode_models::account::{AccountSettings, AccountSettingsUpdate, ObjectStorageStatus};

crate::roundtrip_tests! {
    object_storage_status: ObjectStorageStatus,
    account_settings: AccountSettings,
    account_settings_update: AccountSettingsUpdate,
}
