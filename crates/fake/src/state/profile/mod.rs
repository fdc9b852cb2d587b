//! The profile handlers' state, one module per handler module.

pub(crate) mod apps;
pub(crate) mod details;
pub(crate) mod devices;
pub(crate) mod ssh_keys;
pub(crate) mod tokens;
