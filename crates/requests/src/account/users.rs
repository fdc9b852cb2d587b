//! Users of the account, and their grants.

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
