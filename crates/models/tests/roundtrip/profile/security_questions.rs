//! Round trips of the models of `linode_requests::profile::security_questions`'s operations.

use linode_models::profile::{
    AnsweredSecurityQuestion, AnsweredSecurityQuestions, SecurityQuestion, SecurityQuestionAnswer,
    SecurityQuestions, SecurityQuestionsAnswer,
};

crate::roundtrip_tests! {
    security_question: SecurityQuestion,
    security_questions: SecurityQuestions,
    security_question_answer: SecurityQuestionAnswer,
    security_questions_answer: SecurityQuestionsAnswer,
    answered_security_question: AnsweredSecurityQuestion,
    answered_security_questions: AnsweredSecurityQuestions,
}
