//! Personal access tokens: list, create, view, update, revoke.

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
