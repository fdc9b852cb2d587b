//! Entity transfers (deprecated: use service transfers).
