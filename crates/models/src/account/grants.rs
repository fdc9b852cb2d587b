//! Grants: what a restricted user may do, globally and per entity.
