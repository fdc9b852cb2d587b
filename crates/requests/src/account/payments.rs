//! Payments: list, view, make; PayPal (deprecated).

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
