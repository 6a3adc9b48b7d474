//! The visit loop: start, save, end, amend, void, today's list and tally.

use serde::Serialize;
use tauri::State;

use crate::auth::Action;
use crate::desktop::error::CmdResult;
use crate::desktop::state::{Db, SessionSlot};
use crate::visits::{self, HistoryEntry, ListEntry, ListKind, Tally, Visit, VisitEdit};
use crate::{clock, site};

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

/// Services and reasons.
#[tauri::command]
pub fn visit_lists(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<VisitLists> {
    session.require()?;
    let store = db.lock()?;
    Ok(VisitLists {
        services: visits::lists::list(&store, ListKind::Services, true)?,
        reasons: visits::lists::list(&store, ListKind::Reasons, true)?,
        all_services: visits::lists::list(&store, ListKind::Services, false)?,
        all_reasons: visits::lists::list(&store, ListKind::Reasons, false)?,
    })
}

/// The signed-in operator's visit in progress.
#[tauri::command]
pub fn visit_current(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Option<Visit>> {
    let s = session.require_to(Action::LogVisits)?;
    let store = db.lock()?;
    let counter = site::counter(&store)?;
    Ok(visits::open_visit_of(&store, counter, &s.login_id)?)
}

/// Starts a visit at this counter.
#[tauri::command]
pub fn visit_start(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<Visit> {
    let s = session.require_to(Action::LogVisits)?;
    let mut store = db.lock()?;
    let counter = site::counter(&store)?;
    Ok(visits::start(
        &mut store,
        counter,
        &s.login_id,
        clock::now(),
    )?)
}

/// Saves what has been ticked so far.
#[tauri::command]
pub fn visit_save(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: String,
    edit: VisitEdit,
) -> CmdResult<Visit> {
    session.require_to(Action::LogVisits)?;
    let mut store = db.lock()?;
    Ok(visits::update_open(&mut store, &id, &edit)?)
}

/// Ends a visit with its outcome.
#[tauri::command]
pub fn visit_end(
    db: State<'_, Db>,
    photos: State<'_, crate::desktop::photo_service::PhotoService>,
    session: State<'_, SessionSlot>,
    id: String,
    edit: VisitEdit,
) -> CmdResult<Visit> {
    session.require_to(Action::LogVisits)?;
    let ended = {
        let mut store = db.lock()?;
        visits::end(&mut store, &id, &edit, clock::now())?
    };
    // The visit is over: its photo goes.
    photos.clear();
    Ok(ended)
}

/// Corrects an ended visit, keeping the old version.
#[tauri::command]
pub fn visit_amend(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: String,
    edit: VisitEdit,
    why: String,
) -> CmdResult<Visit> {
    let s = session.require_to(Action::LogVisits)?;
    let any = s.role.may(Action::CorrectAnyVisit);
    let v = {
        let mut store = db.lock()?;
        visits::amend(&mut store, &id, &edit, &s.login_id, any, &why, clock::now())?
    };
    super::audit(&db, Some(&s.login_id), "visit.amend", &id)?;
    Ok(v)
}

/// Voids a visit; it stays recorded and counts nowhere.
#[tauri::command]
pub fn visit_void(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: String,
    why: String,
) -> CmdResult<Visit> {
    let s = session.require_to(Action::LogVisits)?;
    let any = s.role.may(Action::CorrectAnyVisit);
    let v = {
        let mut store = db.lock()?;
        visits::void(&mut store, &id, &s.login_id, any, &why, clock::now())?
    };
    super::audit(&db, Some(&s.login_id), "visit.void", &id)?;
    Ok(v)
}

/// Every visit of today, both counters, newest first.
#[tauri::command]
pub fn visits_today(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<Vec<Visit>> {
    session.require_to(Action::ViewReports)?;
    let store = db.lock()?;
    let mut list = visits::list_day(&store, clock::now().date_naive())?;
    list.reverse();
    Ok(list)
}

/// Earlier versions of a visit.
#[tauri::command]
pub fn visit_history(
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
    id: String,
) -> CmdResult<Vec<HistoryEntry>> {
    session.require_to(Action::ViewReports)?;
    let store = db.lock()?;
    Ok(visits::history(&store, &id)?)
}

/// Today's running tally per service and per counter.
#[tauri::command]
pub fn tally_today(db: State<'_, Db>, session: State<'_, SessionSlot>) -> CmdResult<Tally> {
    session.require_to(Action::ViewReports)?;
    let store = db.lock()?;
    Ok(visits::tally_day(&store, clock::now().date_naive())?)
}
