//! Security questions: list, answer.
//!
//! The answers verify your identity (they must be set before two-factor authentication can
//! be turned on), so they are [`Secret`]s: `Debug` does not show them.

use linode_models_derive::Lossless;
use serde::{Deserialize, Serialize};

use crate::{Extra, Secret};

/// One security question you can answer, with your answer if you gave one.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct SecurityQuestion {
    /// The question's id (what an answer refers to).
    pub id: u64,
    /// The question.
    pub question: String,
    /// Your answer; `None` when the question is unanswered.
    pub response: Option<Secret>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The answer to "list security questions": every question on offer.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct SecurityQuestions {
    /// The questions, with your answers where given.
    #[serde(default)]
    pub security_questions: Vec<SecurityQuestion>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// Your answer to one security question, in the body of "answer security questions".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct SecurityQuestionAnswer {
    /// The question's id, from "list security questions".
    pub question_id: u64,
    /// The answer (3 to 17 characters).
    pub response: Secret,
}

/// The body of "answer security questions": exactly three different questions. Answers
/// given before are replaced, and questions left out lose their answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct SecurityQuestionsAnswer {
    /// The answers.
    pub security_questions: Vec<SecurityQuestionAnswer>,
}

/// One answer as the API confirms it, with the question's text.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct AnsweredSecurityQuestion {
    /// The question's id.
    pub question_id: u64,
    /// The answer recorded.
    pub response: Secret,
    /// The question.
    pub security_question: String,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}

/// The answer to "answer security questions": the answers now recorded.
#[derive(Debug, Clone, PartialEq, Eq, Lossless)]
#[cfg_attr(feature = "proptest", derive(proptest_derive::Arbitrary))]
pub struct AnsweredSecurityQuestions {
    /// The recorded answers.
    #[serde(default)]
    pub security_questions: Vec<AnsweredSecurityQuestion>,
    /// Members this version does not model, kept as sent (see [`Extra`]).
    pub extra: Extra,
}
