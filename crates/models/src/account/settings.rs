//! Account settings: view, update; enable Linode Managed.
