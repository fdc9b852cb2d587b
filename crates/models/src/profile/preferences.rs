//! Free-form user preferences: view, update.
