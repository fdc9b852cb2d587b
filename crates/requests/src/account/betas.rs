//! Beta programs: list enrolled, enroll, view.

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
