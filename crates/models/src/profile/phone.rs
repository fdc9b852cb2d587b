//! Phone number verification: send a code, verify, delete.
