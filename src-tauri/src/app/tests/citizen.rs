//! The citizen display follows the visit: welcome, serving, the chosen language, thanks (in that
//! language), then the welcome in Japanese again; the language leaves only a count.

use super::*;
use crate::citizen::{Scene, Screen};

/// Runs `f` as the operator at `hh:mm:ss` on the test day.
fn run_at<T>(
    w: &mut World,
    _: Actor,
    when: &str,
    f: impl FnOnce(&mut Ctx, &mut Desk) -> Result<T, AppError>,
) -> T {
    let at = crate::clock::parse(&format!("2026-11-24T{when}+09:00")).unwrap();
    let mut ctx = Ctx::new(&mut w.store, operator(), Moment::at(at)).unwrap();
    f(&mut ctx, &mut w.desk).unwrap()
}

fn look(w: &mut World, screen: &mut Screen, when: &str) -> (Scene, &'static str) {
    let v = run_at(w, operator(), when, |cx, _| {
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
    let v = run_at(&mut w, operator(), "10:00:05", |cx, _| {
        visits::start(cx, true)
    });
    assert_eq!(
        look(&mut w, &mut screen, "10:00:06"),
        (Scene::Serving { guide: None }, "ja")
    );
    // The operator picks Vietnamese, then Nepali: the visit is counted once, in Nepali.
    for lang in ["vi", "ne"] {
        run_at(&mut w, operator(), "10:00:07", |cx, _| {
            crate::app::citizen::set_language(cx, &mut screen, lang)
        });
    }
    run_at(&mut w, operator(), "10:00:08", |cx, _| {
        crate::app::citizen::set_guide(cx, &mut screen, Some("health_insurance"))
    });
    assert_eq!(
        look(&mut w, &mut screen, "10:00:09"),
        (
            Scene::Serving {
                guide: Some("health_insurance".into())
            },
            "ne"
        )
    );
    let day = moment().wall.date_naive();
    assert_eq!(
        crate::citizen::counts::between(&w.store, day, day).unwrap(),
        [("ne".to_string(), 1)]
    );
    run_at(&mut w, operator(), "10:05:00", |cx, _| {
        visits::set_service(cx, &v.id, "health_insurance", true)
    });
    run_at(&mut w, operator(), "10:05:00", |cx, desk| {
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
