//! Security questions: list, answer.
