//! OAuth clients: list, create, view, update, delete, reset secret, thumbnail.
