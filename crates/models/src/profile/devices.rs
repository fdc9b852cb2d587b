//! Trusted devices: list, view, revoke.
