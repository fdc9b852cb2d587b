//! Legal agreements: view, acknowledge.
