//! Security questions: list, answer.

use bytes::Bytes;
use linode_models::profile::{
    AnsweredSecurityQuestions, SecurityQuestionAnswer, SecurityQuestions, SecurityQuestionsAnswer,
};

use crate::operation_info::OperationInfo;
use crate::{BuildError, Metadata, Operation, RequestBodyKind, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListSecurityQuestions>(),
    OperationInfo::json::<AnswerSecurityQuestions>(),
];

/// Lists the security questions on offer, with your answers where you gave them. Not
/// paginated: the answer is one object holding every question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListSecurityQuestions;

impl Operation for ListSecurityQuestions {
    const META: Metadata = Metadata {
        id: "get-security-questions",
        name: "profile::ListSecurityQuestions",
        summary: "List security questions",
        path: "/profile/security-questions",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = SecurityQuestions;
}

/// Answers exactly three different security questions. Earlier answers are replaced, and
/// questions not answered here are reset. Needed before two-factor authentication can be
/// turned on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerSecurityQuestions {
    /// The answers.
    pub body: SecurityQuestionsAnswer,
}

impl AnswerSecurityQuestions {
    /// Answers with `(question_id, answer)` pairs.
    pub fn new<A: Into<linode_models::Secret>>(
        answers: impl IntoIterator<Item = (u64, A)>,
    ) -> Self {
        Self {
            body: SecurityQuestionsAnswer {
                security_questions: answers
                    .into_iter()
                    .map(|(question_id, response)| SecurityQuestionAnswer {
                        question_id,
                        response: response.into(),
                    })
                    .collect(),
            },
        }
    }
}

impl Operation for AnswerSecurityQuestions {
    const META: Metadata = Metadata {
        id: "post-security-questions",
        name: "profile::AnswerSecurityQuestions",
        summary: "Answer security questions",
        path: "/profile/security-questions",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = AnsweredSecurityQuestions;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        crate::validation::validated_json_body(&self.body)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListSecurityQuestions {}
    AnswerSecurityQuestions { body }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn list_builds_and_parses_answered_and_unanswered_questions() {
        let req = build(&ListSecurityQuestions);
        assert_request(&req, "GET", "/v4/profile/security-questions", None);
        let questions = parse_ok::<ListSecurityQuestions>(
            200,
            r#"{"security_questions": [
                {"id": 3, "question": "What was the name of your first school?", "response": "Hillcrest"},
                {"id": 8, "question": "What was your childhood nickname?", "response": null}
            ]}"#,
        );
        let q = &questions.security_questions;
        assert_eq!(q[0].id, 3);
        assert_eq!(
            q[0].response.as_ref().map(|r| r.expose()),
            Some("Hillcrest")
        );
        assert_eq!(q[1].response, None);
        assert!(!format!("{questions:?}").contains("Hillcrest"));
    }

    #[test]
    fn answer_sends_question_ids_and_answers() {
        let op = AnswerSecurityQuestions::new([(3, "Hillcrest"), (8, "Bugsy"), (11, "Kumasi")]);
        assert_request(
            &build(&op),
            "POST",
            "/v4/profile/security-questions",
            Some(
                r#"{"security_questions": [{"question_id": 3, "response": "Hillcrest"},
                    {"question_id": 8, "response": "Bugsy"}, {"question_id": 11, "response": "Kumasi"}]}"#,
            ),
        );
        assert!(!format!("{op:?}").contains("Bugsy"));
        let answered = parse_ok::<AnswerSecurityQuestions>(
            200,
            r#"{"security_questions": [{"question_id": 3, "response": "Hillcrest",
                "security_question": "What was the name of your first school?"}]}"#,
        );
        assert_eq!(
            answered.security_questions[0].security_question,
            "What was the name of your first school?"
        );
    }

    #[test]
    fn two_answers_are_refused() {
        let err = parse_err::<AnswerSecurityQuestions>(
            400,
            r#"{"errors": [{"field": "security_questions", "reason": "Exactly 3 security questions are required"}]}"#,
        );
        assert_eq!(err.errors[0].field.as_deref(), Some("security_questions"));
    }
}
