//! `/profile/security-questions`: the questions, and the three answers the user gave.

use linode_models::profile::{
    AnsweredSecurityQuestion, AnsweredSecurityQuestions, SecurityQuestion, SecurityQuestions,
};
use linode_requests::profile::{AnswerSecurityQuestions, ListSecurityQuestions};

use crate::handler::{check_length, collected, field_error, handlers, Ctx};
use crate::reply::Failure;
use crate::state::Store;

handlers! {
    ListSecurityQuestions => list_questions,
    AnswerSecurityQuestions => answer_questions,
}

/// The questions users pick three of.
const QUESTIONS: &[(u64, &str)] = &[
    (1, "In what city did your parents meet?"),
    (2, "What was the name of your first stuffed animal?"),
    (3, "What street did your best childhood friend live on?"),
    (4, "What was the make of the first car you drove?"),
    (5, "What is the middle name of your oldest cousin?"),
    (6, "In what town was your first job?"),
    (7, "What was the first concert you attended?"),
    (8, "What was the name of your first teacher?"),
];

fn list_questions(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    _op: ListSecurityQuestions,
) -> Result<SecurityQuestions, Failure> {
    let security_questions = QUESTIONS
        .iter()
        .map(|(id, question)| SecurityQuestion {
            extra: Default::default(),
            id: *id,
            question: (*question).to_owned(),
            response: store
                .profile
                .answers
                .iter()
                .find(|(q, _)| q == id)
                .map(|(_, r)| r.clone()),
        })
        .collect();
    Ok(SecurityQuestions {
        extra: Default::default(),
        security_questions,
    })
}

fn answer_questions(
    store: &mut Store,
    _ctx: &Ctx<'_>,
    op: AnswerSecurityQuestions,
) -> Result<AnsweredSecurityQuestions, Failure> {
    let body = op.body;
    let mut errors = Vec::new();
    if body.security_questions.len() != 3 {
        errors.push(field_error(
            "security_questions",
            "Answer exactly three questions",
        ));
    }
    let mut seen = Vec::new();
    for (i, answer) in body.security_questions.iter().enumerate() {
        if !QUESTIONS.iter().any(|(id, _)| *id == answer.question_id) {
            errors.push(field_error(
                format!("security_questions[{i}].question_id"),
                "No such question",
            ));
        } else if seen.contains(&answer.question_id) {
            errors.push(field_error(
                format!("security_questions[{i}].question_id"),
                "Each question may be answered once",
            ));
        }
        seen.push(answer.question_id);
        check_length(
            &mut errors,
            &format!("security_questions[{i}].response"),
            answer.response.expose(),
            3,
            17,
        );
    }
    collected(errors)?;
    store.profile.answers = body
        .security_questions
        .iter()
        .map(|a| (a.question_id, a.response.clone()))
        .collect();
    let security_questions = body
        .security_questions
        .into_iter()
        .map(|a| AnsweredSecurityQuestion {
            extra: Default::default(),
            security_question: QUESTIONS
                .iter()
                .find(|(id, _)| *id == a.question_id)
                .map(|(_, q)| (*q).to_owned())
                .unwrap_or_default(),
            question_id: a.question_id,
            response: a.response,
        })
        .collect();
    Ok(AnsweredSecurityQuestions {
        extra: Default::default(),
        security_questions,
    })
}
