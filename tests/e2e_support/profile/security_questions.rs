//! `profile::security_questions`: security questions listed and answered.

use linode::profile::*;

use crate::e2e_support::{Api, Env};

pub async fn scenario<A: Api>(env: Env<A>) {
    let questions = env.ok(&ListSecurityQuestions).await;
    assert!(questions.security_questions.len() >= 8);
    let answered = env
        .ok(&AnswerSecurityQuestions::new([
            (2, "Coimbra"),
            (4, "Rua do Almada"),
            (8, "Mr Tavares"),
        ]))
        .await;
    let ids: Vec<u64> = answered
        .security_questions
        .iter()
        .map(|a| a.question_id)
        .collect();
    assert_eq!(ids, [2, 4, 8]);
    for answer in &answered.security_questions {
        let asked = questions
            .security_questions
            .iter()
            .find(|q| q.id == answer.question_id)
            .unwrap();
        assert_eq!(answer.security_question, asked.question);
    }
    let now = env.ok(&ListSecurityQuestions).await;
    let with_answer: Vec<u64> = now
        .security_questions
        .iter()
        .filter(|q| q.response.is_some())
        .map(|q| q.id)
        .collect();
    assert_eq!(with_answer, [2, 4, 8]);
}
