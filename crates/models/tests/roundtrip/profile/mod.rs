//! The `profile` models, one module per request module of `linode_requests::profile`.

mod apps;
mod details;
mod devices;
mod phone;
mod preferences;
mod security_questions;
mod ssh_keys;
mod tfa;
mod tokens;
