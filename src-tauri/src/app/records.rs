//! Complaints (苦情) and incident reports (事故報告書).

use super::{AppError, Change, Ctx, Permission};
use crate::calendar::Month;
use crate::incidents::{self, Complaint, Earlier, Incident, Records};

/// The complaints and incidents of a month.
pub fn month(ctx: &Ctx, month: Month) -> Result<Records, AppError> {
    ctx.require(Permission::RecordsView)?;
    Ok(incidents::records_between(
        ctx.store(),
        month.first_day(),
        month.last_day(),
    )?)
}

/// Records or updates a complaint. Returns its id. Only those who close complaints set the
/// escalation, the city's answer and the closing; from anyone else those stay as they were.
pub fn save_complaint(ctx: &mut Ctx, c: &Complaint) -> Result<i64, AppError> {
    let by = ctx.staff(Permission::ComplaintRecord)?.login_id.clone();
    let closer = ctx.may(Permission::ComplaintClose);
    let now = ctx.stamp();
    ctx.write(Change::ComplaintSave, |store| {
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
    ctx.write(Change::IncidentSave, |store| {
        let id = incidents::save_incident(store, i, &by, &now)?;
        Ok((id, id.to_string()))
    })
}
