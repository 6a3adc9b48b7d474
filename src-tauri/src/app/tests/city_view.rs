//! The city sees the counter's figures, not which operator served whom.

use super::*;

#[test]
fn city_staff_see_the_figures_without_who_served() {
    let mut w = World::new();
    let v = w
        .run(operator(), |cx, _, _, _| visits::start(cx, true))
        .0
        .unwrap();
    w.run(operator(), |cx, _, _, _| {
        visits::set_service(cx, &v.id, "pin", true)?;
        visits::set_note(cx, &v.id, Some("再来庁の予定"))
    })
    .0
    .unwrap();
    w.run(operator(), |cx, desk, _, _| {
        visits::end(cx, desk, &v.id, Outcome::Completed, None)
    })
    .0
    .unwrap();
    w.run(manager(), |cx, _, _, _| {
        visits::void(cx, &v.id, "重複して記録したため")
    })
    .0
    .unwrap();

    let seen_by = |w: &mut World, who: Actor| {
        let list = w
            .run(who.clone(), |cx, _, _, _| visits::today(cx))
            .0
            .unwrap();
        let history = w
            .run(who, |cx, _, _, _| visits::history(cx, &v.id))
            .0
            .unwrap();
        (list, history)
    };
    let (list, history) = seen_by(&mut w, manager());
    let mine = list.iter().find(|x| x.id == v.id).unwrap();
    assert_eq!(mine.operator, "operator1");
    assert_eq!(mine.note.as_deref(), Some("再来庁の予定"));
    assert_eq!(history[0].changed_by, "manager");

    let (list, history) = seen_by(&mut w, city());
    let theirs = list.iter().find(|x| x.id == v.id).unwrap();
    assert_eq!(theirs.services, vec!["pin"], "the figures are the same");
    assert!(theirs.operator.is_empty() && theirs.note.is_none());
    assert!(theirs.voided.as_ref().is_some_and(|x| x.by.is_empty()));
    assert!(history
        .iter()
        .all(|h| h.changed_by.is_empty() && h.before.operator.is_empty()));
}
