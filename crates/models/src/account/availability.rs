//! Service availability by region.
