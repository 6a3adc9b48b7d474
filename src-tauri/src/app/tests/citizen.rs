//! The citizen display follows the visit: welcome, serving, the chosen language, thanks (in that
//! language), then the welcome in Japanese again; the language leaves only a count.

use super::*;
use crate::citizen::{Scene, Screen};

/// Runs `f` as the operator at `hh:mm:ss` on the test day (the module's `run_at` has minutes
/// only).
fn at_second<T>(
    w: &mut World,
    when: &str,
    f: impl FnOnce(&mut Ctx, &mut Desk) -> Result<T, AppError>,
) -> T {
    let at = crate::clock::parse(&format!("2026-11-24T{when}+09:00")).unwrap();
    let mut ctx = Ctx::new(&mut w.store, operator(), Moment::at(at)).unwrap();
    f(&mut ctx, &mut w.desk).unwrap()
}

fn look(w: &mut World, screen: &mut Screen, when: &str) -> (Scene, &'static str) {
    let v = at_second(w, when, |cx, _| {
        crate::app::citizen::view(cx, screen, &crate::app::citizen::Devices::default())
    });
    (v.scene, v.lang)
}

#[test]
fn the_display_follows_the_visit_in_the_citizens_language() {
    let mut w = World::new();
    let mut screen = Screen::default();
    assert_eq!(
        look(&mut w, &mut screen, "10:00:00"),
        (Scene::Welcome, "ja")
    );
    let v = at_second(&mut w, "10:00:05", |cx, _| visits::start(cx, true));
    assert_eq!(
        look(&mut w, &mut screen, "10:00:06"),
        (
            Scene::Serving {
                guide: None,
                step: None
            },
            "ja"
        )
    );
    // The operator picks Vietnamese, then Nepali: the visit is counted once, in Nepali.
    for lang in ["vi", "ne"] {
        at_second(&mut w, "10:00:07", |cx, _| {
            crate::app::citizen::set_language(cx, &mut screen, lang)
        });
    }
    at_second(&mut w, "10:00:08", |cx, _| {
        crate::app::citizen::set_guide(cx, &mut screen, Some("health_insurance"), Some("pin"))
    });
    assert_eq!(
        look(&mut w, &mut screen, "10:00:09"),
        (
            Scene::Serving {
                guide: Some("health_insurance".into()),
                step: Some(crate::procedure::cue::Cue::Pin)
            },
            "ne"
        )
    );
    // A cue that does not exist shows no step.
    at_second(&mut w, "10:00:08", |cx, _| {
        crate::app::citizen::set_guide(cx, &mut screen, Some("health_insurance"), Some("magic"))
    });
    assert!(matches!(
        look(&mut w, &mut screen, "10:00:09").0,
        Scene::Serving { step: None, .. }
    ));
    let day = moment().wall.date_naive();
    assert_eq!(
        crate::citizen::counts::between(&w.store, day, day).unwrap(),
        [("ne".to_string(), 1)]
    );
    at_second(&mut w, "10:05:00", |cx, _| {
        visits::set_service(cx, &v.id, "health_insurance", true)
    });
    at_second(&mut w, "10:05:00", |cx, desk| {
        visits::end(cx, desk, &v.id, Outcome::Completed, None)
    });
    assert_eq!(look(&mut w, &mut screen, "10:05:03"), (Scene::Thanks, "ne"));
    assert_eq!(
        look(&mut w, &mut screen, "10:05:20"),
        (Scene::Welcome, "ja")
    );
    // The report tab shows the section the exported files carry: every other language, Nepali 1.
    let month: crate::calendar::Month = "2026-11".parse().unwrap();
    let (view, _) = w.run(manager(), |cx, _, _, _| {
        crate::app::reports::monthly_view(cx, month)
    });
    let document = crate::report::document::MonthlyDocument::load(
        &w.store,
        month,
        "2026-11-30T12:00:00+09:00",
    )
    .unwrap();
    let view = view.unwrap();
    assert_eq!(view.languages, document.languages);
    assert!(
        view.languages.contains(&("ネパール語", 1)),
        "{:?}",
        view.languages
    );
    assert!(
        view.languages.contains(&("ベトナム語", 0)),
        "{:?}",
        view.languages
    );
    assert!(view.languages.iter().all(|(name, _)| *name != "日本語"));
    // A language that is not offered, or no visit: refused.
    let (r, _) = w.run(operator(), |cx, _, _, _| {
        crate::app::citizen::set_language(cx, &mut screen, "xx")
    });
    assert_eq!(r.unwrap_err().code(), "unknown_language");
    let (r, _) = w.run(operator(), |cx, _, _, _| {
        crate::app::citizen::set_language(cx, &mut screen, "en")
    });
    assert_eq!(r.unwrap_err().code(), "no_open_visit");
    // Nothing about the language is in the audit trail.
    let trail = audit::query(&w.store, &Filter::default()).unwrap();
    assert!(
        trail.iter().all(|e| !e.action.contains("lang")
            && !e.detail.split_whitespace().any(|w| w == "ne" || w == "vi")),
        "{trail:?}"
    );
}

