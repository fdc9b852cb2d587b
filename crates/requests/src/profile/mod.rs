//! The Profile group: the user the token belongs to.

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

pub use apps::*;
pub use details::*;
pub use devices::*;
pub use grants::*;
pub use logins::*;
pub use phone::*;
pub use preferences::*;
pub use security_questions::*;
pub use ssh_keys::*;
pub use tfa::*;
pub use tokens::*;
