//! The opening check's use cases: who may, a run that is missing or stale, a manual list that
//! changed, the header's "not done yet" window, the last backup, and the record in the report.

use super::*;
use crate::app::opening as uc;
use crate::opening::{Item, OpeningSettings};
use uc::AutoRun;

fn run_at_time(when: &str, ok: bool) -> AutoRun {
    AutoRun {
        at: at(when).wall,
        items: vec![
            Item::auto("camera", "カメラ", true, "1280×720"),
            Item::auto("printer", "プリンター", ok, "停止しています"),
        ],
    }
}

fn status_at(w: &mut World, when: &str) -> uc::OpeningStatus {
    run_at(w, operator(), when, |cx, _| uc::status(cx))
}

#[test]
fn who_may_run_record_and_set_it() {
    let mut w = World::new();
    let t = manual_ticks(&w, true);
    let run = run_at_time("10:00", true);
    w.refused("city staff", "forbidden", city(), |cx, _, _, _| {
        uc::plan(cx)
    });
    w.refused("city staff", "forbidden", city(), |cx, _, _, _| {
        uc::record(cx, Some(&run), &t)
    });
    w.refused(
        "the command line has no person at the counter",
        "forbidden",
        cli(),
        |cx, _, _, _| uc::record(cx, Some(&run), &t),
    );
    w.refused("nobody", "not_signed_in", Actor::Nobody, |cx, _, _, _| {
        uc::status(cx)
    });
    w.refused(
        "an operator does not edit the list",
        "forbidden",
        operator(),
        |cx, _, _, _| uc::save_settings(cx, &OpeningSettings::default()),
    );
    let bad = OpeningSettings {
        targets: vec![crate::opening::Target {
            label: "x".into(),
            url: "ftp://x".into(),
        }],
        ..OpeningSettings::default()
    };
    w.refused(
        "a bad target",
        "opening_bad_target",
        manager(),
        |cx, _, _, _| uc::save_settings(cx, &bad),
    );
    let (r, _) = w.run(operator(), |cx, _, _, _| uc::plan(cx));
    assert_eq!(r.unwrap().settings.manual_items.len(), t.len());
    let (r, _) = w.run(manager(), |cx, _, _, _| uc::record(cx, Some(&run), &t));
    let rec = r.unwrap();
    assert_eq!((rec.done_by.as_str(), rec.counter), ("manager", 1));
    assert_eq!(rec.items.len(), 2 + t.len());
}

#[test]
fn a_missing_stale_or_yesterdays_run_and_a_changed_list_are_refused() {
    let mut w = World::new();
    let t = manual_ticks(&w, true);
    w.refused("no run", "opening_not_run", operator(), |cx, _, _, _| {
        uc::record(cx, None, &t)
    });
    // moment() is 10:00: a run at 09:29 is 31 minutes old.
    let stale = run_at_time("09:29", true);
    w.refused("stale", "opening_not_run", operator(), |cx, _, _, _| {
        uc::record(cx, Some(&stale), &t)
    });
    let yesterday = AutoRun {
        at: crate::clock::parse("2026-11-23T09:59:00+09:00").unwrap(),
        items: Vec::new(),
    };
    w.refused("yesterday", "opening_not_run", operator(), |cx, _, _, _| {
        uc::record(cx, Some(&yesterday), &t)
    });
    let fresh = run_at_time("09:31", true);
    w.refused(
        "one item short",
        "opening_manual_changed",
        operator(),
        |cx, _, _, _| uc::record(cx, Some(&fresh), &t[1..]),
    );
    let st = status_at(&mut w, "10:00");
    assert!(
        st.due && st.record.is_none(),
        "nothing was recorded by the refusals"
    );
}

#[test]
fn the_header_asks_from_an_hour_before_opening_until_closing_on_opening_days_only() {
    let mut w = World::new();
    // Tuesday 2026-11-24: 8:30–17:15.
    assert!(!status_at(&mut w, "07:29").due);
    assert!(status_at(&mut w, "07:30").due);
    assert!(status_at(&mut w, "17:14").due);
    assert!(!status_at(&mut w, "17:15").due);
    // Monday 2026-11-23 is 勤労感謝の日.
    let holiday = Moment::at(crate::clock::parse("2026-11-23T10:00:00+09:00").unwrap());
    let ctx = Ctx::new(&mut w.store, operator(), holiday).unwrap();
    assert!(!uc::status(&ctx).unwrap().due);
    // Done (with an NG): no longer asked, and the record says what failed.
    let t = manual_ticks(&w, true);
    let run = run_at_time("08:05", false);
    run_at(&mut w, operator(), "08:10", |cx, _| {
        uc::record(cx, Some(&run), &t)
    });
    let st = status_at(&mut w, "08:11");
    assert!(!st.due);
    let rec = st.record.unwrap();
    assert_eq!(
        rec.ng().map(|i| i.label.as_str()).collect::<Vec<_>>(),
        vec!["プリンター"]
    );
    assert_eq!(rec.done_at, "2026-11-24T08:10:00+09:00");
}

#[test]
fn the_plan_knows_the_last_backup() {
    let mut w = World::new();
    let (p, _) = w.run(operator(), |cx, _, _, _| uc::plan(cx));
    assert_eq!(p.unwrap().last_backup, None);
    let target = w.path("backup.sqlite");
    let (r, _) = w.run(cli(), |cx, _, _, _| data::backup(cx, &target));
    r.unwrap();
    let (p, _) = w.run(operator(), |cx, _, _, _| uc::plan(cx));
    assert_eq!(p.unwrap().last_backup, Some(moment().wall));
}
