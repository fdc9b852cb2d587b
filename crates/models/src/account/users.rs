//! Users of the account, and their grants.
