//! The visit loop: one copy of the visit's state, the backend's. A visit in progress is changed one
//! field at a time (a service on or off, the form, the note) and read back whole after each
//! change, so no view's stale copy can overwrite what another change saved. Only the operator
//! whose visit it is changes it.

use serde::Serialize;

use super::{AppError, Change, Ctx, Permission};
use crate::photo::desk::Desk;
use crate::store::Store;
use crate::visits::{
    self, Ending, HistoryEntry, ListEntry, ListKind, Outcome, Tally, Visit, VisitEdit,
};

/// The lists a visit is filled in from.
#[derive(Debug, Serialize)]
pub struct VisitLists {
    /// Services offered for new visits.
    pub services: Vec<ListEntry>,
    /// Reasons for not completed.
    pub reasons: Vec<ListEntry>,
    /// Every service, for labels of old visits.
    pub all_services: Vec<ListEntry>,
    /// Every reason.
    pub all_reasons: Vec<ListEntry>,
}

/// Services and reasons (anyone signed in: every view labels visits with them).
pub fn lists(ctx: &Ctx) -> Result<VisitLists, AppError> {
    ctx.signed_in()?;
    let store = ctx.store();
    Ok(VisitLists {
        services: visits::lists::list(store, ListKind::Services, true)?,
        reasons: visits::lists::list(store, ListKind::Reasons, true)?,
        all_services: visits::lists::list(store, ListKind::Services, false)?,
        all_reasons: visits::lists::list(store, ListKind::Reasons, false)?,
    })
}

/// The actor's visit in progress at this counter.
pub fn current(ctx: &Ctx) -> Result<Option<Visit>, AppError> {
    let me = ctx.staff(Permission::VisitLog)?;
    Ok(visits::open_visit_of(
        ctx.store(),
        ctx.counter(),
        &me.login_id,
    )?)
}

/// Starts a visit at this counter. On a day the calendar says is closed the counter asks first
/// (refused with the day and why, until `open_anyway`: the operator confirmed the counter is
/// open); such a visit is kept and the monthly report flags its day for the site manager.
pub fn start(ctx: &mut Ctx, open_anyway: bool) -> Result<Visit, AppError> {
    let me = ctx.staff(Permission::VisitLog)?.login_id.clone();
    let (counter, now) = (ctx.counter(), ctx.now());
    ctx.write(Change::VisitStart, |store| {
        let cal = crate::calendar::stored::load(store)?;
        let date = now.date_naive();
        let closed = cal.opening(date).is_none();
        if closed && !open_anyway {
            let info = cal.day(date);
            return Err(AppError::ClosedToday {
                day: crate::calendar::wareki::with_weekday(date),
                why: info
                    .holiday
                    .or(info.closure)
                    .unwrap_or_else(|| "開設日ではありません".into()),
            });
        }
        let v = visits::start(store, counter, &me, now)?;
        let detail = if closed {
            format!("{} 休業日の受付（確認済み）", v.id)
        } else {
            v.id.clone()
        };
        Ok((v, detail))
    })
}

/// The actor's visit in progress at this counter, for an action that needs `p` and a visit.
pub(super) fn own_visit_in_progress(ctx: &Ctx, p: Permission) -> Result<Visit, AppError> {
    let me = ctx.staff(p)?.login_id.clone();
    visits::open_visit_of(ctx.store(), ctx.counter(), &me)?.ok_or(AppError::NoOpenVisit)
}

/// The visit `id`, if it is the actor's own visit in progress at this counter.
pub(super) fn own_open(store: &Store, id: &str, me: &str, counter: u8) -> Result<(), AppError> {
    let v = visits::get(store, id)?;
    if v.ended_at.is_none() && (v.operator != me || v.counter != counter) {
        return Err(AppError::NotYourVisit);
    }
    Ok(())
}

fn change_open(
    ctx: &mut Ctx,
    change: Change,
    id: &str,
    detail: String,
    f: impl FnOnce(&mut Store) -> Result<Visit, crate::visits::VisitError>,
) -> Result<Visit, AppError> {
    let me = ctx.staff(Permission::VisitLog)?.login_id.clone();
    let counter = ctx.counter();
    ctx.write(change, |store| {
        own_open(store, id, &me, counter)?;
        Ok((f(store)?, detail))
    })
}

/// Puts a visit's version in the change log (in the transaction of the change): an ended visit,
/// an amendment, a void, an imported visit travel to the other counters; a visit in progress
/// does not.
pub(super) fn share(
    store: &Store,
    author: &crate::sync::Author,
    v: &Visit,
    why: Option<&str>,
) -> Result<(), AppError> {
    if v.ended_at.is_none() && v.voided.is_none() {
        return Ok(());
    }
    let content = serde_json::json!({ "visit": v, "why": why });
    crate::sync::log::record(
        store,
        author,
        crate::sync::Kind::Visit,
        &v.id,
        i64::from(v.revision),
        &content,
    )?;
    Ok(())
}

