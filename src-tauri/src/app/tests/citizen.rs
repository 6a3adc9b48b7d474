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
