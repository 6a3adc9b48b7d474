//! Versions and their approval.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::KbError;
use crate::store::Store;

/// FAQ entry or manual section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A question and its answer.
    Faq,
    /// A section of the manual.
    Manual,
    /// The steps of a guided procedure (its `tags` name the guide: `guide:health_insurance`).
    Procedure,
}

impl Kind {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Faq => "faq",
            Kind::Manual => "manual",
            Kind::Procedure => "procedure",
        }
    }

    /// The name on screen.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Faq => "FAQ",
            Kind::Manual => "マニュアル",
            Kind::Procedure => "手順",
        }
    }

    /// From the stored code (an unknown code reads as a FAQ entry, as before).
    pub fn from_code(code: &str) -> Self {
        match code {
            "manual" => Kind::Manual,
            "procedure" => Kind::Procedure,
            _ => Kind::Faq,
        }
    }
}

/// Where a version is in the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being written.
    Draft,
    /// Waiting for the city.
    Submitted,
    /// Approved by the city; never changes again.
    Approved,
    /// Sent back by the city with a comment; the text is kept for the next edit.
    Returned,
}

impl Status {
    fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Approved => "approved",
            Status::Returned => "returned",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Status::Draft => "下書き",
            Status::Submitted => "承認待ち",
            Status::Approved => "承認済み",
            Status::Returned => "差し戻し",
        }
    }

    fn from_code(code: &str) -> Status {
        match code {
            "submitted" => Status::Submitted,
            "approved" => Status::Approved,
            "returned" => Status::Returned,
            _ => Status::Draft,
        }
    }
}

/// Why a change is submitted (§6(4)イ asks to report changes the city did not request).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// 市の要請.
    CityRequest,
    /// 問い合わせ対応.
    Inquiry,
    /// 自主改善.
    SelfImprovement,
}

impl Reason {
    fn code(self) -> &'static str {
        match self {
            Reason::CityRequest => "city_request",
            Reason::Inquiry => "inquiry",
            Reason::SelfImprovement => "self_improvement",
        }
    }

    fn from_code(code: &str) -> Option<Reason> {
        match code {
            "city_request" => Some(Reason::CityRequest),
            "inquiry" => Some(Reason::Inquiry),
            "self_improvement" => Some(Reason::SelfImprovement),
            _ => None,
        }
    }
}

/// The text of a version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Question (FAQ) or section title (manual).
    pub title: String,
    /// Answer or section body, Markdown.
    pub body: String,
    /// Category.
    #[serde(default)]
    pub category: String,
    /// Tags, space separated.
    #[serde(default)]
    pub tags: String,
    /// Service codes it belongs to, `;` separated.
    #[serde(default)]
    pub services: String,
}

/// One version of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Version {
    /// Version row id.
    pub id: i64,
    /// Document id.
    pub document_id: i64,
    /// FAQ or manual.
    pub kind: Kind,
    /// 1, 2, 3 …
    pub version: u32,
    /// The text.
    pub draft: Draft,
    /// Workflow state.
    pub status: Status,
    /// Why it was submitted.
    pub reason: Option<Reason>,
    /// Summary of the change.
    pub summary: String,
    /// Who wrote it.
    pub author: String,
    /// When submitted.
    pub submitted_at: Option<String>,
    /// Who approved or returned it.
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<String>,
    /// The city's comment on a return.
    pub comment: String,
    /// Manual sections: the parent section.
    pub parent_id: Option<i64>,
    /// Position among its siblings.
    pub position: i64,
    /// Who sent it on to the city: the site manager (an operator's draft waits for them until
    /// then), or the site manager who submitted it themself.
    pub forwarded_by: Option<String>,
    /// When.
    pub forwarded_at: Option<String>,
    /// The counter it came from in a knowledge-base import (`None`: written here).
    pub imported_from: Option<u8>,
}

impl Version {
    /// Submitted and waiting for the site manager to send it on.
    pub fn awaiting_site_manager(&self) -> bool {
        self.status == Status::Submitted && self.forwarded_at.is_none()
    }

    /// Where it stands, in Japanese.
    pub fn stage_label(&self) -> &'static str {
        if self.awaiting_site_manager() {
            "現場責任者の確認待ち"
        } else {
            self.status.label()
        }
    }
}

