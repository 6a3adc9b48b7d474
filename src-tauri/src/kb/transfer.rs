//! Export and import of the whole knowledge base with its history, as one JSON file (for backup
//! and to carry the approved manual to the other counter). Documents are matched by their uid and
//! versions by number: importing the same file again changes nothing; a version that exists here
//! with other content stops the whole import, and nothing is written.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::KbError;
use crate::store::Store;

/// The file's format marker.
pub const FORMAT: &str = "madoguchi-kb/1";

/// One version as exported: every column that matters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedVersion {
    /// Version number.
    pub version: u32,
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
    /// Category.
    pub category: String,
    /// Tags.
    pub tags: String,
    /// Services.
    pub services: String,
    /// Status code.
    pub status: String,
    /// Reason code.
    pub reason: Option<String>,
    /// Summary.
    pub summary: String,
    /// Author.
    pub author: String,
    /// Created.
    pub created_at: String,
    /// Submitted.
    pub submitted_at: Option<String>,
    /// Decided by.
    pub decided_by: Option<String>,
    /// Decided at.
    pub decided_at: Option<String>,
    /// The city's comment.
    pub comment: String,
    /// Who sent it on to the city (files from before 0011 lack it: taken as the author).
    #[serde(default)]
    pub forwarded_by: Option<String>,
    /// When.
    #[serde(default)]
    pub forwarded_at: Option<String>,
}

/// One document with its whole history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedDocument {
    /// Stable id across PCs.
    pub uid: String,
    /// `faq` or `manual`.
    pub kind: String,
    /// Created.
    pub created_at: String,
    /// Versions, oldest first.
    pub versions: Vec<ExportedVersion>,
}

/// The file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KbFile {
    /// [`FORMAT`].
    pub format: String,
    /// The counter that wrote the file (older files lack it: 0, unknown). What it adds here is
    /// marked as imported from it.
    #[serde(default)]
    pub counter: u8,
    /// Documents.
    pub documents: Vec<ExportedDocument>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Documents added.
    pub documents_added: usize,
    /// Versions added (to new or existing documents).
    pub versions_added: usize,
    /// Versions already here, identical.
    pub unchanged: usize,
    /// Versions here with the same text that the file shows further along the workflow
    /// (e.g. our draft of the starter content, approved on the other counter).
    pub advanced: usize,
}

/// How far along the workflow a status is: text never changes after submission, so a later
/// status with the same text is the same version, further along.
fn stage(status: &str) -> u8 {
    match status {
        "draft" => 0,
        "submitted" => 1,
        _ => 2,
    }
}

/// Why an import was refused.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    /// Not a knowledge-base file.
    #[error("マニュアル・FAQのファイルとして読めません：{0}")]
    BadFile(String),
    /// A version differs from ours.
    #[error("文書 {uid} の第{version}版がこのPCの内容と異なるため、取り込みませんでした。")]
    Conflict {
        /// The document.
        uid: String,
        /// The version.
        version: u32,
    },
    /// The database failed.
    #[error(transparent)]
    Kb(#[from] KbError),
}

impl TransferError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadFile(_) => "kb_bad_file",
            Self::Conflict { .. } => "kb_import_conflict",
            Self::Kb(e) => e.code(),
        }
    }
}

impl From<rusqlite::Error> for TransferError {
    fn from(e: rusqlite::Error) -> Self {
        TransferError::Kb(e.into())
    }
}

fn versions_of(store: &Store, doc_id: i64) -> Result<Vec<ExportedVersion>, rusqlite::Error> {
    let mut stmt = store.conn.prepare(
        "SELECT version, title, body, category, tags, services, status, reason, summary, author, created_at,
                submitted_at, decided_by, decided_at, comment, forwarded_by, forwarded_at
         FROM kb_versions WHERE document_id = ?1 ORDER BY version",
    )?;
    let rows = stmt.query_map([doc_id], |r| {
        Ok(ExportedVersion {
            version: r.get(0)?,
            title: r.get(1)?,
            body: r.get(2)?,
            category: r.get(3)?,
            tags: r.get(4)?,
            services: r.get(5)?,
            status: r.get(6)?,
            reason: r.get(7)?,
            summary: r.get(8)?,
            author: r.get(9)?,
            created_at: r.get(10)?,
            submitted_at: r.get(11)?,
            decided_by: r.get(12)?,
            decided_at: r.get(13)?,
            comment: r.get(14)?,
            forwarded_by: r.get(15)?,
            forwarded_at: r.get(16)?,
        })
    })?;
    rows.collect()
}

