//! Events: list, view, mark read, mark seen.
