//! The account itself: view, update, cancel; network transfer.

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
