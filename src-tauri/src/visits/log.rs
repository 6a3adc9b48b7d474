//! Starting, filling in, ending, amending and voiding visits. Every rule about what a visit may
//! hold lives here, so the window, the CLI and imports all obey the same checks.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::lists::{self, ListKind};
use super::{table, Outcome, Time, Visit, VisitError, Voided};
use crate::clock;
use crate::privacy::check_note;
use crate::store::Store;

/// The fields an operator fills in (while open) or corrects (by amendment).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitEdit {
    /// Service codes.
    pub services: Vec<String>,
    /// For `application`: form brought.
    pub form_brought: Option<bool>,
    /// Short note.
    pub note: Option<String>,
    /// Outcome (ignored while open).
    pub outcome: Option<Outcome>,
    /// Reason code when not completed.
    pub reason: Option<String>,
}

/// One earlier version of a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// `amend`, `void`, or `end_for` (ended by the site manager for the operator).
    pub action: String,
    /// When the change was made.
    pub changed_at: String,
    /// Who made it.
    pub changed_by: String,
    /// Why.
    pub reason: String,
    /// The visit as it was before.
    pub before: Visit,
}

fn tidy_note(note: Option<&str>) -> Result<Option<String>, VisitError> {
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if let Some(n) = note {
        check_note(n)?;
    }
    Ok(note.map(str::to_string))
}

/// Checks services against the list and normalises the fields an edit sets.
fn apply_fields(store: &Store, v: &mut Visit, edit: &VisitEdit) -> Result<(), VisitError> {
    let mut services = edit.services.clone();
    for s in &services {
        if !lists::exists(store, ListKind::Services, s)? {
            return Err(VisitError::UnknownCode(s.clone()));
        }
    }
    table::sort_services(store, &mut services)?;
    let has_application = services.iter().any(|s| s == "application");
    v.form_brought = if has_application {
        edit.form_brought
    } else {
        None
    };
    v.note = tidy_note(edit.note.as_deref())?;
    v.services = services;
    Ok(())
}

/// Checks what an ended visit must hold.
fn check_complete(
    store: &Store,
    v: &Visit,
    outcome: Outcome,
    reason: Option<&str>,
) -> Result<Option<String>, VisitError> {
    if v.services.is_empty() {
        return Err(VisitError::NoService);
    }
    if v.services.iter().any(|s| s == "application") && v.form_brought.is_none() {
        return Err(VisitError::FormBroughtRequired);
    }
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    match (outcome, reason) {
        (Outcome::Completed, None) => Ok(None),
        (Outcome::Completed, Some(_)) => Err(VisitError::ReasonNotAllowed),
        (Outcome::NotCompleted, None) => Err(VisitError::ReasonRequired),
        (Outcome::NotCompleted, Some(r)) => {
            if !lists::exists(store, ListKind::Reasons, r)? {
                return Err(VisitError::UnknownCode(r.into()));
            }
            Ok(Some(r.to_string()))
        }
    }
}

/// Starts a visit for `operator` at `counter`. One open visit per operator at a time.
pub fn start(
    store: &mut Store,
    counter: u8,
    operator: &str,
    now: Time,
) -> Result<Visit, VisitError> {
    if let Some(open) = table::open_of(store, counter, operator)? {
        return Err(VisitError::AlreadyOpen(open.id));
    }
    let v = Visit {
        id: uuid::Uuid::new_v4().to_string(),
        counter,
        operator: operator.to_string(),
        started_at: clock::stamp(now),
        ended_at: None,
        services: Vec::new(),
        outcome: None,
        reason: None,
        form_brought: None,
        note: None,
        revision: 1,
        voided: None,
        imported: false,
    };
    let tx = store.conn.savepoint()?;
    table::insert(&tx, &v)?;
    tx.commit()?;
    Ok(v)
}

/// The operator's visit in progress at this counter.
pub fn open_visit_of(
    store: &Store,
    counter: u8,
    operator: &str,
) -> Result<Option<Visit>, VisitError> {
    table::open_of(store, counter, operator)
}

/// When the last visit at `counter` ended (RFC 3339 +09:00, so the text sorts as the time), if any.
/// Imported visits were served at the other counter and do not count.
pub fn last_ended_at(store: &Store, counter: u8) -> Result<Option<String>, VisitError> {
    Ok(store.conn.query_row(
        "SELECT max(ended_at) FROM visits WHERE counter = ?1 AND imported = 0",
        [counter],
        |r| r.get(0),
    )?)
}

