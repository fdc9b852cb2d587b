//! Beta programs your account is enrolled in.

use linode_models_derive::Lossless;
use serde::{Deserialize, Serialize};

use crate::{Extra, Timestamp};

/// A beta program your account has enrolled in (active or ended).
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct EnrolledBetaProgram {
    /// The program's id, e.g. `vpc_ipv6`.
    pub id: String,
    /// The program's name.
    pub label: String,
    /// More about the program, if the API has any.
    pub description: Option<String>,
    /// When the program started.
    pub started: Timestamp,
    /// When the program ended; `None` while it is ongoing.
    pub ended: Option<Timestamp>,
    /// When your account enrolled.
    pub enrolled: Timestamp,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The body of "enroll in a beta program".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct BetaProgramEnroll {
    /// The id of the program to join.
    pub id: String,
}
