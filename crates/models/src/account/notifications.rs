//! Notifications on the account.
