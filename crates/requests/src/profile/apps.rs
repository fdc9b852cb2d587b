//! Apps you authorized with OAuth: list, view, revoke.

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