#[test]
fn a_guide_opened_before_the_display_looked_at_the_new_visit_stays() {
    let mut w = World::new();
    let mut screen = Screen::default();
    // A visit the display has seen, ended.
    let v1 = at_second(&mut w, "10:00:00", |cx, _| visits::start(cx, true));
    look(&mut w, &mut screen, "10:00:01");
    at_second(&mut w, "10:00:02", |cx, _| {
        visits::set_service(cx, &v1.id, "health_insurance", true)
    });
    at_second(&mut w, "10:00:03", |cx, desk| {
        visits::end(cx, desk, &v1.id, Outcome::Completed, None)
    });
    // The next visit's guide is opened before the display asks again (it asks four times a
    // second): the step is still shown when it does.
    let v2 = at_second(&mut w, "10:00:04", |cx, _| visits::start(cx, true));
    at_second(&mut w, "10:00:04", |cx, _| {
        crate::app::citizen::set_guide(cx, &mut screen, Some("application_form"), Some("form"))
    });
    assert_eq!(
        look(&mut w, &mut screen, "10:00:05").0,
        Scene::Serving {
            guide: Some("application_form".into()),
            step: Some(crate::procedure::cue::Cue::Form)
        }
    );
    // The same for the photo's countdown started before the display looked.
    at_second(&mut w, "10:00:06", |cx, _| {
        visits::set_service(cx, &v2.id, "pin", true)
    });
    at_second(&mut w, "10:00:07", |cx, desk| {
        visits::end(cx, desk, &v2.id, Outcome::Completed, None)
    });
    at_second(&mut w, "10:00:08", |cx, _| visits::start(cx, true));
    at_second(&mut w, "10:00:08", |cx, _| {
        crate::app::citizen::countdown(cx, &mut screen)
    });
    look(&mut w, &mut screen, "10:00:09");
    assert!(screen.shutter.is_some(), "the countdown stays");
}

#[test]
fn the_citizen_sees_the_photo_only_while_asked_to_confirm_it() {
    let mut w = World::new();
    let photo = |w: &mut World| {
        w.run(operator(), |cx, desk, _, _| {
            Ok(crate::app::citizen::photo(cx, desk))
        })
        .0
        .unwrap()
    };
    assert!(photo(&mut w).is_empty(), "no photo yet");
    w.run(operator(), |cx, _, _, _| visits::start(cx, true))
        .0
        .unwrap();
    w.run(operator(), |cx, desk, _, _| {
        crate::app::photo::hold(cx, desk, a_photo(Status::Pass))
    })
    .0
    .unwrap();
    assert!(photo(&mut w).starts_with(&[0xFF, 0xD8]), "the held JPEG");
    w.run(operator(), |cx, desk, _, _| {
        crate::app::photo::accept(cx, desk, None)
    })
    .0
    .unwrap();
    assert!(photo(&mut w).is_empty(), "accepted: no longer asked");
}