const COLUMNS: &str = "v.id, v.document_id, d.kind, v.version, v.title, v.body, v.category, v.tags, v.services, v.status,
    v.reason, v.summary, v.author, v.submitted_at, v.decided_by, v.decided_at, v.comment, d.parent_id, d.position,
    v.forwarded_by, v.forwarded_at, v.imported_from";

fn row(r: &Row<'_>) -> rusqlite::Result<Version> {
    let kind: String = r.get(2)?;
    let status: String = r.get(9)?;
    let reason: Option<String> = r.get(10)?;
    Ok(Version {
        id: r.get(0)?,
        document_id: r.get(1)?,
        kind: Kind::from_code(&kind),
        version: r.get(3)?,
        draft: Draft {
            title: r.get(4)?,
            body: r.get(5)?,
            category: r.get(6)?,
            tags: r.get(7)?,
            services: r.get(8)?,
        },
        status: Status::from_code(&status),
        reason: reason.as_deref().and_then(Reason::from_code),
        summary: r.get(11)?,
        author: r.get(12)?,
        submitted_at: r.get(13)?,
        decided_by: r.get(14)?,
        decided_at: r.get(15)?,
        comment: r.get(16)?,
        parent_id: r.get(17)?,
        position: r.get(18)?,
        forwarded_by: r.get(19)?,
        forwarded_at: r.get(20)?,
        imported_from: r.get(21)?,
    })
}

/// One version by id.
pub fn version(store: &Store, id: i64) -> Result<Version, KbError> {
    let sql = format!("SELECT {COLUMNS} FROM kb_versions v JOIN kb_documents d ON d.id = v.document_id WHERE v.id = ?1");
    store
        .conn
        .query_row(&sql, [id], row)
        .optional()?
        .ok_or(KbError::NotFound(id))
}

/// The newest approved version of a document: all an operator ever sees.
pub fn latest_approved(store: &Store, document_id: i64) -> Result<Option<Version>, KbError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM kb_versions v JOIN kb_documents d ON d.id = v.document_id
         WHERE v.document_id = ?1 AND v.status = 'approved' ORDER BY v.version DESC LIMIT 1"
    );
    Ok(store.conn.query_row(&sql, [document_id], row).optional()?)
}

fn check_draft(d: &Draft) -> Result<(), KbError> {
    if d.title.trim().is_empty() {
        return Err(KbError::Required("タイトル・質問"));
    }
    if d.body.trim().is_empty() {
        return Err(KbError::Required("本文・回答"));
    }
    // Procedures legitimately hold dates and public phone numbers (a call centre); identifiers
    // of a person never.
    for (field, text) in [("タイトル・質問", &d.title), ("本文・回答", &d.body)] {
        crate::privacy::check_identifiers(text, 20_000)
            .map_err(|source| KbError::PersonalData { field, source })?;
    }
    Ok(())
}

fn insert_version(
    store: &Store,
    document_id: i64,
    version: u32,
    d: &Draft,
    author: &str,
    now: &str,
) -> Result<i64, KbError> {
    store.conn.execute(
        "INSERT INTO kb_versions (document_id, version, title, body, category, tags, services, status, author, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'draft', ?8, ?9)",
        params![document_id, version, d.title.trim(), d.body, d.category.trim(), d.tags.trim(), d.services.trim(), author, now],
    )?;
    Ok(store.conn.last_insert_rowid())
}

/// A new document with its first draft. Returns the version id.
pub fn create(
    store: &Store,
    kind: Kind,
    d: &Draft,
    author: &str,
    now: &str,
) -> Result<i64, KbError> {
    create_with_uid(
        store,
        kind,
        &uuid::Uuid::new_v4().to_string(),
        d,
        author,
        now,
    )
}

/// Like [`create`] with a given document uid (the starter content uses fixed uids so that every
/// PC's copy of it is the same document).
pub(super) fn create_with_uid(
    store: &Store,
    kind: Kind,
    uid: &str,
    d: &Draft,
    author: &str,
    now: &str,
) -> Result<i64, KbError> {
    check_draft(d)?;
    let kind = kind.code();
    store.conn.execute(
        "INSERT INTO kb_documents (uid, kind, created_at) VALUES (?1, ?2, ?3)",
        params![uid, kind, now],
    )?;
    let doc = store.conn.last_insert_rowid();
    insert_version(store, doc, 1, d, author, now)
}