/// Ticks or unticks one service of the actor's visit in progress.
pub fn set_service(ctx: &mut Ctx, id: &str, code: &str, on: bool) -> Result<Visit, AppError> {
    let detail = format!("{id} {code} {}", if on { "on" } else { "off" });
    change_open(ctx, Change::VisitService, id, detail, |s| {
        visits::set_service(s, id, code, on)
    })
}

/// Sets whether the 交付申請書 was brought.
pub fn set_form(ctx: &mut Ctx, id: &str, brought: Option<bool>) -> Result<Visit, AppError> {
    let detail = format!("{id} {brought:?}");
    change_open(ctx, Change::VisitForm, id, detail, |s| {
        visits::set_form_brought(s, id, brought)
    })
}

/// Saves the note (its text is never in the audit trail).
pub fn set_note(ctx: &mut Ctx, id: &str, note: Option<&str>) -> Result<Visit, AppError> {
    change_open(ctx, Change::VisitNote, id, id.to_string(), |s| {
        visits::set_note(s, id, note)
    })
}

/// Ends the actor's visit in progress with what it holds. The visit is over: its photo goes.
pub fn end(
    ctx: &mut Ctx,
    desk: &mut Desk,
    id: &str,
    outcome: Outcome,
    reason: Option<&str>,
) -> Result<Visit, AppError> {
    let now = ctx.now();
    let author = ctx.sync_author();
    let detail = format!("{id} {} {}", outcome.code(), reason.unwrap_or(""));
    let me = ctx.staff(Permission::VisitLog)?.login_id.clone();
    let counter = ctx.counter();
    let ended = ctx.write(Change::VisitEnd, |store| {
        own_open(store, id, &me, counter)?;
        let v = visits::finish(store, id, outcome, reason, now)?;
        share(store, &author, &v, None)?;
        Ok((v, detail.trim_end().to_string()))
    })?;
    desk.end_visit();
    Ok(ended)
}

/// Ends another operator's visit left in progress, with the reason kept in its history (the
/// site manager's: `VisitCorrectAny`). The visit stays the operator's.
pub fn end_for(ctx: &mut Ctx, id: &str, ending: &Ending, why: &str) -> Result<Visit, AppError> {
    let me = ctx.staff(Permission::VisitCorrectAny)?.login_id.clone();
    let now = ctx.now();
    let reason = ending.reason.as_deref().unwrap_or("");
    let detail = format!("{id} {} {reason}", ending.outcome.code());
    let author = ctx.sync_author();
    ctx.write(Change::VisitEndFor, |store| {
        let v = visits::end_for(store, id, ending, &me, why, now)?;
        share(store, &author, &v, Some(why))?;
        Ok((v, detail.trim_end().to_string()))
    })
}

/// Corrects an ended visit, keeping the old version: one's own, or any with `VisitCorrectAny`.
pub fn amend(ctx: &mut Ctx, id: &str, edit: &VisitEdit, why: &str) -> Result<Visit, AppError> {
    let me = ctx.staff(Permission::VisitLog)?.login_id.clone();
    let any = ctx.may(Permission::VisitCorrectAny);
    let now = ctx.now();
    let author = ctx.sync_author();
    ctx.write(Change::VisitAmend, |store| {
        let v = visits::amend(store, id, edit, &me, any, why, now)?;
        share(store, &author, &v, Some(why))?;
        Ok((v, id.to_string()))
    })
}

/// Voids a visit; it stays recorded and counts nowhere.
pub fn void(ctx: &mut Ctx, id: &str, why: &str) -> Result<Visit, AppError> {
    let me = ctx.staff(Permission::VisitLog)?.login_id.clone();
    let any = ctx.may(Permission::VisitCorrectAny);
    let now = ctx.now();
    let author = ctx.sync_author();
    ctx.write(Change::VisitVoid, |store| {
        let v = visits::void(store, id, &me, any, why, now)?;
        share(store, &author, &v, Some(why))?;
        Ok((v, id.to_string()))
    })
}

/// Every visit of today, both counters, newest first.
/// Without `VisitsByOperator` (city staff), without who served.
pub fn today(ctx: &Ctx) -> Result<Vec<Visit>, AppError> {
    ctx.require(Permission::VisitsToday)?;
    let mut list = visits::list_day(ctx.store(), ctx.now().date_naive())?;
    list.reverse();
    if !ctx.may(Permission::VisitsByOperator) {
        list = list.into_iter().map(Visit::without_staff).collect();
    }
    Ok(list)
}

/// Earlier versions of a visit (without who changed them, for city staff).
pub fn history(ctx: &Ctx, id: &str) -> Result<Vec<HistoryEntry>, AppError> {
    ctx.require(Permission::VisitsToday)?;
    let mut entries = visits::history(ctx.store(), id)?;
    if !ctx.may(Permission::VisitsByOperator) {
        for e in &mut entries {
            e.changed_by.clear();
            e.before = e.before.clone().without_staff();
        }
    }
    Ok(entries)
}

/// Today's running tally per service and per counter.
pub fn tally_today(ctx: &Ctx) -> Result<Tally, AppError> {
    ctx.require(Permission::VisitsToday)?;
    Ok(visits::tally_day(ctx.store(), ctx.now().date_naive())?)
}
