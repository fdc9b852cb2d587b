//! Scheduled maintenance of the account's resources.
