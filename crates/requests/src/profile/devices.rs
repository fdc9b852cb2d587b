//! Trusted devices: list, view, revoke.

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
