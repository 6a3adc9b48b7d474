//! Reading the 申請書ID: only within one's own visit, never recorded anywhere.

use super::*;

const ID: &str = "12345678901234567890123";

#[test]
fn a_scan_is_read_within_the_visit_and_leaves_no_trace() {
    let mut w = World::new();
    let url = format!("https://www.kojinbango-card.go.jp/?id={ID}");
    let fast = vec![5; url.chars().count() - 1];
    w.refused(
        "no visit yet",
        "no_open_visit",
        operator(),
        |cx, _, _, _| crate::app::procedure::read_application_id(cx, &url, Some(&fast)),
    );
    // With no visit open, keys a person typed are still told apart (they act as keys).
    let slow = vec![120; url.chars().count() - 1];
    let (typed, _) = w.run(operator(), |cx, _, _, _| {
        crate::app::procedure::read_application_id(cx, &url, Some(&slow))
    });
    assert!(!typed.unwrap().scan);
    // A scan without an ID says why, not that a visit is missing (the window starts none).
    let other = "https://example.jp/menu?page=3";
    w.refused(
        "a scan without an ID, no visit",
        "no_application_id",
        operator(),
        |cx, _, _, _| {
            crate::app::procedure::read_application_id(
                cx,
                other,
                Some(&vec![5; other.chars().count() - 1]),
            )
        },
    );
    w.run(operator(), |cx, _, _, _| visits::start(cx, true))
        .0
        .unwrap();
    let (answer, added) = w.run(operator(), |cx, _, _, _| {
        crate::app::procedure::read_application_id(cx, &url, Some(&fast))
    });
    let answer = answer.unwrap();
    assert!(answer.scan);
    let id = answer.id.unwrap();
    assert_eq!(id.digits, ID);
    assert_eq!(id.grouped, "1234 5678 9012 3456 7890 123");
    assert!(added.is_empty(), "reading the ID is not audited: {added:?}");

    // Keys a person typed are not read: the window uses them as keys.
    let (answer, _) = w.run(operator(), |cx, _, _, _| {
        crate::app::procedure::read_application_id(cx, &url, Some(&slow))
    });
    let answer = answer.unwrap();
    assert!(!answer.scan && answer.id.is_none());

    // Typed into the field: no timing, read as it is.
    let (answer, _) = w.run(operator(), |cx, _, _, _| {
        crate::app::procedure::read_application_id(
            cx,
            "１２３４－５６７８－９０１２－３４５６－７８９０－１２３",
            None,
        )
    });
    assert_eq!(answer.unwrap().id.unwrap().digits, ID);
    w.refused("22 digits", "wrong_length", operator(), |cx, _, _, _| {
        crate::app::procedure::read_application_id(cx, &ID[..22], None)
    });
    w.refused("city staff", "forbidden", city(), |cx, _, _, _| {
        crate::app::procedure::read_application_id(cx, ID, None)
    });

    // Nothing in the data folder holds the ID: not the database, its journal, or a log.
    for entry in walk(w.dir.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !bytes.windows(ID.len()).any(|b| b == ID.as_bytes()),
            "{} holds the ID",
            entry.display()
        );
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn guides_follow_the_card_and_end_the_visit_with_their_reason() {
    use crate::card::{CardKind, CardStatus};
    let mut w = World::new();
    // Demo mode approved the starter procedures: every guide has its steps.
    let (all, _) = w.run(operator(), |cx, _, _, _| {
        crate::app::procedure::guides(cx, None)
    });
    let all = all.unwrap();
    assert_eq!(all.len(), 7);
    assert!(
        all.iter()
            .all(|g| g.approved && g.steps.len() >= 2 && g.availability.open),
        "{all:?}"
    );

    let mut locked = CardStatus::of_kind(CardKind::MyNumber);
    locked.auth_pin_tries = Some(0);
    let (all, _) = w.run(operator(), |cx, _, _, _| {
        crate::app::procedure::guides(cx, Some(&locked))
    });
    let hi = all
        .unwrap()
        .into_iter()
        .find(|g| g.code == "health_insurance")
        .unwrap();
    assert!(!hi.availability.open);
    assert_eq!(hi.availability.reason, Some("pin_locked"));

    // Finishing the application guide ticks the service and the form, as one audited change.
    let v = w
        .run(operator(), |cx, _, _, _| visits::start(cx, true))
        .0
        .unwrap();
    let (done, added) = w.run(operator(), |cx, _, _, _| {
        crate::app::procedure::finish_guide(cx, &v.id, "application_form")
    });
    let done = done.unwrap();
    assert_eq!(done.services, ["application"]);
    assert_eq!(done.form_brought, Some(true));
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].action, "visit.guide");

    w.refused(
        "a reason the guide does not have",
        "unknown_code",
        operator(),
        |cx, desk, _, _| {
            crate::app::procedure::stop_guide(cx, desk, &v.id, "health_insurance", "form_missing")
        },
    );
    w.refused(
        "no such guide",
        "no_such_guide",
        operator(),
        |cx, desk, _, _| crate::app::procedure::stop_guide(cx, desk, &v.id, "passport", "other"),
    );
    let (ended, added) = w.run(operator(), |cx, desk, _, _| {
        crate::app::procedure::stop_guide(cx, desk, &v.id, "health_insurance", "pin_locked")
    });
    let ended = ended.unwrap();
    assert_eq!(ended.services, ["application", "health_insurance"]);
    assert_eq!(ended.outcome, Some(Outcome::NotCompleted));
    assert_eq!(ended.reason.as_deref(), Some("pin_locked"));
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].action, "visit.end");
}

#[test]
fn outside_demo_mode_the_guides_wait_for_the_citys_approval() {
    let mut w = World::opened(false);
    let (all, _) = w.run(staff("op", crate::auth::Role::Operator), |cx, _, _, _| {
        crate::app::procedure::guides(cx, None)
    });
    let all = all.unwrap();
    assert!(all.iter().all(|g| !g.approved && g.steps.is_empty()));
    // The drafts are there for the city to approve, as procedure documents.
    let n: i64 = w
        .store
        .conn
        .query_row(
            "SELECT count(*) FROM kb_documents d JOIN kb_versions v ON v.document_id = d.id
             WHERE d.kind = 'procedure' AND v.status = 'draft' AND v.tags LIKE 'guide:%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 7);
}

#[test]
fn procedures_are_numbered_apart_in_the_briefing_and_not_offered_as_faq() {
    let w = World::new();
    let all = crate::kb::approved_all(&w.store).unwrap();
    let numbers: Vec<&str> = all
        .iter()
        .filter(|(_, v)| v.kind == Kind::Procedure)
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(numbers, ["P1", "P2", "P3", "P4", "P5", "P6", "P7"]);
    assert!(all
        .iter()
        .filter(|(n, _)| n.starts_with('Q'))
        .all(|(_, v)| v.kind == Kind::Faq));
    assert_eq!(crate::kb::approved_procedures(&w.store).unwrap().len(), 7);
    let offered = crate::kb::for_services(&w.store, &["application".into()], 50).unwrap();
    assert!(!offered.is_empty());
    assert!(
        offered.iter().all(|v| v.kind != Kind::Procedure),
        "{offered:?}"
    );
}
