//! The マニュアル・FAQ tab: search, reading approved documents, writing drafts, and the city's
//! approval queue.

use serde::Serialize;
use tauri::State;

use crate::auth::Action;
use crate::desktop::error::{CmdResult, CommandError};
use crate::desktop::state::{Db, SessionSlot};
use crate::kb::{self, Draft, Hit, KbError, Kind, Reason, Version};

impl From<KbError> for CommandError {
    fn from(e: KbError) -> Self {
        let code = match &e {
            KbError::Forbidden => "forbidden",
            KbError::PersonalData { .. } => "personal_data",
            KbError::NotFound(_) => "not_found",
            KbError::Store(_) => "database",
            _ => "invalid",
        };
        CommandError::new(code, e.to_string())
    }
}

/// A document as shown: the version and its body rendered to safe HTML.
#[derive(Debug, Serialize)]
pub struct Shown {
    /// The version shown.
    pub version: Version,
    /// Its body, sanitised HTML.
    pub html: String,
    /// Every version (for staff; empty for operators, who see approved text only).
    pub history: Vec<Version>,
}

fn now() -> String {
    crate::clock::stamp(crate::clock::now())
}

/// Search approved documents.
#[tauri::command]
pub fn kb_search(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    query: String,
) -> CmdResult<Vec<Hit>> {
    session.require()?;
    let store = db.lock()?;
    Ok(kb::search(&store, &query, 20)?)
}

/// One document: operators get its latest approved version; the site manager and city staff
/// may ask for a given version and see the history.
#[tauri::command]
pub fn kb_document(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: i64,
    version_id: Option<i64>,
) -> CmdResult<Shown> {
    let s = session.require()?;
    let staff = s.role.may(Action::ViewMonthlyReport);
    let store = db.lock()?;
    let version = match (version_id, staff) {
        (Some(v), true) => kb::version(&store, v)?,
        _ => kb::latest_approved(&store, id)?.ok_or(KbError::NotFound(id))?,
    };
    Ok(Shown {
        html: kb::render::to_safe_html(&version.draft.body),
        history: if staff {
            kb::history(&store, version.document_id)?
        } else {
            Vec::new()
        },
        version,
    })
}

/// Writes a draft: a new document (`document_id` null), a new version of one, or an edit of a
/// draft or returned version (`version_id`). Returns the version id.
#[tauri::command]
pub fn kb_save_draft(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    kind: Kind,
    document_id: Option<i64>,
    version_id: Option<i64>,
    draft: Draft,
) -> CmdResult<i64> {
    let s = session.require()?;
    let store = db.lock()?;
    let id = match (version_id, document_id) {
        (Some(v), _) => {
            kb::edit(&store, v, &draft, s.role)?;
            v
        }
        (None, Some(doc)) => kb::new_version(&store, doc, &draft, s.role, &s.login_id, &now())?,
        (None, None) => kb::create(&store, kind, &draft, s.role, &s.login_id, &now())?,
    };
    crate::audit::record(
        &store,
        crate::clock::now(),
        Some(&s.login_id),
        "kb.draft",
        &id.to_string(),
    )?;
    Ok(id)
}

/// Sends a version to the city.
#[tauri::command]
pub fn kb_submit(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    version_id: i64,
    reason: Reason,
    summary: String,
) -> CmdResult<()> {
    let s = session.require()?;
    let store = db.lock()?;
    kb::submit(&store, version_id, reason, &summary, s.role, &now())?;
    crate::audit::record(
        &store,
        crate::clock::now(),
        Some(&s.login_id),
        "kb.submit",
        &version_id.to_string(),
    )?;
    Ok(())
}

