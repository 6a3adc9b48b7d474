//! Data leaving and entering the kiosk: the backup, the visits exchanged between counters, and the
//! knowledge base with its history. Each is audited with who ran it and from where.

use std::path::Path;

use super::{files, AppError, Change, Ctx, Permission};
use crate::calendar::Month;
use crate::kb::transfer::{self, KbFile, TransferError};
use crate::visits::{self, ImportSummary};

/// Copies the database to `path` with SQLite's online backup. Returns its size in bytes.
pub fn backup(ctx: &mut Ctx, path: &Path) -> Result<u64, AppError> {
    ctx.require(Permission::Backup)?;
    // The copy is made outside a write transaction (it only reads); its record follows it.
    let bytes = ctx.store().backup_to(path)?;
    ctx.record(Change::Backup, &path.display().to_string())?;
    Ok(bytes)
}

/// Imports another counter's CSV export (idempotent; a bad row imports nothing). The visits it
/// adds go into the change log too, so a counter with no network reaches the shared store
/// through one that has it.
pub fn import_visits(
    ctx: &mut Ctx,
    path: &Path,
    outside_contract_ok: bool,
) -> Result<ImportSummary, AppError> {
    ctx.require(Permission::VisitsImport)?;
    if outside_contract_ok {
        ctx.require(Permission::ImportOutsideContract)?;
    }
    let bytes = files::read(path)?;
    let author = ctx.sync_author();
    ctx.write(Change::VisitsImport, |store| {
        let rules = visits::ImportRules {
            by: author.name.clone(),
            at: author.at.clone(),
            outside_contract_ok,
        };
        let s = visits::import_csv(store, bytes.as_slice(), &rules)?;
        for v in &s.changed_visits {
            super::visits::share(store, &author, v, Some("CSV取り込み"))?;
        }
        let detail = format!(
            "{} rows, {} added, {} updated, {} older kept{}",
            s.rows,
            s.added,
            s.updated,
            s.older,
            if outside_contract_ok {
                " (契約期間外を確認済み)"
            } else {
                ""
            }
        );
        Ok((s, detail))
    })
}

/// A month's ended visits as CSV: written to `path`, or returned (for standard output) when
/// `path` is none. Returns how many visits and the bytes not written.
pub fn export_visits(
    ctx: &mut Ctx,
    month: Month,
    path: Option<&Path>,
) -> Result<(usize, Vec<u8>), AppError> {
    ctx.require(Permission::VisitsExport)?;
    ctx.write(Change::VisitsExport, |store| {
        let mut buf = Vec::new();
        let n = visits::export_csv(store, month.first_day(), month.last_day(), &mut buf)?;
        if let Some(path) = path {
            files::write_whole(path, &buf)?;
            buf.clear();
        }
        Ok(((n, buf), format!("{month} {n} rows")))
    })
}

/// Writes the whole knowledge base with its history to `path`. Returns how many documents.
pub fn export_kb(ctx: &mut Ctx, path: &Path) -> Result<usize, AppError> {
    ctx.require(Permission::KbTransfer)?;
    let counter = ctx.counter();
    ctx.write(Change::KbExport, |store| {
        let data = transfer::export(store, counter)?;
        let json =
            serde_json::to_vec_pretty(&data).map_err(|e| TransferError::BadFile(e.to_string()))?;
        files::write_whole(path, &json)?;
        let n = data.documents.len();
        Ok((n, format!("{n} documents")))
    })
}

/// Imports a knowledge-base file (idempotent; a conflicting version imports nothing).
pub fn import_kb(ctx: &mut Ctx, path: &Path) -> Result<transfer::ImportSummary, AppError> {
    ctx.require(Permission::KbTransfer)?;
    let bytes = files::read(path)?;
    let data: KbFile =
        serde_json::from_slice(&bytes).map_err(|e| TransferError::BadFile(e.to_string()))?;
    ctx.write(Change::KbImport, |store| {
        let s = transfer::import(store, &data)?;
        let detail = format!(
            "from counter {}: {} versions added, {} advanced",
            data.counter, s.versions_added, s.advanced
        );
        Ok((s, detail))
    })
}
