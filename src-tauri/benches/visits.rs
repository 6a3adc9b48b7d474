//! Visit-log benchmark: inserts 1,000,000 visits into a fresh on-disk database, then times
//! today's tally, a month's tally and a single visit's start→end. Prints numbers; asserts nothing
//! about time. Run: `cargo bench --no-default-features --bench visits` (add `-- 100000` for fewer).

use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate, TimeZone};
use madoguchi::visits::{self, lists, Outcome, Visit};
use madoguchi::{clock, launch};

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn time<F: FnMut()>(runs: usize, mut f: F) -> (Duration, Duration) {
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    (
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.95),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let total: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("madoguchi-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let today = NaiveDate::from_ymd_opt(2024, 3, 15).ok_or("date")?;
    let mut store = launch::open(&dir, false, today)?;
    let services: Vec<String> = lists::list(&store, lists::ListKind::Services, true)?
        .into_iter()
        .map(|e| e.code)
        .collect();

    // About 1,100 visits a day over ~900 days ending today: far more than a real counter, so a
    // month holds ~33,000 visits.
    let per_day = 1_100usize;
    let days = total.div_ceil(per_day);
    let first = today - Days::days(days as i64 - 1);
    let t0 = Instant::now();
    let tx = store.conn.transaction()?;
    {
        let mut ins_v = tx.prepare(
            "INSERT INTO visits (id, counter, operator, started_at, ended_at, outcome, reason, form_brought, revision)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1)",
        )?;
        let mut ins_s = tx
            .prepare("INSERT OR IGNORE INTO visit_services (visit_seq, service) VALUES (?1, ?2)")?;
        let mut n = 0usize;
        let mut x: u64 = 42;
        'outer: for d in 0..days {
            let date = first + Days::days(d as i64);
            for i in 0..per_day {
                if n == total {
                    break 'outer;
                }
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let start = clock::tokyo()
                    .from_local_datetime(&date.and_hms_opt(8, 30, 0).ok_or("time")?)
                    .single()
                    .ok_or("tz")?
                    + Days::seconds((i as i64 * 29) % 36_000);
                let completed = !x.is_multiple_of(7);
                ins_v.execute(rusqlite::params![
                    uuid::Uuid::new_v4().to_string(),
                    1 + (i % 2) as u8,
                    if i % 2 == 0 { "operator1" } else { "operator2" },
                    clock::stamp(start),
                    clock::stamp(start + Days::minutes(12)),
                    if completed {
                        "completed"
                    } else {
                        "not_completed"
                    },
                    if completed { None } else { Some("pin_locked") },
                    Some(x.is_multiple_of(3)),
                ])?;
                let seq = tx.last_insert_rowid();
                ins_s.execute(rusqlite::params![
                    seq,
                    services[(x >> 20) as usize % services.len()]
                ])?;
                if x.is_multiple_of(4) {
                    ins_s.execute(rusqlite::params![
                        seq,
                        services[(x >> 40) as usize % services.len()]
                    ])?;
                }
                n += 1;
            }
        }
    }
    tx.commit()?;
    let bulk = t0.elapsed();
    println!(
        "bulk insert of {total} visits: {:.1} s ({:.0} visits/s)",
        bulk.as_secs_f64(),
        total as f64 / bulk.as_secs_f64()
    );

    let (p50, p95) = time(30, || {
        let t = visits::tally_day(&store, today).unwrap_or_default();
        assert!(t.visits > 0);
    });
    println!(
        "today's tally ({} visits in the day): p50 {:.2} ms, p95 {:.2} ms",
        per_day,
        ms(p50),
        ms(p95)
    );

    let month_from = NaiveDate::from_ymd_opt(2024, 2, 1).ok_or("date")?;
    let month_to = NaiveDate::from_ymd_opt(2024, 2, 29).ok_or("date")?;
    let mut month_visits = 0;
    let (p50, p95) = time(10, || {
        month_visits = visits::tally_between(&store, month_from, month_to)
            .map(|t| t.visits)
            .unwrap_or(0);
    });
    println!(
        "month's tally ({month_visits} visits in the month): p50 {:.1} ms, p95 {:.1} ms",
        ms(p50),
        ms(p95)
    );

    // The monthly report needs a contract period that holds the month.
    let config = madoguchi::calendar::CalendarConfig {
        contract_start: first,
        contract_end: today,
        ..Default::default()
    };
    madoguchi::calendar::stored::save_config(&store, &config)?;
    let mut report_visits = 0;
    let feb: madoguchi::calendar::Month = "2024-02".parse()?;
    let (p50, p95) = time(10, || {
        report_visits = madoguchi::report::monthly_from_store(&store, feb)
            .map(|m| m.visits)
            .unwrap_or(0);
    });
    println!(
        "monthly report figures ({report_visits} visits): p50 {:.1} ms, p95 {:.1} ms",
        ms(p50),
        ms(p95)
    );
    let ours = p50;
    // The same month by a hand-written SQLite aggregate: ① per day and ② per day and service,
    // the least a monthly report needs.
    let (lo, hi) = (
        clock::day_start(month_from),
        clock::day_start(month_to.succ_opt().ok_or("date")?),
    );
    let counted = "v.started_at >= ?1 AND v.started_at < ?2 AND v.ended_at IS NOT NULL AND v.voided_at IS NULL";
    let app = "('application', 'photo', 'photo_attach')";
    let mut hand_visits = 0i64;
    let (p50, p95) = time(10, || {
        let mut days = store
            .conn
            .prepare_cached(&format!(
                "SELECT substr(v.started_at, 1, 10), count(*),
                        sum(EXISTS (SELECT 1 FROM visit_services s WHERE s.visit_seq = v.seq AND s.service IN {app}))
                 FROM visits v WHERE {counted} GROUP BY 1"
            ))
            .unwrap_or_else(|e| panic!("{e}"));
        hand_visits = days
            .query_map([&lo, &hi], |r| r.get::<_, i64>(1))
            .and_then(|rows| rows.sum::<Result<i64, _>>())
            .unwrap_or(0);
        let mut services = store
            .conn
            .prepare_cached(&format!(
                "SELECT substr(v.started_at, 1, 10), vs.service, count(*)
                 FROM visits v JOIN visit_services vs ON vs.visit_seq = v.seq
                 WHERE {counted} AND vs.service NOT IN {app} GROUP BY 1, 2"
            ))
            .unwrap_or_else(|e| panic!("{e}"));
        let rows = services
            .query_map([&lo, &hi], |r| r.get::<_, i64>(2))
            .map(|rows| rows.count())
            .unwrap_or(0);
        assert!(rows > 0);
    });
    assert_eq!(
        hand_visits, report_visits as i64,
        "both count the same visits"
    );
    println!(
        "hand-written SQLite aggregate of the same month: p50 {:.1} ms, p95 {:.1} ms; report/hand-written {:.2}",
        ms(p50),
        ms(p95),
        ours.as_secs_f64() / p50.as_secs_f64()
    );

    let doc = madoguchi::report::document::MonthlyDocument {
        figures: madoguchi::report::monthly_from_store(&store, feb)?,
        header: madoguchi::report::header::load(&store)?,
        labels: madoguchi::report::labels(&store)?,
        records: Default::default(),
        opening: Vec::new(),
        outages: Vec::new(),
        briefings: Vec::new(),
        languages: Vec::new(),
    };
    let mut size = 0;
    let (p50, p95) = time(10, || {
        size = madoguchi::report::export::monthly_xlsx(&doc)
            .map(|b| b.len())
            .unwrap_or(0);
    });
    println!(
        "monthly report xlsx export ({size} bytes): p50 {:.1} ms, p95 {:.1} ms",
        ms(p50),
        ms(p95)
    );

    let mut months = 0;
    let (p50, p95) = time(3, || {
        months = madoguchi::report::final_report::final_from_store(&store)
            .map(|f| f.months.len())
            .unwrap_or(0);
    });
    println!(
        "final report ({months} months, {total} visits): p50 {:.0} ms, p95 {:.0} ms",
        ms(p50),
        ms(p95)
    );

    let now = clock::tokyo()
        .from_local_datetime(&today.and_hms_opt(12, 0, 0).ok_or("time")?)
        .single()
        .ok_or("tz")?;
    let mut n = 0;
    let (p50, p95) = time(200, || {
        n += 1;
        let op = format!("bench{n}");
        let v: Visit = visits::start(&mut store, 1, &op, now).unwrap_or_else(|e| panic!("{e}"));
        let edit = visits::VisitEdit {
            services: vec!["pin".into()],
            outcome: Some(Outcome::Completed),
            ..Default::default()
        };
        visits::end(&mut store, &v.id, &edit, now).unwrap_or_else(|e| panic!("{e}"));
    });
    println!(
        "one visit start+end with {total} in the database: p50 {:.2} ms, p95 {:.2} ms",
        ms(p50),
        ms(p95)
    );
    let size = std::fs::metadata(dir.join(madoguchi::store::DB_FILE))
        .map(|m| m.len())
        .unwrap_or(0);
    println!("database file: {:.0} MB", size as f64 / 1e6);
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
