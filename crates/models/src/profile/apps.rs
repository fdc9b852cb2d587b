//! Apps you authorized with OAuth: list, view, revoke.
