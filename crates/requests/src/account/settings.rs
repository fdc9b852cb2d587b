//! Account settings: view, update; enable Linode Managed.

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
