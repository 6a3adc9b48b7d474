//! Closing the kiosk takes a site manager's signature.

use super::*;

#[test]
fn only_a_site_manager_signs_for_closing_the_kiosk() {
    let mut w = World::new();
    assert!(quit::needs_signature(&w.store).unwrap());
    w.refused(
        "an operator",
        "quit_needs_manager",
        operator(),
        |cx, _, _, t| quit::authorize(cx, t, "operator1", crate::demo::DEMO_PASSWORD),
    );
    w.refused(
        "city staff",
        "quit_needs_manager",
        Actor::Nobody,
        |cx, _, _, t| quit::authorize(cx, t, "city", crate::demo::DEMO_PASSWORD),
    );
    let (result, added) = w.run(operator(), |cx, _, _, t| {
        quit::authorize(cx, t, "manager", "not the password")
    });
    assert_eq!(result.unwrap_err().code(), "wrong_credentials");
    assert_eq!(
        added.len(),
        1,
        "a wrong password is recorded as a failed sign-in"
    );
    let (result, added) = w.run(operator(), |cx, _, _, t| {
        quit::authorize(cx, t, "manager", crate::demo::DEMO_PASSWORD)
    });
    result.unwrap();
    assert_eq!(added[0].action, "quit");
    assert_eq!(
        added[0].actor.as_deref(),
        Some("manager"),
        "the site manager who signed, not the operator signed in"
    );

    // Before a site manager exists, nothing asks.
    let fresh = crate::launch::open(&w.path("fresh"), false, moment().wall.date_naive()).unwrap();
    assert!(!quit::needs_signature(&fresh).unwrap());
}
