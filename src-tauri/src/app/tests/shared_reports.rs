//! The monthly report counted on the shared store (a real PostgreSQL server started for the test)
//! equals each counter's own report once they have synced, and a city report over two sites is
//! their sum. The month is generated: varied days, hours, services, outcomes, forms, handling
//! times, with voided, amended and still-open visits.

use super::shared_store::{pg_cluster::Cluster, Counter};
use super::*;
use crate::app::shared_reports;
use crate::calendar::Month;
use crate::central::{schema, Target};
use crate::clock::Moment;

/// A small deterministic generator (xorshift), so the month is the same on every run.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn at_time(date: NaiveDate, minutes: u64) -> Moment {
    let text = format!(
        "{date}T{:02}:{:02}:{:02}+09:00",
        minutes / 60,
        minutes % 60,
        (minutes * 7) % 60
    );
    Moment::at(crate::clock::parse(&text).unwrap())
}

fn run_on<T>(
    w: &mut World,
    actor: Actor,
    when: Moment,
    f: impl FnOnce(&mut Ctx, &mut Desk) -> Result<T, AppError>,
) -> T {
    let mut ctx = Ctx::new(&mut w.store, actor, when).unwrap();
    f(&mut ctx, &mut w.desk).unwrap()
}

/// Every service but `complaint` (a complaint visit is logged with its record).
fn services() -> Vec<&'static str> {
    crate::visits::lists::DEFAULT_SERVICES
        .iter()
        .map(|(code, _)| *code)
        .filter(|c| *c != "complaint")
        .collect()
}
const REASONS: [&str; 4] = ["pin_locked", "cert_expired", "form_missing", "citizen_left"];

/// Logs `per_day` visits a day on `c` through November 2026; returns the ended ones' ids.
fn log_month(c: &mut Counter, dice: &mut Dice, per_day: u64) -> Vec<String> {
    let op = staff("operator1", Role::Operator);
    let services = services();
    let mut ids = Vec::new();
    for d in 1..=30 {
        let date = day(&format!("2026-11-{d:02}"));
        for i in 0..dice.roll(per_day + 1) {
            let start = 8 * 60 + 30 + dice.roll(10 * 60);
            // Now and then a visit is left open (by someone else: one open visit per operator).
            let left_open = dice.roll(25) == 0;
            let op = if left_open {
                staff(&format!("helper{d}-{i}"), Role::Operator)
            } else {
                op.clone()
            };
            let v = run_on(&mut c.world, op.clone(), at_time(date, start), |cx, _| {
                visits::start(cx, true)
            });
            let mut chosen: Vec<&str> = Vec::new();
            for _ in 0..=dice.roll(3) {
                let s = services[dice.roll(services.len() as u64) as usize];
                if !chosen.contains(&s) {
                    chosen.push(s);
                }
            }
            for s in &chosen {
                run_on(&mut c.world, op.clone(), at_time(date, start), |cx, _| {
                    visits::set_service(cx, &v.id, s, true)
                });
            }
            if chosen.contains(&"application") {
                let brought = Some(dice.roll(2) == 0);
                run_on(&mut c.world, op.clone(), at_time(date, start), |cx, _| {
                    visits::set_form(cx, &v.id, brought)
                });
            }
            if left_open {
                continue; // counts nowhere, never travels
            }
            let (outcome, reason) = if dice.roll(5) == 0 {
                let r = REASONS[dice.roll(REASONS.len() as u64) as usize];
                (Outcome::NotCompleted, Some(r))
            } else {
                (Outcome::Completed, None)
            };
            let end = start + dice.roll(40);
            run_on(&mut c.world, op.clone(), at_time(date, end), |cx, desk| {
                visits::end(cx, desk, &v.id, outcome, reason)
            });
            ids.push(v.id);
        }
    }
    ids
}

fn november() -> Month {
    "2026-11".parse().unwrap()
}

fn local_monthly(c: &mut Counter) -> crate::report::Monthly {
    run_at(&mut c.world, manager(), "17:00", |cx, _| {
        reports::monthly(cx, november())
    })
}

