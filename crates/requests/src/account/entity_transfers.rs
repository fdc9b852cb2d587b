//! Entity transfers (deprecated: use service transfers).

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