/// What waits for the city's approval.
#[tauri::command]
pub fn kb_queue(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<Vec<Version>> {
    session.require_to(Action::ViewMonthlyReport)?;
    let store = db.lock()?;
    Ok(kb::queue(&store)?)
}

/// City staff approve (`approve = true`) or return with a comment.
#[tauri::command]
pub fn kb_decide(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    version_id: i64,
    approve: bool,
    comment: String,
) -> CmdResult<()> {
    let s = session.require()?;
    let store = db.lock()?;
    if approve {
        kb::approve(&store, version_id, s.role, &s.login_id, &now())?;
    } else {
        kb::return_version(&store, version_id, &comment, s.role, &s.login_id, &now())?;
    }
    let action = if approve { "kb.approve" } else { "kb.return" };
    crate::audit::record(
        &store,
        crate::clock::now(),
        Some(&s.login_id),
        action,
        &version_id.to_string(),
    )?;
    Ok(())
}

/// Approved FAQ for the services ticked on the visit in progress, offered first.
#[tauri::command]
pub fn kb_for_services(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    services: Vec<String>,
) -> CmdResult<Vec<Version>> {
    session.require()?;
    let store = db.lock()?;
    Ok(kb::for_services(&store, &services, 5)?)
}

/// A readable difference between two versions (title and body), for staff.
#[tauri::command]
pub fn kb_diff(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    from_version: i64,
    to_version: i64,
) -> CmdResult<String> {
    session.require_to(Action::ViewMonthlyReport)?;
    let store = db.lock()?;
    let a = kb::version(&store, from_version)?;
    let b = kb::version(&store, to_version)?;
    if a.document_id != b.document_id {
        return Err(CommandError::new(
            "invalid",
            "同じ文書の版を選んでください。",
        ));
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
#[tauri::command]
pub fn kb_briefing(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Vec<BriefingEntry>> {
    session.require_to(Action::ViewMonthlyReport)?;
    let store = db.lock()?;
    Ok(kb::approved_all(&store)?
        .into_iter()
        .map(|(number, v)| BriefingEntry {
            number,
            html: kb::render::to_safe_html(&v.draft.body),
            version: v,
        })
        .collect())
}

/// Changes sent for approval in `[from, to]` (YYYY-MM-DD) that the city did not request.
#[tauri::command]
pub fn kb_unrequested(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> CmdResult<Vec<Version>> {
    session.require_to(Action::ViewMonthlyReport)?;
    let store = db.lock()?;
    let next = to.succ_opt().unwrap_or(to);
    Ok(kb::unrequested_changes(
        &store,
        &crate::clock::day_start(from),
        &crate::clock::day_start(next),
    )?)
}

/// Escalations: an operator's own, or all for staff.
#[tauri::command]
pub fn esc_list(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Vec<kb::escalation::Escalation>> {
    let s = session.require()?;
    let store = db.lock()?;
    Ok(kb::escalation::list(&store, s.role, &s.login_id)?)
}

/// Records a question the manual does not answer.
#[tauri::command]
pub fn esc_ask(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    question: String,
) -> CmdResult<i64> {
    let s = session.require()?;
    let store = db.lock()?;
    let counter = crate::site::counter(&store)?;
    Ok(kb::escalation::ask(
        &store,
        &question,
        s.role,
        &s.login_id,
        counter,
        &now(),
    )?)
}

/// Moves an escalation on: `send` (site manager), `answer` (city staff, with text) or `faq`
/// (a FAQ draft from the answer). Returns the FAQ draft's version id for `faq`.
#[tauri::command]
pub fn esc_step(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: i64,
    step: String,
    text: Option<String>,
) -> CmdResult<Option<i64>> {
    let s = session.require()?;
    let store = db.lock()?;
    let t = now();
    let made = match step.as_str() {
        "send" => kb::escalation::send(&store, id, s.role, &s.login_id, &t).map(|_| None),
        "answer" => kb::escalation::answer(
            &store,
            id,
            text.as_deref().unwrap_or(""),
            s.role,
            &s.login_id,
            &t,
        )
        .map(|_| None),
        "faq" => kb::escalation::to_faq_draft(&store, id, s.role, &s.login_id, &t).map(Some),
        _ => return Err(CommandError::new("invalid", "不明な操作です。")),
    }?;
    crate::audit::record(
        &store,
        crate::clock::now(),
        Some(&s.login_id),
        &format!("escalation.{step}"),
        &id.to_string(),
    )?;
    Ok(made)
}

/// Exports the whole knowledge base with its history to a file the user picks.
#[tauri::command]
pub async fn kb_export_file<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
) -> CmdResult<Option<String>> {
    use tauri::Manager;
    let s = app.state::<SessionSlot>().require_to(Action::ManageData)?;
    let json = {
        let db = app.state::<Db>();
        let store = db.lock()?;
        let data =
            kb::transfer::export(&store).map_err(|e| CommandError::new("kb", e.to_string()))?;
        serde_json::to_vec_pretty(&data).map_err(|e| CommandError::new("kb", e.to_string()))?
    };
    let name = format!("madoguchi-kb-{}.json", crate::clock::now().format("%Y%m%d"));
    let Some(path) = super::admin::save_via_dialog(&app, name, ("JSON", &["json"]), &json).await?
    else {
        return Ok(None);
    };
    let db = app.state::<Db>();
    super::audit(&db, Some(&s.login_id), "kb.export", "")?;
    Ok(Some(format!("{} に保存しました。", path.display())))
}

/// Imports a knowledge-base file the user picks (idempotent; a conflict imports nothing).
#[tauri::command]
pub async fn kb_import_file<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
) -> CmdResult<Option<String>> {
    use tauri::Manager;
    let s = app.state::<SessionSlot>().require_to(Action::ManageData)?;
    let Some(path) =
        super::admin::pick_file(&app, false, String::new(), ("JSON", &["json"])).await?
    else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path)
        .map_err(|e| CommandError::new("io", format!("{} を読めません（{e}）", path.display())))?;
    let data: kb::transfer::KbFile = serde_json::from_slice(&bytes).map_err(|e| {
        CommandError::new(
            "invalid",
            format!("マニュアル・FAQのファイルとして読めません（{e}）"),
        )
    })?;
    let db = app.state::<Db>();
    let done = {
        let mut store = db.lock()?;
        kb::transfer::import(&mut store, &data)
            .map_err(|e| CommandError::new("kb", e.to_string()))?
    };
    super::audit(
        &db,
        Some(&s.login_id),
        "kb.import",
        &format!("{} versions added", done.versions_added),
    )?;
    Ok(Some(format!(
        "文書{}件・版{}件を追加し、{}件の承認状況を更新しました（{}件は取り込み済み）。",
        done.documents_added, done.versions_added, done.advanced, done.unchanged
    )))
}

/// Places a manual section in the chapters (site manager).
#[tauri::command]
pub fn kb_set_position(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: i64,
    parent: Option<i64>,
    position: i64,
) -> CmdResult<()> {
    let s = session.require()?;
    let store = db.lock()?;
    kb::set_position(&store, id, parent, position, s.role)?;
    crate::audit::record(
        &store,
        crate::clock::now(),
        Some(&s.login_id),
        "kb.position",
        &id.to_string(),
    )?;
    Ok(())
}
