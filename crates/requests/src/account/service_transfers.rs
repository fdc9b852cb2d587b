//! Service transfers: list, create, view, cancel, accept.

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