/// One document with its whole history (what the sync carries for a document).
pub fn export_document(store: &Store, doc_id: i64) -> Result<ExportedDocument, TransferError> {
    let (uid, kind, created_at): (String, String, String) = store.conn.query_row(
        "SELECT uid, kind, created_at FROM kb_documents WHERE id = ?1",
        [doc_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(ExportedDocument {
        uid,
        kind,
        created_at,
        versions: versions_of(store, doc_id)?,
    })
}

/// Everything, with history, as written at `counter`.
pub fn export(store: &Store, counter: u8) -> Result<KbFile, TransferError> {
    let mut stmt = store
        .conn
        .prepare("SELECT id, uid, kind, created_at FROM kb_documents ORDER BY id")?;
    let docs: Vec<(i64, String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut documents = Vec::new();
    for (id, uid, kind, created_at) in docs {
        documents.push(ExportedDocument {
            uid,
            kind,
            created_at,
            versions: versions_of(store, id)?,
        });
    }
    Ok(KbFile {
        format: FORMAT.into(),
        counter,
        documents,
    })
}

fn validate(file: &KbFile) -> Result<(), TransferError> {
    if file.format != FORMAT {
        return Err(TransferError::BadFile(format!(
            "形式「{}」には対応していません",
            file.format
        )));
    }
    for d in &file.documents {
        if uuid::Uuid::parse_str(&d.uid).is_err()
            || !matches!(d.kind.as_str(), "faq" | "manual" | "procedure")
        {
            return Err(TransferError::BadFile(format!(
                "文書 {} の uid または種類が正しくありません",
                d.uid
            )));
        }
        for (i, v) in d.versions.iter().enumerate() {
            let statuses = ["draft", "submitted", "approved", "returned"];
            if v.version as usize != i + 1
                || !statuses.contains(&v.status.as_str())
                || v.title.trim().is_empty()
            {
                return Err(TransferError::BadFile(format!(
                    "文書 {} の第{}版が正しくありません",
                    d.uid, v.version
                )));
            }
            // An approval carries its approver and when: a file cannot make a version look
            // approved by nobody.
            if v.status == "approved" && (v.decided_by.is_none() || v.decided_at.is_none()) {
                return Err(TransferError::BadFile(format!(
                    "文書 {} の第{}版に承認者の記録がありません",
                    d.uid, v.version
                )));
            }
            for text in [&v.title, &v.body] {
                crate::privacy::check_identifiers(text, 20_000)
                    .map_err(|e| TransferError::BadFile(e.to_string()))?;
            }
        }
    }
    Ok(())
}

/// Who sent a version on to the city; a file from before forwarding existed sent everything
/// submitted straight on.
fn forwarded_by(v: &ExportedVersion) -> Option<String> {
    v.forwarded_by
        .clone()
        .or_else(|| v.submitted_at.as_ref().map(|_| v.author.clone()))
}

fn forwarded_at(v: &ExportedVersion) -> Option<String> {
    v.forwarded_at.clone().or_else(|| v.submitted_at.clone())
}

/// Imports a file. Nothing is written unless every document and version is valid and agrees with
/// what is here.
pub fn import(store: &mut Store, file: &KbFile) -> Result<ImportSummary, TransferError> {
    validate(file)?;
    let mut summary = ImportSummary::default();
    let tx = store.conn.savepoint()?;
    for d in &file.documents {
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM kb_documents WHERE uid = ?1",
                [&d.uid],
                |r| r.get(0),
            )
            .ok();
        let doc_id = match existing {
            Some(id) => id,
            None => {
                tx.execute(
                    "INSERT INTO kb_documents (uid, kind, created_at) VALUES (?1, ?2, ?3)",
                    params![d.uid, d.kind, d.created_at],
                )?;
                summary.documents_added += 1;
                tx.last_insert_rowid()
            }
        };
        for v in &d.versions {
            let ours: Option<(String, String, String)> = tx
                .query_row(
                    "SELECT title, body, status FROM kb_versions WHERE document_id = ?1 AND version = ?2",
                    params![doc_id, v.version],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .ok();
            match ours {
                Some((title, body, status)) if title == v.title && body == v.body => {
                    if stage(&v.status) > stage(&status) {
                        tx.execute(
                            "UPDATE kb_versions SET status = ?3, reason = ?4, summary = ?5, submitted_at = ?6, decided_by = ?7,
                                    decided_at = ?8, comment = ?9, forwarded_by = ?10, forwarded_at = ?11, imported_from = ?12
                             WHERE document_id = ?1 AND version = ?2",
                            params![doc_id, v.version, v.status, v.reason, v.summary, v.submitted_at, v.decided_by, v.decided_at,
                                    v.comment, forwarded_by(v), forwarded_at(v), file.counter],
                        )?;
                        summary.advanced += 1;
                    } else {
                        summary.unchanged += 1;
                    }
                }
                Some(_) => {
                    return Err(TransferError::Conflict {
                        uid: d.uid.clone(),
                        version: v.version,
                    })
                }
                None => {
                    tx.execute(
                        "INSERT INTO kb_versions (document_id, version, title, body, category, tags, services, status, reason, summary,
                                                  author, created_at, submitted_at, decided_by, decided_at, comment,
                                                  forwarded_by, forwarded_at, imported_from)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                        params![
                            doc_id, v.version, v.title, v.body, v.category, v.tags, v.services, v.status, v.reason, v.summary,
                            v.author, v.created_at, v.submitted_at, v.decided_by, v.decided_at, v.comment,
                            forwarded_by(v), forwarded_at(v), file.counter
                        ],
                    )?;
                    summary.versions_added += 1;
                }
            }
        }
        // Keep the search row on the newest approved version.
        let newest: Option<(String, String, String, u32, Option<String>)> = tx
            .query_row(
                "SELECT v.title, v.body || char(10) || v.tags || char(10) || v.category, d.kind, v.version, v.decided_at
                 FROM kb_versions v JOIN kb_documents d ON d.id = v.document_id
                 WHERE v.document_id = ?1 AND v.status = 'approved' ORDER BY v.version DESC LIMIT 1",
                [doc_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .ok();
        match newest {
            Some((title, body, kind, version, at)) => {
                super::search::index(&tx, doc_id, &title, &body, &kind, version, at.as_deref())?
            }
            None => super::search::unindex(&tx, doc_id)?,
        }
    }
    tx.commit()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::{approve, search, starter, submit, Reason};

    #[test]
    fn export_import_round_trip_is_idempotent_and_refuses_conflicts() {
        let here = starter::approved_starter();
        let file = export(&here, 2).unwrap();
        let json = serde_json::to_string(&file).unwrap();
        let mut there = Store::open_in_memory().unwrap();
        let first = import(&mut there, &serde_json::from_str(&json).unwrap()).unwrap();
        assert_eq!(
            (first.documents_added, first.versions_added),
            (starter::STARTER.len(), starter::STARTER.len())
        );
        assert_eq!(
            search(&there, "暗証番号 ロック", 5).unwrap().len(),
            search(&here, "暗証番号 ロック", 5).unwrap().len(),
            "search works after import"
        );
        let again = import(&mut there, &file).unwrap();
        assert_eq!(
            (again.versions_added, again.unchanged),
            (0, starter::STARTER.len()),
            "a re-import changes nothing"
        );

        let mut changed = file.clone();
        changed.documents[0].versions[0].body.push_str("（改変）");
        changed.documents.push(ExportedDocument {
            uid: uuid::Uuid::new_v4().to_string(),
            ..changed.documents[1].clone()
        });
        assert!(matches!(
            import(&mut there, &changed),
            Err(TransferError::Conflict { version: 1, .. })
        ));
        let docs: i64 = there
            .conn
            .query_row("SELECT count(*) FROM kb_documents", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            docs as usize,
            starter::STARTER.len(),
            "nothing of the refused file was written"
        );

        let mut bad = file;
        bad.format = "something-else".into();
        assert!(matches!(
            import(&mut there, &bad),
            Err(TransferError::BadFile(_))
        ));
    }

    #[test]
    fn imported_versions_keep_their_approver_and_where_they_came_from() {
        let here = Store::open_in_memory().unwrap();
        let ids = starter::seed(&here, "sys", "t").unwrap();
        submit(
            &here,
            ids[0],
            Reason::SelfImprovement,
            "初版",
            "t1",
            Some("mgr2"),
        )
        .unwrap();
        approve(&here, ids[0], "city2", "t2").unwrap();
        let file = export(&here, 2).unwrap();
        let mut there = Store::open_in_memory().unwrap();
        import(&mut there, &file).unwrap();
        let v = crate::kb::latest_approved(&there, 1).unwrap().unwrap();
        assert_eq!(v.decided_by.as_deref(), Some("city2"));
        assert_eq!(v.forwarded_by.as_deref(), Some("mgr2"));
        assert_eq!(v.imported_from, Some(2), "marked as from counter 2");

        // A file cannot make a version look approved by nobody.
        let mut forged = export(&here, 2).unwrap();
        let draft = forged
            .documents
            .iter_mut()
            .find(|d| d.versions[0].status == "draft")
            .unwrap();
        draft.versions[0].status = "approved".into();
        let mut fresh = Store::open_in_memory().unwrap();
        assert!(matches!(
            import(&mut fresh, &forged),
            Err(TransferError::BadFile(m)) if m.contains("承認者")
        ));

        // A file from before forwarding existed: what was submitted counts as sent on.
        let mut old: serde_json::Value = serde_json::to_value(&file).unwrap();
        old.as_object_mut().unwrap().remove("counter");
        for d in old["documents"].as_array_mut().unwrap() {
            for v in d["versions"].as_array_mut().unwrap() {
                v.as_object_mut().unwrap().remove("forwarded_by");
                v.as_object_mut().unwrap().remove("forwarded_at");
            }
        }
        let old: KbFile = serde_json::from_value(old).unwrap();
        let mut third = Store::open_in_memory().unwrap();
        import(&mut third, &old).unwrap();
        let v = crate::kb::latest_approved(&third, 1).unwrap().unwrap();
        assert_eq!(v.forwarded_at.as_deref(), Some("t1"));
        assert_eq!(v.imported_from, Some(0), "imported, counter unknown");
    }
}
