//! The fuzz targets' checks (shared with the main workspace's regression test).
#![allow(missing_docs)]

pub mod checks;
