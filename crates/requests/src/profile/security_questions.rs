//! Security questions: list, answer.

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