/// How many visits are in progress at `counter` (any operator).
pub fn open_count(store: &Store, counter: u8) -> Result<i64, VisitError> {
    table::open_count(store, counter)
}

/// Saves the services, form and note of a visit in progress (no history: nothing is final yet).
pub fn update_open(store: &mut Store, id: &str, edit: &VisitEdit) -> Result<Visit, VisitError> {
    let (seq, mut v) = table::find(store, id)?.ok_or_else(|| VisitError::NotFound(id.into()))?;
    if v.voided.is_some() {
        return Err(VisitError::Voided);
    }
    if v.ended_at.is_some() {
        return Err(VisitError::AlreadyEnded);
    }
    apply_fields(store, &mut v, edit)?;
    let tx = store.conn.savepoint()?;
    table::update(&tx, seq, &v)?;
    tx.commit()?;
    Ok(v)
}

/// Ends a visit in progress with the fields in `edit` and its outcome.
pub fn end(store: &mut Store, id: &str, edit: &VisitEdit, now: Time) -> Result<Visit, VisitError> {
    let (seq, mut v) = table::find(store, id)?.ok_or_else(|| VisitError::NotFound(id.into()))?;
    if v.voided.is_some() {
        return Err(VisitError::Voided);
    }
    if v.ended_at.is_some() {
        return Err(VisitError::AlreadyEnded);
    }
    apply_fields(store, &mut v, edit)?;
    let outcome = edit.outcome.unwrap_or(Outcome::Completed);
    v.reason = check_complete(store, &v, outcome, edit.reason.as_deref())?;
    v.outcome = Some(outcome);
    let end = clock::stamp(now).max(v.started_at.clone());
    v.ended_at = Some(end);
    let tx = store.conn.savepoint()?;
    table::update(&tx, seq, &v)?;
    tx.commit()?;
    Ok(v)
}

/// The fields of a visit as an edit that keeps them.
fn edit_of(v: &Visit) -> VisitEdit {
    VisitEdit {
        services: v.services.clone(),
        form_brought: v.form_brought,
        note: v.note.clone(),
        outcome: v.outcome,
        reason: v.reason.clone(),
    }
}

/// Ticks (`on`) or unticks one service of a visit in progress; the others stay as they are.
pub fn set_service(store: &mut Store, id: &str, code: &str, on: bool) -> Result<Visit, VisitError> {
    let v = get(store, id)?;
    let mut edit = edit_of(&v);
    edit.services.retain(|s| s != code);
    if on {
        edit.services.push(code.to_string());
    }
    update_open(store, id, &edit)
}

/// Sets whether the citizen brought the 交付申請書 (`None`: not asked yet).
pub fn set_form_brought(
    store: &mut Store,
    id: &str,
    brought: Option<bool>,
) -> Result<Visit, VisitError> {
    let v = get(store, id)?;
    update_open(
        store,
        id,
        &VisitEdit {
            form_brought: brought,
            ..edit_of(&v)
        },
    )
}

/// Sets the note of a visit in progress (checked for personal data).
pub fn set_note(store: &mut Store, id: &str, note: Option<&str>) -> Result<Visit, VisitError> {
    let v = get(store, id)?;
    update_open(
        store,
        id,
        &VisitEdit {
            note: note.map(str::to_string),
            ..edit_of(&v)
        },
    )
}

/// Ends a visit in progress with what it holds and `outcome`.
pub fn finish(
    store: &mut Store,
    id: &str,
    outcome: Outcome,
    reason: Option<&str>,
    now: Time,
) -> Result<Visit, VisitError> {
    let v = get(store, id)?;
    let edit = VisitEdit {
        outcome: Some(outcome),
        reason: reason.map(str::to_string),
        ..edit_of(&v)
    };
    end(store, id, &edit, now)
}

/// How the site manager ends a visit left in progress: the outcome, the reason when not
/// completed, and whether the 交付申請書 was brought when the operator had not said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ending {
    /// Completed or not.
    pub outcome: Outcome,
    /// Reason code when not completed.
    pub reason: Option<String>,
    /// For `application`, when the visit does not say yet.
    pub form_brought: Option<bool>,
}

