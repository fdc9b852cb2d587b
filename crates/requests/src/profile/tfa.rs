//! Two-factor authentication: create a secret, confirm, disable.

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
