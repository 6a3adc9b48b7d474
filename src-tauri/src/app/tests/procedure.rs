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
    let slow = vec![120; url.chars().count() - 1];
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