/// Ends another operator's visit left in progress (they went home, a sign-out left it open) on
/// the site manager's word: `why` is required and kept in the visit's history with who ended it.
pub fn end_for(
    store: &mut Store,
    id: &str,
    ending: &Ending,
    by: &str,
    why: &str,
    now: Time,
) -> Result<Visit, VisitError> {
    let (seq, before, why) = load_for_correction(store, id, by, true, why)?;
    if before.ended_at.is_some() {
        return Err(VisitError::AlreadyEnded);
    }
    let edit = VisitEdit {
        outcome: Some(ending.outcome),
        reason: ending.reason.clone(),
        form_brought: before.form_brought.or(ending.form_brought),
        ..edit_of(&before)
    };
    let ended = end(store, id, &edit, now)?;
    let tx = store.conn.savepoint()?;
    table::push_history(&tx, seq, &before, "end_for", &clock::stamp(now), by, why)?;
    tx.commit()?;
    Ok(ended)
}

/// What every correction checks first: a reason free of personal data, a visit that exists and
/// is not voided, and one the caller may correct.
fn load_for_correction<'w>(
    store: &Store,
    id: &str,
    by: &str,
    any_visit: bool,
    why: &'w str,
) -> Result<(i64, Visit, &'w str), VisitError> {
    let why = why.trim();
    if why.is_empty() {
        return Err(VisitError::WhyRequired);
    }
    check_note(why)?;
    let (seq, visit) = table::find(store, id)?.ok_or_else(|| VisitError::NotFound(id.into()))?;
    if visit.voided.is_some() {
        return Err(VisitError::Voided);
    }
    if !any_visit && visit.operator != by {
        return Err(VisitError::NotYours);
    }
    Ok((seq, visit, why))
}

/// Corrects an ended visit. The version it replaces is kept with who, when and why.
/// `any_visit` is whether the caller may correct other operators' visits.
pub fn amend(
    store: &mut Store,
    id: &str,
    edit: &VisitEdit,
    by: &str,
    any_visit: bool,
    why: &str,
    now: Time,
) -> Result<Visit, VisitError> {
    let (seq, before, why) = load_for_correction(store, id, by, any_visit, why)?;
    if before.ended_at.is_none() {
        return Err(VisitError::StillOpen);
    }
    let mut v = before.clone();
    apply_fields(store, &mut v, edit)?;
    let outcome = edit
        .outcome
        .or(before.outcome)
        .unwrap_or(Outcome::Completed);
    v.reason = check_complete(store, &v, outcome, edit.reason.as_deref())?;
    v.outcome = Some(outcome);
    v.revision += 1;
    let tx = store.conn.savepoint()?;
    table::push_history(&tx, seq, &before, "amend", &clock::stamp(now), by, why)?;
    table::update(&tx, seq, &v)?;
    tx.commit()?;
    Ok(v)
}

/// Voids a visit (entered by mistake, a duplicate). It stays in the database and counts nowhere.
pub fn void(
    store: &mut Store,
    id: &str,
    by: &str,
    any_visit: bool,
    why: &str,
    now: Time,
) -> Result<Visit, VisitError> {
    let (seq, before, why) = load_for_correction(store, id, by, any_visit, why)?;
    let mut v = before.clone();
    v.voided = Some(Voided {
        at: clock::stamp(now),
        by: by.into(),
        reason: why.into(),
    });
    let tx = store.conn.savepoint()?;
    table::push_history(&tx, seq, &before, "void", &clock::stamp(now), by, why)?;
    table::update(&tx, seq, &v)?;
    tx.commit()?;
    Ok(v)
}

/// One visit.
pub fn get(store: &Store, id: &str) -> Result<Visit, VisitError> {
    table::find(store, id)?
        .map(|(_, v)| v)
        .ok_or_else(|| VisitError::NotFound(id.into()))
}

/// Earlier versions of a visit, oldest first.
pub fn history(store: &Store, id: &str) -> Result<Vec<HistoryEntry>, VisitError> {
    let (seq, _) = table::find(store, id)?.ok_or_else(|| VisitError::NotFound(id.into()))?;
    table::history_rows(store, seq)?
        .into_iter()
        .map(|(action, changed_at, changed_by, reason, json)| {
            let before = serde_json::from_str(&json).map_err(|e| VisitError::Io(e.to_string()))?;
            Ok(HistoryEntry {
                action,
                changed_at,
                changed_by,
                reason,
                before,
            })
        })
        .collect()
}

/// Every visit that started on `date` (Tokyo), voided ones included, oldest first.
pub fn list_day(store: &Store, date: NaiveDate) -> Result<Vec<Visit>, VisitError> {
    list_between(store, date, date)
}

