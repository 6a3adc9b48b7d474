//! The network watch's use cases: only the app's watch records rounds; an outage opens dated from
//! the round that found it, goes on without writing, and closes; the site manager (not an
//! operator) is asked to report one of ten minutes or more, once.

use super::*;
use crate::app::netwatch as uc;
use crate::netcheck::Cause;
use crate::netwatch::round::{Failing, Round};

fn down(cause: Cause) -> Round {
    Round {
        failing: vec![Failing {
            label: "J-LIS 申請サイト".into(),
            cause,
            detail: "応答がありません".into(),
        }],
    }
}

fn round_at(w: &mut World, when: &str, r: &Round) -> Option<crate::netwatch::Outage> {
    run_at(w, Actor::System, when, |cx, _| {
        uc::record_round(cx, at(when).wall, r)
    })
}

fn status_as(w: &mut World, who: Actor, when: &str) -> uc::NetworkStatus {
    run_at(w, who, when, |cx, _| uc::status(cx))
}

#[test]
fn an_outage_opens_goes_on_closes_and_is_offered_for_a_report_once() {
    let mut w = World::new();
    w.refused(
        "a person does not record rounds",
        "forbidden",
        manager(),
        |cx, _, _, _| uc::record_round(cx, moment().wall, &down(Cause::Dns)),
    );
    assert_eq!(round_at(&mut w, "10:00", &Round::default()), None);
    let before = audit::count(&w.store).unwrap();
    let o = round_at(&mut w, "10:01", &down(Cause::Timeout)).unwrap();
    assert_eq!(o.started_at, "2026-11-24T10:01:00+09:00");
    assert_eq!(o.cause, Cause::Timeout);
    // Still down a few rounds later: the same outage, nothing written.
    let after_open = audit::count(&w.store).unwrap();
    assert_eq!(after_open, before + 1);
    assert_eq!(
        round_at(&mut w, "10:05", &down(Cause::Dns)).unwrap().id,
        o.id
    );
    assert_eq!(audit::count(&w.store).unwrap(), after_open);
    // The header: the operator sees the outage; the prompt is the site manager's, from 10 minutes.
    let op = status_as(&mut w, operator(), "10:10");
    assert_eq!(op.outage.as_ref().map(|x| x.id), Some(o.id));
    assert!(op.to_report.is_empty(), "not the operator's to report");
    assert!(
        status_as(&mut w, manager(), "10:10").to_report.is_empty(),
        "9 minutes"
    );
    assert_eq!(status_as(&mut w, manager(), "10:11").to_report.len(), 1);
    // Back: closed, still offered for the report until taken up.
    assert_eq!(round_at(&mut w, "10:20", &Round::default()), None);
    let st = status_as(&mut w, manager(), "17:00");
    assert!(st.outage.is_none());
    assert_eq!(
        st.to_report[0].ended_at.as_deref(),
        Some("2026-11-24T10:20:00+09:00")
    );
    w.refused(
        "an operator does not take it up",
        "forbidden",
        operator(),
        |cx, _, _, _| uc::take_up(cx, o.id),
    );
    w.refused(
        "no such outage",
        "no_such_outage",
        manager(),
        |cx, _, _, _| uc::take_up(cx, 9999),
    );
    run_at(&mut w, manager(), "17:01", |cx, _| uc::take_up(cx, o.id));
    assert!(status_as(&mut w, manager(), "17:02").to_report.is_empty());
    // A short outage is not offered.
    round_at(&mut w, "15:00", &down(Cause::Dns));
    round_at(&mut w, "15:03", &Round::default());
    assert!(status_as(&mut w, manager(), "17:03").to_report.is_empty());
}

#[test]
fn the_watch_runs_in_working_hours_with_targets_only() {
    let mut w = World::new();
    // The demo starts without targets.
    assert!(!run_at(&mut w, Actor::System, "10:00", |cx, _| uc::plan(cx)).active);
    run_at(&mut w, manager(), "10:00", |cx, _| {
        crate::app::opening::save_settings(cx, &crate::opening::OpeningSettings::default())
    });
    let p = |w: &mut World, when: &str| run_at(w, Actor::System, when, |cx, _| uc::plan(cx));
    assert!(p(&mut w, "10:00").active);
    assert_eq!(p(&mut w, "10:00").interval_s, 30);
    assert!(p(&mut w, "07:30").active, "an hour before opening");
    assert!(!p(&mut w, "07:29").active);
    assert!(!p(&mut w, "17:15").active, "closed");
}
