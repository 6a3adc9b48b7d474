//! Escalations (§6(4)ウ): a question the manual does not answer goes from the counter to the site
//! manager, who sends it to the city; city staff write the instruction; the operator who asked
//! sees it; one click turns it into a FAQ draft linked to the escalation. No personal data: the
//! question and answer go through the same check as visit notes.

use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use super::{create, Draft, KbError, Kind};
use crate::store::Store;

/// How an escalation moves on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The site manager sends the question to the city.
    Send,
    /// City staff answer it.
    Answer,
    /// The answer becomes a FAQ draft.
    Faq,
}

/// One escalation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Escalation {
    /// Its number.
    pub id: i64,
    /// When asked.
    pub asked_at: String,
    /// Who asked.
    pub asked_by: String,
    /// At which counter.
    pub counter: u8,
    /// The question.
    pub question: String,
    /// `open`, `sent` or `answered`.
    pub status: String,
    /// When the site manager sent it.
    pub sent_at: Option<String>,
    /// The city's instruction.
    pub answer: String,
    /// When answered.
    pub answered_at: Option<String>,
    /// Who answered.
    pub answered_by: Option<String>,
    /// The FAQ draft made from it.
    pub faq_document_id: Option<i64>,
}

fn row(r: &Row<'_>) -> rusqlite::Result<Escalation> {
    Ok(Escalation {
        id: r.get(0)?,
        asked_at: r.get(1)?,
        asked_by: r.get(2)?,
        counter: r.get(3)?,
        question: r.get(4)?,
        status: r.get(5)?,
        sent_at: r.get(6)?,
        answer: r.get(7)?,
        answered_at: r.get(8)?,
        answered_by: r.get(9)?,
        faq_document_id: r.get(10)?,
    })
}

const COLUMNS: &str = "id, asked_at, asked_by, counter, question, status, sent_at, answer, answered_at, answered_by, faq_document_id";

fn checked(field: &'static str, text: &str) -> Result<String, KbError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(KbError::Required(field));
    }
    crate::privacy::check_text(text, 1000)
        .map_err(|source| KbError::PersonalData { field, source })?;
    Ok(text.to_string())
}

/// Escalation `id` with its uid and revision (what travels to the other counters).
pub fn shared(store: &Store, id: i64) -> Result<(Escalation, String, i64), KbError> {
    let (uid, revision) = store
        .conn
        .query_row(
            "SELECT uid, revision FROM escalations WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(KbError::NotFound(id))?;
    Ok((get(store, id)?, uid, revision))
}

/// Places an escalation's version from another counter by its uid: added when new, or made
/// current when `theirs_current` (its steps only move forward: asked, sent, answered). The link
/// to a FAQ draft stays local (the draft travels as a document of its own).
pub fn place(
    store: &Store,
    uid: &str,
    revision: i64,
    theirs: &Escalation,
    theirs_current: bool,
) -> Result<crate::sync::Placed, KbError> {
    use crate::sync::Placed;
    let found: Option<i64> = store
        .conn
        .query_row("SELECT id FROM escalations WHERE uid = ?1", [uid], |r| {
            r.get(0)
        })
        .optional()?;
    let e = theirs;
    match found {
        None => {
            store.conn.execute(
                "INSERT INTO escalations (asked_at, asked_by, counter, question, status, sent_at, answer, answered_at,
                                          answered_by, uid, revision)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![e.asked_at, e.asked_by, e.counter, e.question, e.status, e.sent_at, e.answer,
                        e.answered_at, e.answered_by, uid, revision],
            )?;
            Ok(Placed::Added)
        }
        Some(id) if theirs_current => {
            let n = store.conn.execute(
                "UPDATE escalations SET status = ?2, sent_at = ?3, answer = ?4, answered_at = ?5, answered_by = ?6,
                        revision = ?7
                 WHERE id = ?1 AND (status, sent_at, answer, answered_at, answered_by, revision)
                       IS NOT (?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, e.status, e.sent_at, e.answer, e.answered_at, e.answered_by, revision],
            )?;
            Ok(if n == 0 {
                Placed::Same
            } else {
                Placed::Replaced
            })
        }
        Some(_) => Ok(Placed::KeptOurs),
    }
}

fn get(store: &Store, id: i64) -> Result<Escalation, KbError> {
    store
        .conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM escalations WHERE id = ?1"),
            [id],
            row,
        )
        .optional()?
        .ok_or(KbError::NotFound(id))
}

