//! Logins to the account's users: list, view.
