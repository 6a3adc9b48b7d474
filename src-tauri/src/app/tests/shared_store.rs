//! Two counters and the city's shared store — a real PostgreSQL server started for the test:
//! visits, the calendar and the city's approvals travel; each counter's report counts both; a
//! role cannot write another counter's changes; a server stopped mid-way loses nothing and
//! duplicates nothing; the same visit amended on both counters keeps both versions.

use std::cell::RefCell;
use std::path::PathBuf;

use super::*;
use crate::central::{self, round, schema, Target};

#[path = "../../../tests/support/pg_cluster.rs"]
pub(super) mod pg_cluster;

use pg_cluster::Cluster;

/// One counter's data folder and its connection to the shared store.
pub(super) struct Counter {
    pub(super) world: World,
    pub(super) target: Target,
}

impl Counter {
    fn new(cluster: &Cluster, n: u8, password_file: PathBuf) -> Self {
        Self::at_site(cluster, "main", n, password_file)
    }

    /// Counter `n` of `site`.
    pub(super) fn at_site(cluster: &Cluster, site: &str, n: u8, password_file: PathBuf) -> Self {
        let world = World::opened(false);
        crate::site::set_counter(&world.store, n).unwrap();
        crate::site::set_site_id(&world.store, site).unwrap();
        let target = Target {
            url: cluster.url_for(&schema::role_name(site, n)),
            password_file: Some(password_file),
            ca_file: None,
        };
        central::set_target(&world.store, Some(&target)).unwrap();
        Self { world, target }
    }

    pub(super) fn sync(&mut self) -> Result<round::Report, central::CentralError> {
        let mut client = central::connect::connect(&self.target)?;
        let local = RefCell::new(&mut self.world.store);
        round::run(&local, &mut client, &|| "2026-11-24T18:00:00+09:00".into())
    }

    fn visit(&mut self, who: &str, when: &str, service: &str) -> String {
        log_visit(&mut self.world, who, when, service)
    }

    fn tally(&mut self) -> u64 {
        run_at(&mut self.world, manager(), "17:00", |cx, _| {
            visits::tally_today(cx)
        })
        .visits
    }
}

/// A server with site `main` set up for two counters, and both counters connected to it.
struct Site {
    cluster: Cluster,
    _keys: tempfile::TempDir,
    one: Counter,
    two: Counter,
}

fn main_site() -> Site {
    let cluster = Cluster::start();
    let mut owner = postgres::Client::connect(&cluster.owner_url(), postgres::NoTls).unwrap();
    let keys = tempfile::tempdir().unwrap();
    let made = schema::init(&mut owner, "main", 2, keys.path()).unwrap();
    assert_eq!(made.len(), 2);
    let one = Counter::new(&cluster, 1, made[0].1.clone());
    let two = Counter::new(&cluster, 2, made[1].1.clone());
    Site {
        cluster,
        _keys: keys,
        one,
        two,
    }
}

