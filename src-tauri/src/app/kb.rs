//! The manual and FAQ: search and reading for everyone at the counter, drafts and their
//! submission, and the city's approval. An approved version never changes; operators only ever
//! see approved text.

use chrono::NaiveDate;
use serde::Serialize;

use super::{AppError, Change, Ctx, Permission};
use crate::kb::{self, Draft, Hit, KbError, Kind, Reason, Version};
use crate::store::Store;

/// Puts the document of version `version_id`, with its whole history, in the change log (in the
/// transaction of the change), for the other counters.
pub(super) fn share_document(
    store: &Store,
    author: &crate::sync::Author,
    version_id: i64,
) -> Result<(), AppError> {
    let doc_id = kb::version(store, version_id)?.document_id;
    let doc = kb::transfer::export_document(store, doc_id)?;
    let revision = i64::try_from(doc.versions.len()).unwrap_or(i64::MAX);
    crate::sync::log::record(
        store,
        author,
        crate::sync::Kind::KbDocument,
        &doc.uid,
        revision,
        &doc,
    )?;
    Ok(())
}

/// A document as shown: the version and its body rendered to safe HTML.
#[derive(Debug, Serialize)]
pub struct Shown {
    /// The version shown.
    pub version: Version,
    /// Its body, sanitised HTML.
    pub html: String,
    /// Every version (for reviewers; empty for the counter, which sees approved text only).
    pub history: Vec<Version>,
}

/// Searches the approved documents; with `all`, the latest version of every document (drafts
/// too, for reviewers).
pub fn search(ctx: &Ctx, query: &str, all: bool, limit: u32) -> Result<Vec<Hit>, AppError> {
    ctx.require(Permission::KbRead)?;
    if all {
        ctx.require(Permission::KbReview)?;
        return Ok(kb::search_latest(ctx.store(), query, limit)?);
    }
    Ok(kb::search(ctx.store(), query, limit)?)
}

/// One document: its latest approved version, or for reviewers any version with the history.
pub fn document(ctx: &Ctx, id: i64, version_id: Option<i64>) -> Result<Shown, AppError> {
    ctx.require(Permission::KbRead)?;
    let reviewer = ctx.may(Permission::KbReview);
    let store = ctx.store();
    let version = match (version_id, reviewer) {
        (Some(v), true) => kb::version(store, v)?,
        _ => kb::latest_approved(store, id)?.ok_or(KbError::NotFound(id))?,
    };
    Ok(Shown {
        html: kb::render::to_safe_html(&version.draft.body),
        history: if reviewer {
            kb::history(store, version.document_id)?
        } else {
            Vec::new()
        },
        version,
    })
}

/// Writes a draft: a new document (`document_id` none), a new version of one, or an edit of a
/// draft or returned version (`version_id`). Returns the version id.
pub fn save_draft(
    ctx: &mut Ctx,
    kind: Kind,
    document_id: Option<i64>,
    version_id: Option<i64>,
    draft: &Draft,
) -> Result<i64, AppError> {
    ctx.require(Permission::KbDraft)?;
    let (by, now) = (ctx.author(), ctx.stamp());
    let author = ctx.sync_author();
    ctx.write(Change::KbDraft, |store| {
        let id = match (version_id, document_id) {
            (Some(v), _) => {
                kb::edit(store, v, draft)?;
                v
            }
            (None, Some(doc)) => kb::new_version(store, doc, draft, &by, &now)?,
            (None, None) => kb::create(store, kind, draft, &by, &now)?,
        };
        share_document(store, &author, id)?;
        Ok((id, id.to_string()))
    })
}

/// Sends a version with the reason and a summary: the site manager's goes to the city, an
/// operator's to the site manager first (who sends it on, or back).
pub fn submit(
    ctx: &mut Ctx,
    version_id: i64,
    reason: Reason,
    summary: &str,
) -> Result<(), AppError> {
    ctx.require(Permission::KbDraft)?;
    let now = ctx.stamp();
    let forward = ctx.may(Permission::KbForward).then(|| ctx.author());
    let author = ctx.sync_author();
    ctx.write(Change::KbSubmit, |store| {
        kb::submit(store, version_id, reason, summary, &now, forward.as_deref())?;
        share_document(store, &author, version_id)?;
        Ok(((), version_id.to_string()))
    })
}

/// What waits for this account: for the city, what the site manager sent on; for the site
/// manager, operators' drafts to send on or back.
pub fn queue(ctx: &Ctx) -> Result<Vec<Version>, AppError> {
    if ctx.may(Permission::KbForward) {
        return Ok(kb::proposals(ctx.store())?);
    }
    ctx.require(Permission::KbReview)?;
    Ok(kb::queue(ctx.store())?)
}

/// The site manager sends an operator's draft on to the city (`send_on`), or back to its
/// author with a comment.
pub fn forward(
    ctx: &mut Ctx,
    version_id: i64,
    send_on: bool,
    comment: &str,
) -> Result<(), AppError> {
    let by = ctx.staff(Permission::KbForward)?.login_id.clone();
    let now = ctx.stamp();
    let change = if send_on {
        Change::KbForward
    } else {
        Change::KbSendBack
    };
    let author = ctx.sync_author();
    ctx.write(change, |store| {
        if send_on {
            kb::forward(store, version_id, &by, &now)?;
        } else {
            kb::send_back(store, version_id, comment, &by, &now)?;
        }
        share_document(store, &author, version_id)?;
        Ok(((), version_id.to_string()))
    })
}

