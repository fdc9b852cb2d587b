//! Service transfers: list, create, view, cancel, accept.
