//! Two-factor authentication: create a secret, confirm, disable.
