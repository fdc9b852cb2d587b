//! Child accounts (parent/child accounts): list, view, create a proxy token.

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
