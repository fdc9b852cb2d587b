//! The Profile group: the user the token belongs to.

mod apps;
mod details;
mod devices;
mod phone;
mod preferences;
mod security_questions;
mod ssh_keys;
mod tfa;
mod tokens;

pub use apps::*;
pub use details::*;
pub use devices::*;
pub use phone::*;
pub use preferences::*;
pub use security_questions::*;
pub use ssh_keys::*;
pub use tfa::*;
pub use tokens::*;
