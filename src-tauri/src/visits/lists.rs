//! The editable lists behind a visit: services (what was done) and reasons a visit was not
//! completed. Codes are stable (reports and imports use them); labels and order can change, and
//! entries are switched off rather than deleted so old visits keep their meaning.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::VisitError;
use crate::store::Store;

/// One entry of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEntry {
    /// Stable code, `[a-z0-9_]+`.
    pub code: String,
    /// Japanese label.
    pub label: String,
    /// Position on screen.
    pub sort: i64,
    /// Offered for new visits.
    pub active: bool,
}

/// The contract's services, in the order the operator sees them.
pub const DEFAULT_SERVICES: &[(&str, &str)] = &[
    ("application", "交付申請書の記入・入力支援"),
    ("photo", "写真撮影"),
    ("photo_attach", "写真添付"),
    ("mynapoint", "マイナポイント"),
    ("health_insurance", "健康保険証利用申込"),
    ("public_fund_account", "公金受取口座登録"),
    ("pin", "暗証番号（ロック・再設定案内）"),
    ("certificate", "電子証明書（有効期限・更新）"),
    ("consultation", "申請方法の説明・相談"),
    ("complaint", "苦情"),
    ("other", "その他"),
];

/// Reasons a visit could not be completed.
pub const DEFAULT_REASONS: &[(&str, &str)] = &[
    ("pin_locked", "暗証番号ロック"),
    ("cert_expired", "電子証明書の有効期限切れ"),
    ("form_missing", "交付申請書なし"),
    ("documents_missing", "必要書類の不足"),
    ("system_trouble", "システム障害"),
    ("citizen_left", "来庁者の離席・中断"),
    ("other", "その他"),
];

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// Services.
    Services,
    /// Not-completed reasons.
    Reasons,
}

impl ListKind {
    fn table(self) -> &'static str {
        match self {
            ListKind::Services => "services",
            ListKind::Reasons => "outcome_reasons",
        }
    }
}

/// Fills an empty list with its defaults (first run).
pub fn ensure_defaults(store: &Store) -> Result<(), VisitError> {
    for (kind, defaults) in [
        (ListKind::Services, DEFAULT_SERVICES),
        (ListKind::Reasons, DEFAULT_REASONS),
    ] {
        let n: i64 =
            store
                .conn
                .query_row(&format!("SELECT count(*) FROM {}", kind.table()), [], |r| {
                    r.get(0)
                })?;
        if n == 0 {
            for (i, (code, label)) in defaults.iter().enumerate() {
                save(store, kind, code, label, i as i64 * 10)?;
            }
        }
    }
    Ok(())
}

/// The list, in screen order; with `active_only`, only what new visits may use.
pub fn list(
    store: &Store,
    kind: ListKind,
    active_only: bool,
) -> Result<Vec<ListEntry>, VisitError> {
    let sql = format!(
        "SELECT code, label, sort, active FROM {} {} ORDER BY sort, code",
        kind.table(),
        if active_only { "WHERE active = 1" } else { "" }
    );
    let mut stmt = store.conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| {
        Ok(ListEntry {
            code: r.get(0)?,
            label: r.get(1)?,
            sort: r.get(2)?,
            active: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds an entry or renames and re-sorts an existing one.
pub fn save(
    store: &Store,
    kind: ListKind,
    code: &str,
    label: &str,
    sort: i64,
) -> Result<(), VisitError> {
    let code_ok = !code.is_empty()
        && code.len() <= 32
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !code_ok {
        return Err(VisitError::BadCode(code.into()));
    }
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 40 {
        return Err(VisitError::BadLabel);
    }
    store.conn.execute(
        &format!(
            "INSERT INTO {} (code, label, sort) VALUES (?1, ?2, ?3)
             ON CONFLICT (code) DO UPDATE SET label = excluded.label, sort = excluded.sort",
            kind.table()
        ),
        params![code, label, sort],
    )?;
    Ok(())
}

/// Offers or stops offering an entry for new visits.
pub fn set_active(
    store: &Store,
    kind: ListKind,
    code: &str,
    active: bool,
) -> Result<(), VisitError> {
    let n = store.conn.execute(
        &format!("UPDATE {} SET active = ?2 WHERE code = ?1", kind.table()),
        params![code, active],
    )?;
    if n == 0 {
        return Err(VisitError::UnknownCode(code.into()));
    }
    Ok(())
}

/// Whether `code` is in the list (active or not).
pub fn exists(store: &Store, kind: ListKind, code: &str) -> Result<bool, VisitError> {
    let n: i64 = store.conn.query_row(
        &format!("SELECT count(*) FROM {} WHERE code = ?1", kind.table()),
        [code],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}
