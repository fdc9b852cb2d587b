//! Your profile: view and update.