/// Every visit that started from `from` to `to` (both included).
pub fn list_between(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Visit>, VisitError> {
    let next = to.succ_opt().unwrap_or(to);
    table::between(store, &clock::day_start(from), &clock::day_start(next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::privacy::PersonalData;

    fn store() -> Store {
        let s = Store::open_in_memory().unwrap();
        lists::ensure_defaults(&s).unwrap();
        s
    }

    fn at(h: u32, m: u32) -> Time {
        clock::parse(&format!("2023-07-03T{h:02}:{m:02}:00+09:00")).unwrap()
    }

    fn edit(services: &[&str]) -> VisitEdit {
        VisitEdit {
            services: services.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_visit_from_start_to_end() {
        let mut s = store();
        let v = start(&mut s, 1, "op1", at(9, 0)).unwrap();
        assert!(
            matches!(
                start(&mut s, 1, "op1", at(9, 1)),
                Err(VisitError::AlreadyOpen(_))
            ),
            "one open visit per operator"
        );
        update_open(&mut s, &v.id, &edit(&["health_insurance", "photo"])).unwrap();
        let ended = end(
            &mut s,
            &v.id,
            &edit(&["health_insurance", "photo"]),
            at(9, 12),
        )
        .unwrap();
        assert_eq!(
            ended.services,
            vec!["photo", "health_insurance"],
            "services in list order"
        );
        assert_eq!(ended.outcome, Some(Outcome::Completed));
        assert_eq!(ended.ended_at.as_deref(), Some("2023-07-03T09:12:00+09:00"));
        assert!(matches!(
            end(&mut s, &v.id, &edit(&["photo"]), at(9, 13)),
            Err(VisitError::AlreadyEnded)
        ));
    }

    #[test]
    fn ending_checks_services_reason_and_form() {
        let mut s = store();
        let v = start(&mut s, 1, "op1", at(9, 0)).unwrap();
        assert!(matches!(
            end(&mut s, &v.id, &edit(&[]), at(9, 5)),
            Err(VisitError::NoService)
        ));
        assert!(matches!(
            end(&mut s, &v.id, &edit(&["application"]), at(9, 5)),
            Err(VisitError::FormBroughtRequired)
        ));
        let mut e = edit(&["pin"]);
        e.outcome = Some(Outcome::NotCompleted);
        assert!(matches!(
            end(&mut s, &v.id, &e, at(9, 5)),
            Err(VisitError::ReasonRequired)
        ));
        e.reason = Some("no_such_reason".into());
        assert!(matches!(
            end(&mut s, &v.id, &e, at(9, 5)),
            Err(VisitError::UnknownCode(_))
        ));
        e.reason = Some("pin_locked".into());
        let ended = end(&mut s, &v.id, &e, at(9, 5)).unwrap();
        assert_eq!(ended.reason.as_deref(), Some("pin_locked"));
    }

    #[test]
    fn note_with_a_my_number_is_refused_and_nothing_changes() {
        let mut s = store();
        let v = start(&mut s, 1, "op1", at(9, 0)).unwrap();
        let mut e = edit(&["pin"]);
        e.note = Some("番号 123456789018".into());
        let err = end(&mut s, &v.id, &e, at(9, 5)).unwrap_err();
        assert!(
            matches!(err, VisitError::PersonalData(PersonalData::MyNumber)),
            "{err:?}"
        );
        assert!(
            get(&s, &v.id).unwrap().ended_at.is_none(),
            "the refused save changed nothing"
        );
    }

    #[test]
    fn ticks_change_one_service_and_keep_the_rest() {
        let mut s = store();
        let v = start(&mut s, 1, "op1", at(9, 0)).unwrap();
        set_service(&mut s, &v.id, "pin", true).unwrap();
        let v2 = set_note(&mut s, &v.id, Some("再来庁の予定")).unwrap();
        assert_eq!(v2.services, vec!["pin"]);
        set_service(&mut s, &v.id, "consultation", true).unwrap();
        set_service(&mut s, &v.id, "pin", true).unwrap();
        let both = get(&s, &v.id).unwrap();
        assert_eq!(
            both.services,
            vec!["pin", "consultation"],
            "a second tick adds to the first; ticking twice keeps one"
        );
        assert_eq!(
            both.note.as_deref(),
            Some("再来庁の予定"),
            "a tick keeps the note"
        );
        set_service(&mut s, &v.id, "pin", false).unwrap();
        assert!(matches!(
            set_service(&mut s, &v.id, "no_such", true),
            Err(VisitError::UnknownCode(_))
        ));
        set_service(&mut s, &v.id, "application", true).unwrap();
        assert!(matches!(
            finish(&mut s, &v.id, Outcome::Completed, None, at(9, 9)),
            Err(VisitError::FormBroughtRequired)
        ));
        set_form_brought(&mut s, &v.id, Some(false)).unwrap();
        let ended = finish(&mut s, &v.id, Outcome::Completed, None, at(9, 10)).unwrap();
        assert_eq!(ended.services, vec!["application", "consultation"]);
        assert_eq!(ended.form_brought, Some(false));
        assert!(matches!(
            set_service(&mut s, &v.id, "pin", true),
            Err(VisitError::AlreadyEnded)
        ));
    }

    fn done() -> Ending {
        Ending {
            outcome: Outcome::Completed,
            reason: None,
            form_brought: None,
        }
    }

    #[test]
    fn a_visit_left_open_is_ended_for_its_operator_with_a_reason() {
        let mut s = store();
        let app = start(&mut s, 1, "op2", at(8, 50)).unwrap();
        set_service(&mut s, &app.id, "application", true).unwrap();
        assert!(matches!(
            end_for(&mut s, &app.id, &done(), "mgr", "退勤", at(12, 0)),
            Err(VisitError::FormBroughtRequired)
        ));
        let brought = Ending {
            form_brought: Some(true),
            ..done()
        };
        let ended = end_for(&mut s, &app.id, &brought, "mgr", "退勤", at(12, 0)).unwrap();
        assert_eq!(ended.form_brought, Some(true), "said by the site manager");

        let v = start(&mut s, 1, "op1", at(9, 0)).unwrap();
        set_service(&mut s, &v.id, "pin", true).unwrap();
        assert!(matches!(
            end_for(&mut s, &v.id, &done(), "mgr", " ", at(12, 0)),
            Err(VisitError::WhyRequired)
        ));
        let ended = end_for(
            &mut s,
            &v.id,
            &done(),
            "mgr",
            "担当者が退勤したため",
            at(12, 0),
        )
        .unwrap();
        assert_eq!(ended.operator, "op1", "still the operator's visit");
        assert_eq!(ended.services, vec!["pin"]);
        assert!(ended.ended_at.is_some());
        let h = history(&s, &v.id).unwrap();
        assert_eq!(
            (h[0].action.as_str(), h[0].changed_by.as_str()),
            ("end_for", "mgr")
        );
        assert_eq!(h[0].reason, "担当者が退勤したため");
        assert!(matches!(
            end_for(&mut s, &v.id, &done(), "mgr", "再度", at(12, 1)),
            Err(VisitError::AlreadyEnded)
        ));
    }

    #[test]
    fn amend_and_void_keep_history() {
        let mut s = store();
        let v = start(&mut s, 1, "op1", at(9, 0)).unwrap();
        end(&mut s, &v.id, &edit(&["pin"]), at(9, 5)).unwrap();
        assert!(matches!(
            amend(
                &mut s,
                &v.id,
                &edit(&["certificate"]),
                "op1",
                false,
                " ",
                at(10, 0)
            ),
            Err(VisitError::WhyRequired)
        ));
        assert!(matches!(
            amend(
                &mut s,
                &v.id,
                &edit(&["certificate"]),
                "op2",
                false,
                "誤り",
                at(10, 0)
            ),
            Err(VisitError::NotYours)
        ));
        let a = amend(
            &mut s,
            &v.id,
            &edit(&["certificate"]),
            "op1",
            false,
            "区分の選択誤り",
            at(10, 0),
        )
        .unwrap();
        assert_eq!(
            (a.revision, a.services.clone()),
            (2, vec!["certificate".to_string()])
        );
        let voided = void(&mut s, &v.id, "manager", true, "重複入力", at(11, 0)).unwrap();
        assert!(voided.voided.is_some() && !voided.counts());
        let h = history(&s, &v.id).unwrap();
        assert_eq!(h.len(), 2, "both corrections are kept");
        assert_eq!(
            h[0].before.services,
            vec!["pin"],
            "the first version survives"
        );
        assert_eq!(
            (h[1].action.as_str(), h[1].changed_by.as_str()),
            ("void", "manager")
        );
        assert_eq!(
            list_day(&s, at(0, 0).date_naive()).unwrap().len(),
            1,
            "voided visits are never deleted"
        );
    }
}
