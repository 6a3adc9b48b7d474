//! The leaflet's use cases: who may make it and write its wording; the city approves a draft
//! (none waiting is refused); the PDF prints the approved wording only.

use super::*;
use crate::app::leaflet as uc;
use crate::leaflet::LeafletTexts;

#[test]
fn the_wording_goes_through_the_city_and_only_approved_wording_is_printed() {
    let mut w = World::new();
    let fonts = crate::leaflet::pdf::system_fonts().expect("a Japanese font (fonts-noto-cjk)");
    let pdf = w.path("l.pdf");
    let month = Month::of(moment().wall.date_naive());
    w.refused("an operator", "forbidden", operator(), |cx, _, _, _| {
        uc::export(cx, month, 1, &fonts, &pdf)
    });
    w.refused("four months", "leaflet_months", manager(), |cx, _, _, _| {
        uc::export(cx, month, 4, &fonts, &pdf)
    });
    w.refused(
        "nothing to approve",
        "no_leaflet_draft",
        city(),
        |cx, _, _, _| uc::approve(cx),
    );
    let draft = LeafletTexts {
        place: "北庁舎 3階".into(),
        ..LeafletTexts::default()
    };
    w.refused(
        "the city does not write it",
        "forbidden",
        city(),
        |cx, _, _, _| uc::save_draft(cx, &draft),
    );
    w.refused(
        "the manager does not approve it",
        "forbidden",
        manager(),
        |cx, _, _, _| uc::approve(cx),
    );
    let too_long = LeafletTexts {
        name: "あ".repeat(25),
        ..LeafletTexts::default()
    };
    w.refused("too long", "leaflet_too_long", manager(), |cx, _, _, _| {
        uc::save_draft(cx, &too_long)
    });
    let (saved, _) = w.run(manager(), |cx, _, _, _| uc::save_draft(cx, &draft));
    assert_eq!(saved.unwrap().stored.draft.unwrap().place, "北庁舎 3階");
    let (made, _) = w.run(manager(), |cx, _, _, _| {
        uc::export(cx, month, 2, &fonts, &pdf)
    });
    let made = made.unwrap();
    assert!(
        !made.approved,
        "the draft is not printed before the city approves it"
    );
    assert_eq!(made.months, vec![month, month.next()]);
    let (approved, _) = w.run(city(), |cx, _, _, _| uc::approve(cx));
    let approved = approved.unwrap();
    assert!(approved.stored.draft.is_none());
    assert_eq!(approved.stored.approved.unwrap().place, "北庁舎 3階");
    assert_eq!(approved.stored.approved_by, "city");
    let (made, _) = w.run(cli(), |cx, _, _, _| uc::export(cx, month, 1, &fonts, &pdf));
    assert!(made.unwrap().approved);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn a_briefing_is_recorded_with_the_manual_explained_and_never_names() {
    let mut w = World::new();
    let new = |attendees: &str, note: &str| crate::app::kb::NewBriefing {
        held_on: day("2026-11-24"),
        attendees: attendees.into(),
        note: note.into(),
    };
    w.refused("an operator", "forbidden", operator(), |cx, _, _, _| {
        crate::app::kb::record_briefing(cx, &new("市民課 2名", ""))
    });
    w.refused(
        "no attendees",
        "briefing_attendees",
        manager(),
        |cx, _, _, _| crate::app::kb::record_briefing(cx, &new("  ", "")),
    );
    w.refused(
        "a phone number in the note",
        "personal_data",
        manager(),
        |cx, _, _, _| {
            crate::app::kb::record_briefing(cx, &new("市民課 2名", "連絡先 090-1234-5678"))
        },
    );
    let (r, _) = w.run(manager(), |cx, _, _, _| {
        crate::app::kb::record_briefing(cx, &new("市民課 2名、現場責任者 1名", "機器の章を説明"))
    });
    let r = r.unwrap();
    assert!(
        r.manual_version.starts_with("承認済み "),
        "{}",
        r.manual_version
    );
    let doc = crate::report::document::MonthlyDocument::load(
        &w.store,
        Month::of(day("2026-11-24")),
        "2026-11-30T18:00:00+09:00",
    )
    .unwrap();
    assert_eq!(doc.briefings.len(), 1);
    assert_eq!(doc.briefings[0].attendees, "市民課 2名、現場責任者 1名");
}