#[test]
fn counters_share_the_citys_store_and_agree() {
    let Site {
        cluster,
        _keys,
        mut one,
        mut two,
    } = main_site();

    let v1 = one.visit("operator1", "09:00", "pin");
    two.visit("operator2", "09:10", "consultation");
    let saturday = day("2026-12-05");
    run_at(&mut one.world, manager(), "09:30", |cx, _| {
        calendar::pick(cx, saturday, false)
    });
    let faq = run_at(&mut two.world, manager(), "09:40", |cx, _| {
        kb::save_draft(cx, Kind::Faq, None, None, &draft("混雑する時間帯"))
    });
    run_at(&mut two.world, manager(), "09:41", |cx, _| {
        kb::submit(cx, faq, Reason::Inquiry, "問い合わせが多いため")
    });
    run_at(&mut two.world, city(), "09:50", |cx, _| {
        kb::decide(cx, faq, true, "")
    });

    let r1 = one.sync().unwrap();
    assert!(r1.pushed >= 2, "{r1:?}");
    let r2 = two.sync().unwrap();
    assert!(r2.pulled >= 2 && r2.applied >= 2, "{r2:?}");
    one.sync().unwrap();
    assert_eq!((one.tally(), two.tally()), (2, 2), "each counts both");
    let days = run_at(&mut two.world, manager(), "10:00", |cx, _| {
        calendar::days(cx, saturday, saturday)
    });
    assert!(!days[0].open, "counter 1's calendar change is on counter 2");
    let found = run_at(&mut one.world, operator(), "10:00", |cx, _| {
        kb::search(cx, "混雑する時間帯", false, 5)
    });
    assert_eq!(
        found.len(),
        1,
        "counter 2's approval is what counter 1 shows"
    );

    // A role cannot write another counter's changes: the server refuses it.
    let mut c1 = central::connect::connect(&one.target).unwrap();
    let forged = c1.execute(
        "INSERT INTO madoguchi.changes (uuid, site, counter, seq, kind, record_id, revision, content, author, at)
         VALUES (gen_random_uuid(), 'main', 2, 999, 'visit', 'x', 1, '{}', 'x', 'x')",
        &[],
    );
    let refused = forged.unwrap_err();
    assert!(
        refused.to_string().contains("row-level security")
            || refused
                .as_db_error()
                .is_some_and(|d| d.message().contains("row-level security")),
        "{refused}"
    );
    drop(c1);

    // The server stops: the counter keeps working and loses nothing; once it is back, each
    // change is there exactly once.
    cluster.stop();
    one.visit("operator1", "11:00", "certificate");
    let down = one.sync().unwrap_err();
    assert!(down.is_transient(), "{down}");
    assert_eq!(crate::sync::log::pending(&one.world.store).unwrap(), 1);
    cluster.start_again();
    assert_eq!(one.sync().unwrap().pushed, 1);
    assert_eq!(one.sync().unwrap().pushed, 0, "nothing twice");
    two.sync().unwrap();
    assert_eq!(two.tally(), 3);

    // The same visit amended on both counters before either syncs: the later one is current on
    // both, and the other stays in both histories.
    let edit = |service: &str| VisitEdit {
        services: vec![service.into()],
        ..Default::default()
    };
    run_at(&mut one.world, manager(), "12:00", |cx, _| {
        visits::amend(cx, &v1, &edit("certificate"), "記録の誤り")
    });
    run_at(&mut two.world, manager(), "12:05", |cx, _| {
        visits::amend(cx, &v1, &edit("mynapoint"), "記録の誤り")
    });
    one.sync().unwrap();
    two.sync().unwrap();
    one.sync().unwrap();
    for c in [&mut one, &mut two] {
        let v = run_at(&mut c.world, manager(), "13:00", |cx, _| visits::today(cx))
            .into_iter()
            .find(|v| v.id == v1)
            .unwrap();
        assert_eq!(v.services, vec!["mynapoint"]);
        let h = run_at(&mut c.world, manager(), "13:00", |cx, _| {
            visits::history(cx, &v1)
        });
        assert!(h
            .iter()
            .any(|e| e.before.services == vec!["certificate".to_string()]));
        assert_eq!(c.world.store.integrity_check().unwrap(), vec!["ok"]);
    }
    // The owner's connection went with the server's stop: a new one.
    let mut owner = postgres::Client::connect(&cluster.owner_url(), postgres::NoTls).unwrap();
    let total: i64 = owner
        .query_one(
            "SELECT count(*) - count(DISTINCT (site, counter, seq)) FROM madoguchi.changes",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(total, 0, "every change exactly once");
}

#[test]
fn complaints_and_incident_reports_travel_with_their_history() {
    let Site {
        cluster: _cluster,
        _keys,
        mut one,
        mut two,
    } = main_site();
    let month: crate::calendar::Month = "2026-11".parse().unwrap();
    let records = |c: &mut Counter| {
        run_at(&mut c.world, manager(), "18:00", |cx, _| {
            super::records::month(cx, month)
        })
    };

    // Recorded on counter 1 (an operator), closed on counter 2 (the site manager).
    let complaint = Complaint {
        occurred_at: "2026-11-24T09:30:00+09:00".into(),
        counter: 1,
        category: "待ち時間".into(),
        summary: "待ち時間が長い".into(),
        ..Default::default()
    };
    run_at(&mut one.world, operator(), "09:35", |cx, _| {
        super::records::save_complaint(cx, &complaint)
    });
    let incident = Incident {
        occurred_at: "2026-11-24T09:40:00+09:00".into(),
        place: "第1窓口".into(),
        what: "カードリーダーが応答しなくなった".into(),
        ..Default::default()
    };
    run_at(&mut one.world, manager(), "09:45", |cx, _| {
        super::records::save_incident(cx, &incident)
    });
    one.sync().unwrap();
    two.sync().unwrap();
    let on_two = records(&mut two);
    assert_eq!(on_two.complaints.len(), 1);
    assert_eq!(on_two.incidents.len(), 1);
    let id2 = on_two.complaints[0].id;
    let closed = Complaint {
        id: id2,
        response: "番号札で順番をご案内した".into(),
        closed: true,
        ..on_two.complaints[0].clone()
    };
    run_at(&mut two.world, manager(), "10:00", |cx, _| {
        super::records::save_complaint(cx, &closed)
    });
    two.sync().unwrap();
    one.sync().unwrap();
    let on_one = records(&mut one);
    assert!(
        on_one.complaints[0].closed,
        "closed on counter 2, seen on 1"
    );
    let id1 = on_one.complaints[0].id;
    let h = run_at(&mut one.world, manager(), "10:05", |cx, _| {
        super::records::complaint_history(cx, id1)
    });
    assert_eq!(h.len(), 1, "the version before it was closed");
    assert!(!h[0].before.closed);

    // Both counters change the incident report before either syncs: one version is current on
    // both, the other is in both histories.
    let iid1 = on_one.incidents[0].id;
    let iid2 = records(&mut two).incidents[0].id;
    let cause = |c: &str, id| Incident {
        id,
        cause: c.into(),
        ..incident.clone()
    };
    run_at(&mut one.world, manager(), "11:00", |cx, _| {
        super::records::save_incident(cx, &cause("ケーブルの緩み", iid1))
    });
    run_at(&mut two.world, manager(), "11:05", |cx, _| {
        super::records::save_incident(cx, &cause("リーダーの故障", iid2))
    });
    one.sync().unwrap();
    two.sync().unwrap();
    one.sync().unwrap();
    for (c, id) in [(&mut one, iid1), (&mut two, iid2)] {
        assert_eq!(
            records(c).incidents[0].cause,
            "リーダーの故障",
            "the later one"
        );
        let h = run_at(&mut c.world, manager(), "12:00", |cx, _| {
            super::records::incident_history(cx, id)
        });
        assert!(
            h.iter().any(|e| e.before.cause == "ケーブルの緩み"),
            "{h:?}"
        );
    }
}

#[test]
fn the_citys_answer_reaches_the_counter_that_asked_and_submissions_are_kept_on_both() {
    let Site {
        cluster: _cluster,
        _keys,
        mut one,
        mut two,
    } = main_site();

    // Asked and sent on counter 1, answered by the city on counter 2.
    let id1 = run_at(&mut one.world, operator(), "09:00", |cx, _| {
        super::escalations::ask(cx, "旧姓併記の申請で必要な書類は何ですか")
    });
    run_at(&mut one.world, manager(), "09:10", |cx, _| {
        super::escalations::step(cx, id1, Step::Send, "")
    });
    one.sync().unwrap();
    two.sync().unwrap();
    let on_two = run_at(&mut two.world, city(), "10:00", |cx, _| {
        super::escalations::list(cx)
    });
    assert_eq!(on_two.len(), 1);
    assert_eq!(on_two[0].status, "sent");
    run_at(&mut two.world, city(), "10:05", |cx, _| {
        super::escalations::step(cx, on_two[0].id, Step::Answer, "戸籍謄本等をお持ちいただく")
    });
    two.sync().unwrap();
    one.sync().unwrap();
    let seen = run_at(&mut one.world, operator(), "10:30", |cx, _| {
        super::escalations::list(cx)
    });
    assert_eq!(seen.len(), 1, "the operator who asked sees it");
    assert_eq!(seen[0].status, "answered");
    assert_eq!(seen[0].answer, "戸籍謄本等をお持ちいただく");

    // October's report submitted on both counters without seeing each other: both are kept,
    // numbered the same on both.
    let mut config = run_at(&mut one.world, manager(), "08:00", |cx, _| {
        calendar::config(cx)
    });
    config.contract_start = day("2026-04-01");
    config.contract_end = day("2027-03-31");
    for c in [&mut one, &mut two] {
        run_at(&mut c.world, manager(), "08:00", |cx, _| {
            calendar::save_config(cx, &config)
        });
    }
    // Not while the report's texts are placeholders.
    let (refused, trail) = one.world.run(manager(), |cx, _, _, _| {
        super::reports::submit(cx, "2026-10".parse().unwrap(), "")
    });
    assert_eq!(refused.unwrap_err().code(), "header_incomplete");
    assert!(trail.is_empty());
    let header = crate::report::ReportHeader {
        addressee: "松本市長 様".into(),
        contractor: "株式会社窓口サービス".into(),
        responsible: "業務責任者 山田".into(),
        ..Default::default()
    };
    for c in [&mut one, &mut two] {
        crate::report::header::save(&c.world.store, &header).unwrap();
    }
    let october: crate::calendar::Month = "2026-10".parse().unwrap();
    run_at(&mut one.world, manager(), "11:00", |cx, _| {
        super::reports::submit(cx, october, "")
    });
    run_at(&mut two.world, manager(), "11:30", |cx, _| {
        super::reports::submit(cx, october, "")
    });
    one.sync().unwrap();
    two.sync().unwrap();
    one.sync().unwrap();
    let revisions = |c: &mut Counter| {
        run_at(&mut c.world, manager(), "12:00", |cx, _| {
            super::reports::monthly_view(cx, october)
        })
        .revisions
        .iter()
        .map(|r| (r.revision, r.submitted_on))
        .collect::<Vec<_>>()
    };
    let (r1, r2) = (revisions(&mut one), revisions(&mut two));
    assert_eq!(r1.len(), 2, "both submissions are kept: {r1:?}");
    assert_eq!(r1, r2, "numbered the same on both counters");
}

#[test]
fn both_counters_languages_reach_the_report_a_finished_day_at_a_time() {
    let site = main_site();
    let (cluster, mut one, mut two) = (site.cluster, site.one, site.two);
    use crate::citizen::counts::count;
    // Yesterday (the 23rd): counter 1 served one visit in English, counter 2 two in English and
    // one in Korean. Today (the 24th, the sync's day) counter 2 serves one in Nepali.
    let yesterday = day("2026-11-23");
    count(&one.world.store, yesterday, None, "en").unwrap();
    for lang in ["en", "en", "ko"] {
        count(&two.world.store, yesterday, None, lang).unwrap();
    }
    count(&two.world.store, day("2026-11-24"), None, "ne").unwrap();
    one.sync().unwrap();
    two.sync().unwrap();
    one.sync().unwrap();
    // The monthly report's section (MonthlyDocument::languages is these lines).
    let languages = |c: &Counter| {
        crate::citizen::counts::report_lines(&c.world.store, day("2026-11-01"), day("2026-11-30"))
            .unwrap()
    };
    let (l1, l2) = (languages(&one), languages(&two));
    assert!(
        l1.contains(&("英語", 3)) && l1.contains(&("韓国語", 1)),
        "{l1:?}"
    );
    assert!(
        l1.contains(&("ネパール語", 0)),
        "today's stays until the day is over"
    );
    assert!(l2.contains(&("ネパール語", 1)), "{l2:?}");
    assert_eq!(
        l1.iter()
            .filter(|(n, _)| *n != "ネパール語")
            .collect::<Vec<_>>(),
        l2.iter()
            .filter(|(n, _)| *n != "ネパール語")
            .collect::<Vec<_>>(),
        "both counters print the same section"
    );
    // On the server: one record per counter and day, by the counter, not a person.
    let mut owner = postgres::Client::connect(&cluster.owner_url(), postgres::NoTls).unwrap();
    let rows = owner
        .query(
            "SELECT counter, record_id, author FROM madoguchi.changes WHERE kind = 'language_counts' ORDER BY counter",
            &[],
        )
        .unwrap();
    let rows: Vec<(i32, String, String)> = rows
        .iter()
        .map(|r| (r.get::<_, i32>(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(
        rows,
        [
            (1, "1/2026-11-23".to_string(), "第1窓口".to_string()),
            (2, "2/2026-11-23".to_string(), "第2窓口".to_string())
        ]
    );
    // A late change on counter 2 (a Korean visit set back to Japanese) travels again and replaces.
    count(&two.world.store, yesterday, Some("ko"), "ja").unwrap();
    two.sync().unwrap();
    one.sync().unwrap();
    let l1 = languages(&one);
    assert!(
        l1.contains(&("韓国語", 0)) && l1.contains(&("英語", 3)),
        "{l1:?}"
    );
}

#[test]
fn a_kind_of_change_from_a_newer_version_stops_only_that_counters_pull_and_says_so() {
    let site = main_site();
    let (cluster, mut one, mut two) = (site.cluster, site.one, site.two);
    two.visit("operator2", "09:10", "consultation");
    two.sync().unwrap();
    // Counter 2 runs a newer version: its next change is of a kind this one does not know.
    let mut owner = postgres::Client::connect(&cluster.owner_url(), postgres::NoTls).unwrap();
    owner
        .execute(
            "INSERT INTO madoguchi.changes (uuid, site, counter, seq, kind, record_id, revision, content, author, at)
             SELECT gen_random_uuid(), 'main', 2, max(seq) + 1, 'future_kind', 'x', 1, '{}', '第2窓口', '2026-11-24T10:00:00+09:00'
             FROM madoguchi.changes WHERE site = 'main' AND counter = 2",
            &[],
        )
        .unwrap();
    one.visit("operator1", "09:20", "pin");
    let e = one.sync().unwrap_err();
    assert_eq!(e.code(), "central_unknown_kind");
    assert!(
        e.to_string().contains("第2窓口") && e.to_string().contains("アプリを更新"),
        "{e}"
    );
    assert_eq!(one.tally(), 2, "what came before it is here");
    two.sync().unwrap();
    assert_eq!(
        two.tally(),
        2,
        "counter 1's own changes went out all the same"
    );
    // The next round stops at the same place, placing nothing twice.
    assert_eq!(one.sync().unwrap_err().code(), "central_unknown_kind");
    assert_eq!(one.tally(), 2);
}
