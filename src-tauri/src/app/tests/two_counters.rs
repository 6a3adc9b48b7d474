//! Two counters exchange their change logs (as the sync worker does through the city's store):
//! each ends up with both counters' visits, the calendar and the city's approvals; one visit
//! amended on both counters without seeing each other ends up the same on both, the other
//! version kept in its history; applying a change twice changes nothing.

use super::*;
use crate::sync::{apply, log};

fn counter(n: u8) -> World {
    let w = World::new();
    crate::site::set_counter(&w.store, n).unwrap();
    w
}

/// Sends everything `from` has not sent yet to `to`; returns how many were applied.
fn exchange(from: &mut World, to: &mut World) -> usize {
    let changes = log::unpushed(&from.store, 1000).unwrap();
    let last = changes.last().map(|c| c.seq);
    let mut applied = 0;
    for c in &changes {
        if apply::apply(&mut to.store, c, "t").unwrap() == apply::Outcome::Applied {
            applied += 1;
        }
    }
    if let Some(seq) = last {
        log::mark_pushed(&from.store, seq, "t").unwrap();
    }
    applied
}

fn tally(w: &mut World) -> u64 {
    run_at(w, manager(), "17:00", |cx, _| visits::tally_today(cx)).visits
}

#[test]
fn two_counters_agree_after_exchanging_their_logs() {
    let (mut one, mut two) = (counter(1), counter(2));
    let v1 = log_visit(&mut one, "operator1", "09:00", "pin");
    log_visit(&mut two, "operator2", "09:10", "consultation");
    let open = run_at(&mut one, operator(), "09:20", |cx, _| {
        visits::start(cx, true)
    });

    // A weekend day unpicked on counter 1 (the demo calendar had picked it); an approval made on
    // counter 2.
    let saturday = day("2026-12-05");
    let before = run_at(&mut two, manager(), "09:29", |cx, _| {
        calendar::days(cx, saturday, saturday)
    });
    assert!(before[0].open, "picked on both to begin with");
    run_at(&mut one, manager(), "09:30", |cx, _| {
        calendar::pick(cx, saturday, false)
    });
    let faq = run_at(&mut two, manager(), "09:40", |cx, _| {
        kb::save_draft(cx, Kind::Faq, None, None, &draft("混雑する時間帯"))
    });
    run_at(&mut two, manager(), "09:41", |cx, _| {
        kb::submit(cx, faq, Reason::Inquiry, "問い合わせが多いため")
    });
    run_at(&mut two, city(), "09:50", |cx, _| {
        kb::decide(cx, faq, true, "")
    });

    assert!(exchange(&mut one, &mut two) >= 2);
    assert!(exchange(&mut two, &mut one) >= 2);
    assert_eq!(
        (tally(&mut one), tally(&mut two)),
        (2, 2),
        "both counters' visits"
    );
    let two_today = run_at(&mut two, manager(), "10:00", |cx, _| visits::today(cx));
    assert!(
        two_today.iter().all(|v| v.id != open.id),
        "a visit in progress stays on its counter"
    );
    let picked = run_at(&mut two, manager(), "10:00", |cx, _| {
        calendar::days(cx, saturday, saturday)
    });
    assert!(!picked[0].open, "counter 1's change is on counter 2");
    let found = run_at(&mut one, operator(), "10:00", |cx, _| {
        kb::search(cx, "混雑する時間帯", false, 5)
    });
    assert_eq!(
        found.len(),
        1,
        "counter 2's approval is what counter 1 shows"
    );

    // The same visit amended on both counters, neither seeing the other's change.
    let edit = |service: &str| VisitEdit {
        services: vec![service.into()],
        ..Default::default()
    };
    run_at(&mut one, manager(), "11:00", |cx, _| {
        visits::amend(cx, &v1, &edit("certificate"), "記録の誤り")
    });
    run_at(&mut two, manager(), "11:05", |cx, _| {
        visits::amend(cx, &v1, &edit("mynapoint"), "記録の誤り")
    });
    exchange(&mut one, &mut two);
    exchange(&mut two, &mut one);
    let on = |w: &mut World| {
        run_at(w, manager(), "12:00", |cx, _| visits::today(cx))
            .into_iter()
            .find(|v| v.id == v1)
            .unwrap()
    };
    let (a, b) = (on(&mut one), on(&mut two));
    assert_eq!(a.services, vec!["mynapoint"], "the later change is current");
    assert_eq!(a.services, b.services, "both counters agree");
    for w in [&mut one, &mut two] {
        let h = run_at(w, manager(), "12:00", |cx, _| visits::history(cx, &v1));
        assert!(
            h.iter()
                .any(|e| e.before.services == vec!["certificate".to_string()]),
            "the other version is kept: {h:?}"
        );
    }

    // Applying the same changes again changes nothing.
    let again = log::unpushed(&one.store, 1000).unwrap();
    assert!(again.is_empty(), "everything was marked pushed");
    assert_eq!(tally(&mut two), 2);
}

#[test]
fn both_counters_opening_checks_reach_each_other_and_the_report() {
    let (mut one, mut two) = (counter(1), counter(2));
    let check = |w: &mut World, when: &str, ok: bool| {
        let ticks = manual_ticks(w, ok);
        let run = crate::app::opening::AutoRun {
            at: at(when).wall,
            items: vec![crate::opening::Item::auto("camera", "カメラ", true, "ok")],
        };
        run_at(w, operator(), when, |cx, _| {
            crate::app::opening::record(cx, Some(&run), &ticks)
        })
    };
    check(&mut one, "08:10", true);
    check(&mut two, "08:15", false);
    // Counter 2 runs it again after fixing the problem: the newer one wins everywhere.
    check(&mut two, "08:40", true);
    exchange(&mut one, &mut two);
    exchange(&mut two, &mut one);
    assert_eq!(exchange(&mut two, &mut one), 0, "nothing left to apply");
    for w in [&one, &two] {
        let doc = crate::report::document::MonthlyDocument::load(
            &w.store,
            Month::of(day("2026-11-24")),
            "2026-11-30T18:00:00+09:00",
        )
        .unwrap();
        let tuesday: Vec<_> = doc
            .opening
            .iter()
            .filter(|l| l.date == day("2026-11-24"))
            .collect();
        let got: Vec<_> = tuesday
            .iter()
            .map(|l| (l.counter, l.done_at.clone(), l.result()))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, Some("08:10".to_string()), "異常なし".to_string()),
                (2, Some("08:40".to_string()), "異常なし".to_string()),
            ]
        );
        let monday = doc
            .opening
            .iter()
            .find(|l| l.date == day("2026-11-30"))
            .unwrap();
        assert_eq!(monday.result(), "未実施");
    }
}
