//! Your own grants (empty for unrestricted users).
