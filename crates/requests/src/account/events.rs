//! Events: list, view, mark read, mark seen.

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