/// A new draft version of an existing document, when none is being worked on.
pub fn new_version(
    store: &Store,
    document_id: i64,
    d: &Draft,
    author: &str,
    now: &str,
) -> Result<i64, KbError> {
    check_draft(d)?;
    let (max, open): (Option<u32>, Option<u32>) = store.conn.query_row(
        "SELECT max(version), max(CASE WHEN status IN ('draft', 'submitted', 'returned') THEN version END)
         FROM kb_versions WHERE document_id = ?1",
        [document_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some(max) = max else {
        return Err(KbError::NotFound(document_id));
    };
    if let Some(open) = open {
        return Err(KbError::OpenVersion(open));
    }
    insert_version(store, document_id, max + 1, d, author, now)
}

/// Edits a draft or returned version. Approved and submitted text never changes.
pub fn edit(store: &Store, id: i64, d: &Draft) -> Result<(), KbError> {
    let v = version(store, id)?;
    if !matches!(v.status, Status::Draft | Status::Returned) {
        return Err(KbError::WrongStatus(v.status.label()));
    }
    check_draft(d)?;
    store.conn.execute(
        "UPDATE kb_versions SET title = ?2, body = ?3, category = ?4, tags = ?5, services = ?6 WHERE id = ?1",
        params![id, d.title.trim(), d.body, d.category.trim(), d.tags.trim(), d.services.trim()],
    )?;
    Ok(())
}

/// Sends a draft (or a returned version) with the reason and a summary: to the city when
/// `forwarded_by` names the site manager submitting it, else to the site manager first.
pub fn submit(
    store: &Store,
    id: i64,
    reason: Reason,
    summary: &str,
    now: &str,
    forwarded_by: Option<&str>,
) -> Result<(), KbError> {
    let v = version(store, id)?;
    if !matches!(v.status, Status::Draft | Status::Returned) {
        return Err(KbError::WrongStatus(v.status.label()));
    }
    if summary.trim().is_empty() {
        return Err(KbError::Required("変更の概要"));
    }
    crate::privacy::check_text(summary, 1000).map_err(|source| KbError::PersonalData {
        field: "変更の概要",
        source,
    })?;
    store.conn.execute(
        "UPDATE kb_versions SET status = 'submitted', reason = ?2, summary = ?3, submitted_at = ?4,
                forwarded_by = ?5, forwarded_at = CASE WHEN ?5 IS NULL THEN NULL ELSE ?4 END WHERE id = ?1",
        params![id, reason.code(), summary.trim(), now, forwarded_by],
    )?;
    Ok(())
}

/// The site manager sends an operator's submitted draft on to the city.
pub fn forward(store: &Store, id: i64, by: &str, now: &str) -> Result<(), KbError> {
    let v = version(store, id)?;
    if !v.awaiting_site_manager() {
        return Err(KbError::WrongStatus(v.stage_label()));
    }
    store.conn.execute(
        "UPDATE kb_versions SET forwarded_by = ?2, forwarded_at = ?3 WHERE id = ?1",
        params![id, by, now],
    )?;
    Ok(())
}

/// The site manager sends an operator's submitted draft back to its author with a comment,
/// before it reaches the city.
pub fn send_back(
    store: &Store,
    id: i64,
    comment: &str,
    by: &str,
    now: &str,
) -> Result<(), KbError> {
    let v = version(store, id)?;
    if !v.awaiting_site_manager() {
        return Err(KbError::WrongStatus(v.stage_label()));
    }
    set_returned(store, id, comment, by, now)
}

/// The city decides only what the site manager has sent on.
fn decide(store: &Store, id: i64, by: &str, now: &str) -> Result<Version, KbError> {
    let v = version(store, id)?;
    if v.status != Status::Submitted || v.forwarded_at.is_none() {
        return Err(KbError::WrongStatus(v.stage_label()));
    }
    store.conn.execute(
        "UPDATE kb_versions SET decided_by = ?2, decided_at = ?3 WHERE id = ?1",
        params![id, by, now],
    )?;
    Ok(v)
}

/// City staff approve a submitted version as it is (no text can be changed here). It becomes what
/// operators see and what search finds.
pub fn approve(store: &Store, id: i64, by: &str, now: &str) -> Result<(), KbError> {
    let v = decide(store, id, by, now)?;
    store.conn.execute(
        "UPDATE kb_versions SET status = ?2 WHERE id = ?1",
        params![id, Status::Approved.code()],
    )?;
    // One search row per document, holding its newest approved text.
    super::search::index(
        &store.conn,
        v.document_id,
        &v.draft.title,
        &format!("{}\n{}\n{}", v.draft.body, v.draft.tags, v.draft.category),
        v.kind.code(),
        v.version,
        Some(now),
    )?;
    Ok(())
}

/// City staff send a submitted version back with a comment; its text stays for the next edit.
pub fn return_version(
    store: &Store,
    id: i64,
    comment: &str,
    by: &str,
    now: &str,
) -> Result<(), KbError> {
    check_comment(comment)?;
    decide(store, id, by, now)?;
    set_returned(store, id, comment, by, now)
}

fn check_comment(comment: &str) -> Result<(), KbError> {
    if comment.trim().is_empty() {
        return Err(KbError::Required("差し戻しの理由"));
    }
    crate::privacy::check_text(comment, 1000).map_err(|source| KbError::PersonalData {
        field: "差し戻しの理由",
        source,
    })?;
    Ok(())
}

fn set_returned(store: &Store, id: i64, comment: &str, by: &str, now: &str) -> Result<(), KbError> {
    check_comment(comment)?;
    store.conn.execute(
        "UPDATE kb_versions SET status = ?2, comment = ?3, decided_by = ?4, decided_at = ?5,
                forwarded_by = NULL, forwarded_at = NULL WHERE id = ?1",
        params![id, Status::Returned.code(), comment.trim(), by, now],
    )?;
    Ok(())
}

/// Versions waiting for the city (sent on by the site manager), oldest first.
pub fn queue(store: &Store) -> Result<Vec<Version>, KbError> {
    waiting(store, "v.forwarded_at IS NOT NULL")
}

/// Operators' versions waiting for the site manager to send them on, oldest first.
pub fn proposals(store: &Store) -> Result<Vec<Version>, KbError> {
    waiting(store, "v.forwarded_at IS NULL")
}

fn waiting(store: &Store, condition: &str) -> Result<Vec<Version>, KbError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM kb_versions v JOIN kb_documents d ON d.id = v.document_id
         WHERE v.status = 'submitted' AND {condition} ORDER BY v.submitted_at, v.id"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every version of a document, oldest first (its history).
pub fn history(store: &Store, document_id: i64) -> Result<Vec<Version>, KbError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM kb_versions v JOIN kb_documents d ON d.id = v.document_id
         WHERE v.document_id = ?1 ORDER BY v.version"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    let rows = stmt.query_map([document_id], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Versions submitted from `from` to `to` (stored-form times, `[from, to)`), for the monthly
/// report's section on manual/FAQ changes.
pub fn changes_between(store: &Store, from: &str, to: &str) -> Result<Vec<Version>, KbError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM kb_versions v JOIN kb_documents d ON d.id = v.document_id
         WHERE v.submitted_at >= ?1 AND v.submitted_at < ?2 ORDER BY v.submitted_at, v.id"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    let rows = stmt.query_map([from, to], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The changes of that period the city did not request (§6(4)イ: reported to the city without
/// delay for its confirmation).
pub fn unrequested_changes(store: &Store, from: &str, to: &str) -> Result<Vec<Version>, KbError> {
    Ok(changes_between(store, from, to)?
        .into_iter()
        .filter(|v| v.reason != Some(Reason::CityRequest))
        .collect())
}

/// Places a manual section under `parent` (or at the top) at `position` among its siblings.
/// Only the site manager arranges chapters; a section cannot go under itself or its own children.
pub fn set_position(
    store: &Store,
    document_id: i64,
    parent: Option<i64>,
    position: i64,
) -> Result<(), KbError> {
    let kind_of = |id: i64| -> Result<String, KbError> {
        store
            .conn
            .query_row("SELECT kind FROM kb_documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(KbError::NotFound(id))
    };
    if kind_of(document_id)? != "manual" {
        return Err(KbError::WrongStatus("FAQ"));
    }
    let mut up = parent;
    while let Some(p) = up {
        if p == document_id || kind_of(p)? != "manual" {
            return Err(KbError::WrongStatus("章の親にできない文書"));
        }
        up = store.conn.query_row(
            "SELECT parent_id FROM kb_documents WHERE id = ?1",
            [p],
            |r| r.get(0),
        )?;
    }
    store.conn.execute(
        "UPDATE kb_documents SET parent_id = ?2, position = ?3 WHERE id = ?1",
        params![document_id, parent, position],
    )?;
    Ok(())
}

/// The newest approved version of every document with its chapter number: manual sections in
/// chapter order (depth first), then the FAQ (Q1 …), then the procedures' steps (P1 …). The
/// briefing document for city staff.
pub fn approved_all(store: &Store) -> Result<Vec<(String, Version)>, KbError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM kb_versions v JOIN kb_documents d ON d.id = v.document_id
         WHERE v.status = 'approved'
           AND v.version = (SELECT max(version) FROM kb_versions WHERE document_id = v.document_id AND status = 'approved')
         ORDER BY d.position, d.id"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    let all: Vec<Version> = stmt.query_map([], row)?.collect::<Result<_, _>>()?;
    let (manual, rest): (Vec<Version>, Vec<Version>) =
        all.into_iter().partition(|v| v.kind == Kind::Manual);
    let (procedures, faq): (Vec<Version>, Vec<Version>) =
        rest.into_iter().partition(|v| v.kind == Kind::Procedure);
    let mut out = Vec::new();
    // A section whose parent is not approved (or missing) is shown at the top level.
    let ids: Vec<i64> = manual.iter().map(|v| v.document_id).collect();
    fn walk(
        manual: &[Version],
        ids: &[i64],
        parent: Option<i64>,
        prefix: &str,
        out: &mut Vec<(String, Version)>,
    ) {
        let children = manual.iter().filter(|v| match parent {
            None => v.parent_id.is_none_or(|p| !ids.contains(&p)),
            Some(p) => v.parent_id == Some(p),
        });
        for (i, v) in children.enumerate() {
            let number = format!("{prefix}{}", i + 1);
            out.push((number.clone(), v.clone()));
            walk(manual, ids, Some(v.document_id), &format!("{number}."), out);
        }
    }
    walk(&manual, &ids, None, "", &mut out);
    for (i, v) in faq.into_iter().enumerate() {
        out.push((format!("Q{}", i + 1), v));
    }
    for (i, v) in procedures.into_iter().enumerate() {
        out.push((format!("P{}", i + 1), v));
    }
    Ok(out)
}

/// The newest approved version of every procedure document (the guides' steps).
pub fn approved_procedures(store: &Store) -> Result<Vec<Version>, KbError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM kb_versions v JOIN kb_documents d ON d.id = v.document_id
         WHERE d.kind = 'procedure' AND v.status = 'approved'
           AND v.version = (SELECT max(version) FROM kb_versions WHERE document_id = v.document_id AND status = 'approved')
         ORDER BY d.id"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    let all = stmt.query_map([], row)?.collect::<Result<_, _>>()?;
    Ok(all)
}

/// Approved FAQ entries and manual sections that belong to any of `services`, newest first
/// (offered during a visit). Procedures are left out: their guide shows them.
pub fn for_services(
    store: &Store,
    services: &[String],
    limit: u32,
) -> Result<Vec<Version>, KbError> {
    let mut out: Vec<Version> = Vec::new();
    let sql = format!(
        "SELECT {COLUMNS} FROM kb_versions v JOIN kb_documents d ON d.id = v.document_id
         WHERE v.status = 'approved' AND d.kind != 'procedure' AND (';' || v.services || ';') LIKE ?1
           AND v.version = (SELECT max(version) FROM kb_versions WHERE document_id = v.document_id AND status = 'approved')
         ORDER BY d.kind, v.document_id LIMIT ?2"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    for code in services {
        let rows = stmt.query_map(rusqlite::params![format!("%;{code};%"), limit], row)?;
        for v in rows {
            let v = v?;
            if !out.iter().any(|o| o.document_id == v.document_id) {
                out.push(v);
            }
        }
    }
    out.truncate(limit as usize);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(title: &str) -> Draft {
        Draft {
            title: title.into(),
            body: "本文".into(),
            ..Default::default()
        }
    }

    #[test]
    fn workflow_rules() {
        let s = Store::open_in_memory().unwrap();
        let v1 = create(&s, Kind::Faq, &draft("暗証番号がロックされた"), "op1", "t1").unwrap();
        let doc = version(&s, v1).unwrap().document_id;
        assert!(
            latest_approved(&s, doc).unwrap().is_none(),
            "operators never see a draft"
        );
        submit(
            &s,
            v1,
            Reason::Inquiry,
            "問い合わせが多いため",
            "2023-07-03T10:00:00+09:00",
            Some("manager"),
        )
        .unwrap();
        return_version(&s, v1, "手順3を追記してください", "city", "t").unwrap();
        let returned = version(&s, v1).unwrap();
        assert_eq!(
            (returned.status, returned.draft.title.as_str()),
            (Status::Returned, "暗証番号がロックされた"),
            "returning keeps the draft"
        );
        edit(&s, v1, &draft("暗証番号がロックされたとき")).unwrap();
        submit(
            &s,
            v1,
            Reason::Inquiry,
            "追記",
            "2023-07-04T10:00:00+09:00",
            Some("manager"),
        )
        .unwrap();
        approve(&s, v1, "city", "t").unwrap();
        assert!(
            matches!(
                edit(&s, v1, &draft("改ざん")),
                Err(KbError::WrongStatus("承認済み"))
            ),
            "an approved version never changes"
        );
        assert_eq!(
            latest_approved(&s, doc).unwrap().unwrap().draft.title,
            "暗証番号がロックされたとき"
        );

        let v2 = new_version(&s, doc, &draft("暗証番号のロック解除"), "op1", "t").unwrap();
        assert!(matches!(
            new_version(&s, doc, &draft("x"), "op1", "t"),
            Err(KbError::OpenVersion(2))
        ));
        assert_eq!(
            latest_approved(&s, doc).unwrap().unwrap().version,
            1,
            "the unapproved version 2 stays hidden"
        );
        submit(
            &s,
            v2,
            Reason::CityRequest,
            "市の要請",
            "2023-07-10T10:00:00+09:00",
            Some("manager"),
        )
        .unwrap();
        let july =
            unrequested_changes(&s, "2023-07-01T00:00:00+09:00", "2023-08-01T00:00:00+09:00")
                .unwrap();
        assert_eq!(
            july.iter().map(|v| v.version).collect::<Vec<_>>(),
            vec![1],
            "only the change the city did not ask for"
        );
    }

    #[test]
    fn manual_chapters_nest_in_order() {
        let s = Store::open_in_memory().unwrap();
        let mut docs = Vec::new();
        for title in ["申請", "写真", "オンライン申請", "FAQ"] {
            let kind = if title == "FAQ" {
                Kind::Faq
            } else {
                Kind::Manual
            };
            let v = create(&s, kind, &draft(title), "m", "t").unwrap();
            submit(&s, v, Reason::SelfImprovement, "初版", "t", Some("manager")).unwrap();
            approve(&s, v, "c", "t").unwrap();
            docs.push(version(&s, v).unwrap().document_id);
        }
        set_position(&s, docs[2], Some(docs[0]), 1).unwrap();
        set_position(&s, docs[1], Some(docs[0]), 2).unwrap();
        assert!(
            matches!(
                set_position(&s, docs[0], Some(docs[2]), 0),
                Err(KbError::WrongStatus(_))
            ),
            "no cycles"
        );
        let order: Vec<(String, String)> = approved_all(&s)
            .unwrap()
            .into_iter()
            .map(|(n, v)| (n, v.draft.title))
            .collect();
        let want = [
            ("1", "申請"),
            ("1.1", "オンライン申請"),
            ("1.2", "写真"),
            ("Q1", "FAQ"),
        ];
        assert_eq!(
            order,
            want.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn personal_data_is_refused_in_a_draft() {
        let s = Store::open_in_memory().unwrap();
        let mut d = draft("問い合わせ");
        d.body = "番号 123456789018 の方から".into();
        assert!(matches!(
            create(&s, Kind::Faq, &d, "op", "t"),
            Err(KbError::PersonalData { .. })
        ));
    }
}
