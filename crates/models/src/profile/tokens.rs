//! Personal access tokens: list, create, view, update, revoke.
