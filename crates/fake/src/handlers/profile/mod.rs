//! The handlers of `linode_requests::profile`, one module per request module.

pub(crate) mod apps;
pub(crate) mod details;
pub(crate) mod devices;
pub(crate) mod grants;
pub(crate) mod logins;
pub(crate) mod phone;
pub(crate) mod preferences;
pub(crate) mod security_questions;
pub(crate) mod ssh_keys;
pub(crate) mod tfa;
pub(crate) mod tokens;