/// Records a question from the counter (operators and the site manager).
pub fn ask(
    store: &Store,
    question: &str,
    by: &str,
    counter: u8,
    now: &str,
) -> Result<i64, KbError> {
    let question = checked("質問", question)?;
    store.conn.execute(
        "INSERT INTO escalations (asked_at, asked_by, counter, question, status, uid, revision)
         VALUES (?1, ?2, ?3, ?4, 'open', ?5, 1)",
        params![now, by, counter, question, uuid::Uuid::new_v4().to_string()],
    )?;
    Ok(store.conn.last_insert_rowid())
}

/// The site manager sends an open question to the city.
pub fn send(store: &Store, id: i64, by: &str, now: &str) -> Result<(), KbError> {
    if get(store, id)?.status != "open" {
        return Err(KbError::WrongStatus("送付済み"));
    }
    store.conn.execute(
        "UPDATE escalations SET status = 'sent', sent_at = ?2, sent_by = ?3, revision = revision + 1 WHERE id = ?1",
        params![id, now, by],
    )?;
    Ok(())
}

/// City staff write the instruction.
pub fn answer(store: &Store, id: i64, text: &str, by: &str, now: &str) -> Result<(), KbError> {
    if get(store, id)?.status != "sent" {
        return Err(KbError::WrongStatus("未送付または回答済み"));
    }
    let text = checked("回答", text)?;
    store.conn.execute(
        "UPDATE escalations SET status = 'answered', answer = ?2, answered_at = ?3, answered_by = ?4,
                revision = revision + 1 WHERE id = ?1",
        params![id, text, now, by],
    )?;
    Ok(())
}

/// Turns an answered escalation into a FAQ draft linked to it. Returns the draft's version id.
pub fn to_faq_draft(store: &Store, id: i64, by: &str, now: &str) -> Result<i64, KbError> {
    let e = get(store, id)?;
    if e.status != "answered" {
        return Err(KbError::WrongStatus("未回答"));
    }
    if let Some(doc) = e.faq_document_id {
        return Err(KbError::OpenVersion(doc as u32));
    }
    let draft = Draft {
        title: e.question.clone(),
        body: e.answer.clone(),
        category: "市への確認".into(),
        ..Default::default()
    };
    let version_id = create(store, Kind::Faq, &draft, by, now)?;
    let doc = super::version(store, version_id)?.document_id;
    store.conn.execute(
        "UPDATE escalations SET faq_document_id = ?2 WHERE id = ?1",
        params![id, doc],
    )?;
    Ok(version_id)
}

/// Escalations, newest first: those `asked_by` asked, or all.
pub fn list(store: &Store, asked_by: Option<&str>) -> Result<Vec<Escalation>, KbError> {
    let mut stmt;
    let rows = if let Some(who) = asked_by {
        stmt = store.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM escalations WHERE asked_by = ?1 ORDER BY id DESC"
        ))?;
        stmt.query_map([who], row)?.collect::<Result<Vec<_>, _>>()?
    } else {
        stmt = store.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM escalations ORDER BY id DESC"
        ))?;
        stmt.query_map([], row)?.collect::<Result<Vec<_>, _>>()?
    };
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_goes_to_the_city_and_comes_back_as_a_faq_draft() {
        let s = Store::open_in_memory().unwrap();
        assert!(matches!(
            ask(&s, "電話 090-1234-5678 の方の件", "op1", 1, "t"),
            Err(KbError::PersonalData { .. })
        ));
        let id = ask(
            &s,
            "住所変更直後でも電子証明書を更新できますか",
            "op1",
            1,
            "t",
        )
        .unwrap();
        assert!(
            matches!(
                answer(&s, id, "できます", "city", "t"),
                Err(KbError::WrongStatus(_))
            ),
            "not sent yet"
        );
        send(&s, id, "m", "t").unwrap();
        answer(
            &s,
            id,
            "住民異動の処理が終わってから更新できます。",
            "city",
            "t",
        )
        .unwrap();
        let mine = list(&s, Some("op1")).unwrap();
        assert_eq!(
            mine[0].answer, "住民異動の処理が終わってから更新できます。",
            "the operator who asked sees the answer"
        );
        assert!(
            list(&s, Some("op2")).unwrap().is_empty(),
            "other operators see their own only"
        );
        let v = to_faq_draft(&s, id, "op1", "t").unwrap();
        let draft = crate::kb::version(&s, v).unwrap();
        assert_eq!(
            (draft.draft.title.as_str(), draft.status),
            (
                "住所変更直後でも電子証明書を更新できますか",
                crate::kb::Status::Draft
            )
        );
        assert_eq!(
            list(&s, None).unwrap()[0].faq_document_id,
            Some(draft.document_id),
            "linked"
        );
        assert!(to_faq_draft(&s, id, "op1", "t").is_err(), "made once");
    }
}
