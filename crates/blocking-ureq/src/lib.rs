//! Placeholder: the transport lands with the transports issue.
