//! Payment methods: list, view, add, delete, make default; credit card (deprecated).

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
