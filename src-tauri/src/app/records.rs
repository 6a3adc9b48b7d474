//! Complaints (苦情) and incident reports (事故報告書).

use super::{AppError, Change, Ctx, Permission};
use crate::calendar::Month;
use crate::incidents::shared::{self, Record};
use crate::incidents::{self, Complaint, Earlier, Incident, Records};
use crate::store::Store;

/// A month's records as the records tab shows and prints them.
#[derive(Debug, serde::Serialize)]
pub struct RecordsView {
    /// The complaints and incidents (flattened: `complaints`, `incidents`).
    #[serde(flatten)]
    pub records: Records,
    /// The reports' fixed texts: the addressee and the contractor on a printed incident report.
    pub header: crate::report::ReportHeader,
}

/// The complaints and incidents of a month.
pub fn month(ctx: &Ctx, month: Month) -> Result<Records, AppError> {
    ctx.require(Permission::RecordsView)?;
    Ok(incidents::records_between(
        ctx.store(),
        month.first_day(),
        month.last_day(),
    )?)
}

/// The month's records with the texts their printed forms need.
pub fn month_view(ctx: &Ctx, month: Month) -> Result<RecordsView, AppError> {
    Ok(RecordsView {
        records: self::month(ctx, month)?,
        header: crate::report::header::load(ctx.store())?,
    })
}

/// Records or updates a complaint. Returns its id. Only those who close complaints set the
/// escalation, the city's answer and the closing; from anyone else those stay as they were.
pub fn save_complaint(ctx: &mut Ctx, c: &Complaint) -> Result<i64, AppError> {
    let by = ctx.staff(Permission::ComplaintRecord)?.login_id.clone();
    let closer = ctx.may(Permission::ComplaintClose);
    let now = ctx.stamp();
    let author = ctx.sync_author();
    ctx.write(Change::ComplaintSave, |store| {
        let before = revision_of::<Complaint>(store, c.id)?;
        let mut c = c.clone();
        if !closer {
            let kept = match c.id {
                0 => Complaint::default(),
                id => incidents::complaint_by_id(store, id)?,
            };
            c.escalated = kept.escalated;
            c.city_answer = kept.city_answer;
            c.closed = kept.closed;
        }
        let id = incidents::save_complaint(store, &c, &by, &now)?;
        share(store, &author, &c.with_id(id), before)?;
        Ok((id, id.to_string()))
    })
}

/// Earlier versions of a complaint (without who changed them, for those who do not see who
/// served whom).
pub fn complaint_history(ctx: &Ctx, id: i64) -> Result<Vec<Earlier<Complaint>>, AppError> {
    ctx.require(Permission::RecordsView)?;
    Ok(anonymous_unless_allowed(
        ctx,
        incidents::complaint_history(ctx.store(), id)?,
    ))
}

/// Earlier versions of an incident report.
pub fn incident_history(ctx: &Ctx, id: i64) -> Result<Vec<Earlier<Incident>>, AppError> {
    ctx.require(Permission::RecordsView)?;
    Ok(anonymous_unless_allowed(
        ctx,
        incidents::incident_history(ctx.store(), id)?,
    ))
}

fn anonymous_unless_allowed<T>(ctx: &Ctx, mut list: Vec<Earlier<T>>) -> Vec<Earlier<T>> {
    if !ctx.may(Permission::VisitsByOperator) {
        for e in &mut list {
            e.changed_by.clear();
        }
    }
    list
}

/// Records or updates an incident report. Returns its id.
pub fn save_incident(ctx: &mut Ctx, i: &Incident) -> Result<i64, AppError> {
    let by = ctx.staff(Permission::IncidentRecord)?.login_id.clone();
    let now = ctx.stamp();
    let author = ctx.sync_author();
    ctx.write(Change::IncidentSave, |store| {
        let before = revision_of::<Incident>(store, i.id)?;
        let id = incidents::save_incident(store, i, &by, &now)?;
        share(store, &author, &i.with_id(id), before)?;
        Ok((id, id.to_string()))
    })
}

/// The revision record `id` is at (0 for a new one).
fn revision_of<T: Record>(store: &Store, id: i64) -> Result<i64, AppError> {
    Ok(match id {
        0 => 0,
        id => shared::of(store, T::TABLE, id)?.revision,
    })
}

/// Puts the record's new version in the change log (in the transaction of the change), when
/// saving made one: it travels to the other counters with its uid.
fn share<T: Record>(
    store: &Store,
    author: &crate::sync::Author,
    record: &T,
    before: i64,
) -> Result<(), AppError> {
    let version = shared::of(store, T::TABLE, record.id())?;
    if version.revision == before {
        return Ok(());
    }
    let saved = T::load(store, record.id())?;
    let kind = match T::TABLE {
        shared::Table::Complaints => crate::sync::Kind::Complaint,
        shared::Table::Incidents => crate::sync::Kind::Incident,
    };
    crate::sync::log::record(store, author, kind, &version.uid, version.revision, &saved)?;
    Ok(())
}

/// Incident reports not yet reported to the city (for the header's warning): for those who
/// record them (the site manager) and the city; nobody else is warned.
pub fn unreported(ctx: &Ctx) -> Result<Vec<Incident>, AppError> {
    ctx.signed_in()?;
    if !ctx.may(Permission::IncidentRecord) && !ctx.may(Permission::RecordsView) {
        return Ok(Vec::new());
    }
    Ok(incidents::unreported(ctx.store())?)
}
