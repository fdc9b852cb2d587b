//! OAuth clients: list, create, view, update, delete, reset secret, thumbnail.

use crate::registry::OperationInfo;

pub(crate) const OPERATIONS: &[OperationInfo] = &[];
