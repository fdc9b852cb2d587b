//! Logins to your user: list, view.