/// The city approves (`approve`) or returns a version with a comment.
pub fn decide(
    ctx: &mut Ctx,
    version_id: i64,
    approve: bool,
    comment: &str,
) -> Result<(), AppError> {
    let by = ctx.staff(Permission::KbApprove)?.login_id.clone();
    let now = ctx.stamp();
    let change = if approve {
        Change::KbApprove
    } else {
        Change::KbReturn
    };
    let author = ctx.sync_author();
    ctx.write(change, |store| {
        if approve {
            kb::approve(store, version_id, &by, &now)?;
        } else {
            kb::return_version(store, version_id, comment, &by, &now)?;
        }
        share_document(store, &author, version_id)?;
        Ok(((), version_id.to_string()))
    })
}

/// Approved FAQ for the services ticked on a visit, offered first.
pub fn for_services(ctx: &Ctx, services: &[String]) -> Result<Vec<Version>, AppError> {
    ctx.require(Permission::KbRead)?;
    Ok(kb::for_services(ctx.store(), services, 5)?)
}

/// A readable difference between two versions of one document (title and body), as HTML.
pub fn diff(ctx: &Ctx, from_version: i64, to_version: i64) -> Result<String, AppError> {
    ctx.require(Permission::KbReview)?;
    let a = kb::version(ctx.store(), from_version)?;
    let b = kb::version(ctx.store(), to_version)?;
    if a.document_id != b.document_id {
        return Err(AppError::VersionsOfTwoDocuments);
    }
    Ok(format!(
        "<h3>{}</h3><div class=\"diff\">{}</div>",
        kb::diff::to_html(&a.draft.title, &b.draft.title),
        kb::diff::to_html(&a.draft.body, &b.draft.body).replace('\n', "<br>")
    ))
}

/// One document of the briefing: its chapter number, the version and its safe HTML.
#[derive(Debug, Serialize)]
pub struct BriefingEntry {
    /// 1, 1.2, … for manual sections; Q1, Q2, … for the FAQ.
    pub number: String,
    /// The approved version.
    pub version: Version,
    /// Its body as sanitised HTML.
    pub html: String,
}

/// The approved manual and FAQ as one document, for the briefing to city staff.
pub fn briefing(ctx: &Ctx) -> Result<Vec<BriefingEntry>, AppError> {
    ctx.require(Permission::KbReview)?;
    Ok(kb::approved_all(ctx.store())?
        .into_iter()
        .map(|(number, v)| BriefingEntry {
            number,
            html: kb::render::to_safe_html(&v.draft.body),
            version: v,
        })
        .collect())
}

/// What a briefing record is given: the day, who attended (by role), a note.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct NewBriefing {
    /// The day.
    pub held_on: NaiveDate,
    /// Who attended, by role.
    pub attendees: String,
    /// What was explained or asked.
    #[serde(default)]
    pub note: String,
}

/// Records a briefing of the manual and the equipment; the manual version explained is the
/// approved manual at the time of the record. Attendees are roles, never names.
pub fn record_briefing(
    ctx: &mut Ctx,
    b: &NewBriefing,
) -> Result<kb::briefings::Briefing, AppError> {
    ctx.require(Permission::BriefingRecord)?;
    let attendees = b.attendees.trim();
    if attendees.is_empty() {
        return Err(AppError::BriefingAttendees);
    }
    crate::privacy::check_text(attendees, 200)?;
    crate::privacy::check_text(b.note.trim(), 500)?;
    let (by, at) = (ctx.author(), ctx.stamp());
    ctx.write(Change::BriefingRecord, |store| {
        let mut r = kb::briefings::Briefing {
            id: 0,
            held_on: b.held_on,
            attendees: attendees.to_string(),
            manual_version: kb::briefings::manual_version(store)?,
            note: b.note.trim().to_string(),
            recorded_by: by.clone(),
            recorded_at: at.clone(),
        };
        r.id = kb::briefings::add(store, &r)?;
        let detail = format!("{} {}：{}", r.held_on, r.attendees, r.manual_version);
        Ok((r, detail))
    })
}

/// Changes sent for approval from `from` to `to` that the city did not request.
pub fn unrequested(ctx: &Ctx, from: NaiveDate, to: NaiveDate) -> Result<Vec<Version>, AppError> {
    ctx.require(Permission::KbReview)?;
    let next = to.succ_opt().unwrap_or(to);
    Ok(kb::unrequested_changes(
        ctx.store(),
        &crate::clock::day_start(from),
        &crate::clock::day_start(next),
    )?)
}

/// Places a manual section in the chapters.
pub fn set_position(
    ctx: &mut Ctx,
    id: i64,
    parent: Option<i64>,
    position: i64,
) -> Result<(), AppError> {
    ctx.require(Permission::KbArrange)?;
    ctx.write(Change::KbPosition, |store| {
        kb::set_position(store, id, parent, position)?;
        Ok(((), id.to_string()))
    })
}
