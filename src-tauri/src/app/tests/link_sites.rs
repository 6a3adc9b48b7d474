//! The sites a manual link may open, and the J-LIS address's site.

use super::*;

#[test]
fn a_manual_link_opens_only_on_an_allowed_site() {
    let mut w = World::new();
    let ok = w
        .run(operator(), |cx, _, _, _| {
            links::check(cx, "https://myna.go.jp/")
        })
        .0
        .unwrap();
    assert_eq!(ok, "https://myna.go.jp/");
    for (url, code) in [
        ("https://example.com/", "link_not_allowed"),
        ("//myna.go.jp/", "link_bad"),
        ("http://myna.go.jp/", "link_not_https"),
    ] {
        w.refused(url, code, operator(), |cx, _, _, _| links::check(cx, url));
    }
    w.refused("nobody", "not_signed_in", Actor::Nobody, |cx, _, _, _| {
        links::check(cx, "https://myna.go.jp/")
    });

    // The site manager narrows the list; it holds from the next click.
    w.refused(
        "an operator edits the list",
        "forbidden",
        operator(),
        |cx, _, _, _| links::save_allow_list(cx, "example.com"),
    );
    w.refused(
        "a bad pattern",
        "bad_host_pattern",
        manager(),
        |cx, _, _, _| links::save_allow_list(cx, "*.jp"),
    );
    let (saved, added) = w.run(manager(), |cx, _, _, _| {
        links::save_allow_list(cx, "www.kojinbango-card.go.jp\nexample.lg.jp")
    });
    assert_eq!(saved.unwrap().hosts.len(), 2);
    assert_eq!(added.len(), 1);
    assert!(added[0].detail.contains("example.lg.jp"), "{:?}", added[0]);
    w.refused("narrowed", "link_not_allowed", operator(), |cx, _, _, _| {
        links::check(cx, "https://myna.go.jp/")
    });
}

#[test]
fn another_site_for_the_upload_needs_the_site_managers_confirmation() {
    let mut w = World::new();
    let elsewhere = PhotoSettings {
        jlis_url: "https://upload.example.com/apply".into(),
        ..PhotoSettings::default()
    };
    w.refused(
        "not confirmed",
        "jlis_other_site",
        manager(),
        |cx, _, _, _| settings::save_photo_settings(cx, &elsewhere, false),
    );
    let (saved, added) = w.run(manager(), |cx, _, _, _| {
        settings::save_photo_settings(cx, &elsewhere, true)
    });
    saved.unwrap();
    assert!(
        added[0]
            .detail
            .contains("jlis=https://upload.example.com/apply")
            && added[0].detail.contains("確認済み"),
        "the address and the confirmation are in the trail: {:?}",
        added[0]
    );
    // Saving the other settings later does not ask again for the same site …
    let later = PhotoSettings {
        copies: 2,
        ..elsewhere.clone()
    };
    w.run(manager(), |cx, _, _, _| {
        settings::save_photo_settings(cx, &later, false)
    })
    .0
    .unwrap();
    // … but a third site does; J-LIS's own sites never do.
    let third = PhotoSettings {
        jlis_url: "https://other.example.net/".into(),
        ..PhotoSettings::default()
    };
    w.refused(
        "a third site",
        "jlis_other_site",
        manager(),
        |cx, _, _, _| settings::save_photo_settings(cx, &third, false),
    );
    let jlis = PhotoSettings {
        jlis_url: "https://www.kojinbango-card.go.jp/kofushinse/".into(),
        ..PhotoSettings::default()
    };
    w.run(manager(), |cx, _, _, _| {
        settings::save_photo_settings(cx, &jlis, false)
    })
    .0
    .unwrap();
    for bad in [
        "https://",
        "https:///x",
        "http://net.kojinbango-card.go.jp/",
        "ftp://x.go.jp",
    ] {
        let s = PhotoSettings {
            jlis_url: bad.into(),
            ..PhotoSettings::default()
        };
        w.refused(bad, "bad_url", manager(), |cx, _, _, _| {
            settings::save_photo_settings(cx, &s, true)
        });
    }
}
