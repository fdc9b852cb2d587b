//! Model round trips (model -> JSON -> model, and JSON -> model -> JSON), grouped as the
//! request modules are: `account/payments.rs` holds the models of
//! `linode_requests::account::payments`' operations.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may fail loudly

mod support;

mod account;
mod common;
mod profile;
