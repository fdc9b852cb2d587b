//! Beta programs: list enrolled, enroll, view.
