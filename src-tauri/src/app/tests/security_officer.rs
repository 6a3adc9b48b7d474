//! The information-security officer (情報管理責任者) reads the audit trail whatever their role.

use super::*;
use crate::audit::Filter;

fn signed_in(w: &mut World, id: &str) -> Session {
    w.run(Actor::Nobody, |cx, desk, slot, t| {
        accounts::sign_in(cx, slot, t, desk, id, crate::demo::DEMO_PASSWORD)
    })
    .0
    .unwrap()
}

#[test]
fn the_named_officer_reads_the_audit_trail_and_only_they() {
    let mut w = World::new();
    let before = signed_in(&mut w, "operator2");
    assert!(!before.permissions.contains(&Permission::AuditView));
    w.refused("an operator", "forbidden", before.actor(), |cx, _, _, _| {
        audit_trail::query(cx, &Filter::default())
    });
    w.refused(
        "an operator names themself",
        "forbidden",
        before.actor(),
        |cx, _, _, _| accounts::set_security_officer(cx, Some("operator2")),
    );
    w.refused(
        "nobody by that ID",
        "account_not_found",
        manager(),
        |cx, _, _, _| accounts::set_security_officer(cx, Some("nobody")),
    );
    w.run(manager(), |cx, _, _, _| {
        accounts::set_security_officer(cx, Some("operator2"))
    })
    .0
    .unwrap();

    let officer = signed_in(&mut w, "operator2");
    assert!(officer.security_officer);
    assert!(officer.permissions.contains(&Permission::AuditView));
    assert!(
        !officer.permissions.contains(&Permission::AccountsManage),
        "the trail only, nothing else of the site manager's"
    );
    let trail = w
        .run(officer.actor(), |cx, _, _, _| {
            audit_trail::query(cx, &Filter::default())
        })
        .0
        .unwrap();
    assert!(trail
        .iter()
        .any(|e| e.entry.action == "account.security_officer"));

    // Naming another moves it; naming nobody ends it.
    w.run(manager(), |cx, _, _, _| {
        accounts::set_security_officer(cx, Some("city"))
    })
    .0
    .unwrap();
    assert!(!signed_in(&mut w, "operator2")
        .permissions
        .contains(&Permission::AuditView));
    assert!(signed_in(&mut w, "city")
        .permissions
        .contains(&Permission::AuditView));
    w.run(manager(), |cx, _, _, _| {
        accounts::set_security_officer(cx, None)
    })
    .0
    .unwrap();
    assert!(!signed_in(&mut w, "city")
        .permissions
        .contains(&Permission::AuditView));
}