#[test]
fn the_shared_report_is_each_counters_report_and_the_city_is_the_sum_of_its_sites() {
    let cluster = Cluster::start();
    let mut owner = postgres::Client::connect(&cluster.owner_url(), postgres::NoTls).unwrap();
    let out = tempfile::tempdir().unwrap();
    let main = schema::init(&mut owner, "main", 2, out.path()).unwrap();
    let branch = schema::init(&mut owner, "branch", 1, out.path()).unwrap();
    let mut one = Counter::at_site(&cluster, "main", 1, main[0].1.clone());
    let mut two = Counter::at_site(&cluster, "main", 2, main[1].1.clone());
    let mut three = Counter::at_site(&cluster, "branch", 1, branch[0].1.clone());

    // The contract period, set on one counter of each site, travels to the other.
    for c in [&mut one, &mut three] {
        let mut config = run_at(&mut c.world, manager(), "08:00", |cx, _| {
            calendar::config(cx)
        });
        config.contract_start = day("2026-10-01");
        config.contract_end = day("2027-03-31");
        run_at(&mut c.world, manager(), "08:00", |cx, _| {
            calendar::save_config(cx, &config)
        });
    }
    let mut dice = Dice(0x5eed_1234_abcd);
    let ended_one = log_month(&mut one, &mut dice, 6);
    log_month(&mut two, &mut dice, 4);
    log_month(&mut three, &mut dice, 5);
    assert!(
        ended_one.len() > 40,
        "a month of visits: {}",
        ended_one.len()
    );

    // Corrections: one voided on counter 1, one amended on counter 2 after it travelled.
    let late = Moment::at(crate::clock::parse("2026-11-30T17:00:00+09:00").unwrap());
    run_on(&mut one.world, manager(), late, |cx, _| {
        visits::void(cx, &ended_one[3], "重複して記録")
    });
    one.sync().unwrap();
    two.sync().unwrap();
    let edit = VisitEdit {
        services: vec!["application".into(), "photo".into(), "pin".into()],
        form_brought: Some(false),
        outcome: Some(Outcome::NotCompleted),
        reason: Some("documents_missing".into()),
        ..Default::default()
    };
    run_on(&mut two.world, manager(), late, |cx, _| {
        visits::amend(cx, &ended_one[7], &edit, "記録の誤り")
    });
    for c in [&mut two, &mut one, &mut three] {
        c.sync().unwrap();
    }

    // The site's report counted on the server equals each counter's own report.
    let from_one = local_monthly(&mut one);
    assert_eq!(from_one, local_monthly(&mut two), "both counters agree");
    let shared = run_at(&mut one.world, manager(), "17:00", |cx, _| {
        shared_reports::monthly_of_site(cx, november())
    });
    assert_eq!(shared.sites.len(), 1);
    assert_eq!(shared.sites[0].site, "main");
    assert_eq!(
        shared.total, from_one,
        "counted on the server = counted here"
    );
    assert!(from_one.visits > 60 && from_one.not_completed_by_reason["documents_missing"] >= 1);
    let counters: Vec<(String, u8, bool)> = shared
        .sources
        .iter()
        .map(|s| (s.site.clone(), s.counter, s.up_to.is_some()))
        .collect();
    assert_eq!(
        counters,
        vec![("main".into(), 1, true), ("main".into(), 2, true)],
        "the sources name the site's counters and when they last sent"
    );

    // The city over both sites, through the owner role: each site as it counts itself, and the sum.
    let city_target = Target {
        url: cluster.owner_url(),
        password_file: None,
        ca_file: None,
    };
    let city = run_at(&mut one.world, cli(), "17:00", |cx, _| {
        shared_reports::monthly_of_city(cx, &city_target, november(), None)
    });
    let sites: Vec<&str> = city.sites.iter().map(|s| s.site.as_str()).collect();
    assert_eq!(sites, vec!["branch", "main"]);
    let from_three = local_monthly(&mut three);
    assert_eq!(city.sites[1].figures, from_one);
    let branch_figures = &city.sites[0].figures;
    assert_eq!(branch_figures.visits, from_three.visits);
    assert_eq!(branch_figures.other_breakdown, from_three.other_breakdown);
    assert_eq!(branch_figures.per_hour, from_three.per_hour);
    assert_eq!(city.total.visits, from_one.visits + from_three.visits);
    assert_eq!(
        city.total.application_count,
        from_one.application_count + from_three.application_count
    );
    for (code, n) in &city.total.other_breakdown {
        assert_eq!(
            *n,
            from_one.other_breakdown.get(code).copied().unwrap_or(0)
                + from_three.other_breakdown.get(code).copied().unwrap_or(0),
            "{code}"
        );
    }
    assert_eq!(city.sources.len(), 3);

    // A counter's role reports on its own site only.
    let only_main = run_at(&mut one.world, cli(), "17:00", |cx, _| {
        shared_reports::monthly_of_city(cx, &one.target.clone(), november(), None)
    });
    assert_eq!(only_main.sites.len(), 1);
    assert_eq!(only_main.total, from_one);
}
