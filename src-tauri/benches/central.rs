//! The city's shared store, measured on a real PostgreSQL server started in a temporary folder
//! (as the tests start it). Prints numbers; asserts nothing about time.
//!
//! 1. The monthly report of one site counted on the server over 10,000,000 central visits
//!    (26 sites, 3 counters each, about 32,000 visits in a site's month), side by side with a
//!    hand-written `GROUP BY` over the same rows on the same connection.
//! 2. Push and pull throughput between two counters, and a round that catches up a week offline.
//!
//! Run: `cargo bench --no-default-features --bench central` (add `-- 1000000` for fewer visits).

#[path = "../tests/support/pg_cluster.rs"]
mod pg_cluster;

use std::cell::RefCell;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use madoguchi::calendar::Month;
use madoguchi::central::{self, report, round, schema, Target};
use madoguchi::store::Store;
use madoguchi::sync::{self, Author, Kind};
use madoguchi::visits::{Outcome, Visit};
use pg_cluster::Cluster;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn p50(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

const SITES: i64 = 26;

/// Fills `madoguchi.visits` with `total` visits of `SITES` sites from 2023-04-01, about 1,070 a
/// day per site, on the server itself (the index is built after the load).
fn load_visits(owner: &mut postgres::Client, total: i64) -> Res<()> {
    owner.batch_execute("DROP INDEX madoguchi.visits_site_started; TRUNCATE madoguchi.visits")?;
    let t = Instant::now();
    owner.execute(
        "INSERT INTO madoguchi.visits (id, site, counter, revision, at, change_site, change_counter,
             change_uuid, started_local, seconds, voided, services, outcome, reason, form_brought)
         SELECT 'v' || g, 'site' || lpad((g % $2::bigint)::text, 2, '0'), 1 + (g / $2::bigint) % 3, 1, '',
             'site' || lpad((g % $2::bigint)::text, 2, '0'), 1, gen_random_uuid(),
             timestamp '2023-04-01 08:30' + make_interval(days => ((g / $2::bigint) / 1070)::int,
                 secs => (((g / $2::bigint) % 1070) * 31) % 36000),
             120 + h % 1500, h % 97 = 0,
             CASE WHEN h % 4 = 0
                  THEN ARRAY[(ARRAY['application','photo','photo_attach','mynapoint','health_insurance','public_fund_account','pin','certificate','consultation'])[1 + h % 9],
                             (ARRAY['mynapoint','pin','health_insurance','certificate'])[1 + (h / 9) % 4]]
                  ELSE ARRAY[(ARRAY['application','photo','photo_attach','mynapoint','health_insurance','public_fund_account','pin','certificate','consultation'])[1 + h % 9]] END,
             CASE WHEN h % 7 = 0 THEN 'not_completed' ELSE 'completed' END,
             CASE WHEN h % 7 = 0 THEN (ARRAY['pin_locked','form_missing','cert_expired'])[1 + h % 3] END,
             CASE WHEN h % 9 = 0 THEN h % 2 = 0 END
         FROM (SELECT g, (g * 2654435761) % 4294967291 AS h FROM generate_series(0::bigint, $1::bigint - 1) g) x",
        &[&total, &SITES],
    )?;
    let loaded = t.elapsed();
    let t = Instant::now();
    owner.batch_execute(
        "CREATE INDEX visits_site_started ON madoguchi.visits (site, started_local);
         ANALYZE madoguchi.visits",
    )?;
    println!(
        "loaded {total} central visits in {:.0} s, index and statistics in {:.0} s",
        loaded.as_secs_f64(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The hand-written aggregate: ① per day and ② per day and service, the least a monthly report
/// needs, straight from the table.
fn hand_written(c: &mut postgres::Client, site: &str, lo: &str, hi: &str) -> Res<(i64, usize)> {
    let app = vec!["application", "photo", "photo_attach"];
    let filter =
        "site = $1 AND started_local >= $2::text::timestamp AND started_local < $3::text::timestamp
                  AND seconds IS NOT NULL AND NOT voided";
    let days = c.query(
        &format!(
            "SELECT started_local::date, count(*), count(*) FILTER (WHERE services && $4::text[])
             FROM madoguchi.visits WHERE {filter} GROUP BY 1"
        ),
        &[&site, &lo, &hi, &app],
    )?;
    let services = c.query(
        &format!(
            "SELECT started_local::date, s, count(*) FROM madoguchi.visits, unnest(services) s
             WHERE {filter} AND s <> ALL($4::text[]) GROUP BY 1, 2"
        ),
        &[&site, &lo, &hi, &app],
    )?;
    Ok((
        days.iter().map(|r| r.get::<_, i64>(1)).sum(),
        services.len(),
    ))
}

fn report_side_by_side(cluster: &Cluster, total: i64) -> Res<()> {
    let mut owner = postgres::Client::connect(&cluster.owner_url(), postgres::NoTls)?;
    schema::migrate(&mut owner)?;
    for s in 0..SITES {
        for c in 1..=3 {
            schema::add_counter(&mut owner, &format!("site{s:02}"), c)?;
        }
    }
    load_visits(&mut owner, total)?;

    // The local side: a counter's calendar and service list, as the report uses them.
    let dir = tempfile::tempdir()?;
    let store = madoguchi::launch::open(dir.path(), false, day("2024-03-15")?)?;
    let config = madoguchi::calendar::CalendarConfig {
        contract_start: day("2023-04-01")?,
        contract_end: day("2024-03-31")?,
        ..Default::default()
    };
    madoguchi::calendar::stored::save_config(&store, &config)?;

    let month: Month = "2023-10".parse()?;
    let (first, last) = (month.first_day(), month.last_day());
    let (lo, hi) = (
        first.to_string(),
        last.succ_opt().ok_or("date")?.to_string(),
    );
    let site = vec!["site07".to_string()];
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    let mut visits = 0;
    for round in 0..23 {
        let t = Instant::now();
        let counted = report::counted(&mut owner, &site, first, last)?;
        let _sources = report::sources(&mut owner, &site)?;
        let m = madoguchi::report::from_counted(&store, month, &counted)?;
        let ours_took = t.elapsed();
        let t = Instant::now();
        let (hand, _rows) = hand_written(&mut owner, &site[0], &lo, &hi)?;
        let theirs_took = t.elapsed();
        if round >= 3 {
            // the first rounds warm the cache for both
            ours.push(ours_took);
            theirs.push(theirs_took);
        }
        assert_eq!(hand, m.visits as i64, "both count the same visits");
        visits = m.visits;
    }
    let (a, b) = (p50(&mut ours), p50(&mut theirs));
    println!(
        "monthly report of one site ({visits} visits in {month}) over {total} central visits: \
         ours p50 {:.1} ms, hand-written GROUP BY p50 {:.1} ms, ratio {:.2}",
        ms(a),
        ms(b),
        a.as_secs_f64() / b.as_secs_f64()
    );
    let every: Vec<String> = (0..SITES).map(|s| format!("site{s:02}")).collect();
    let mut city = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let counted = report::counted(&mut owner, &every, first, last)?;
        let m = madoguchi::report::counts_only(month, &counted, &[]);
        city.push(t.elapsed());
        visits = m.visits;
    }
    println!(
        "the whole city's month ({visits} visits, {SITES} sites): p50 {:.0} ms",
        ms(p50(&mut city))
    );
    Ok(())
}

fn day(s: &str) -> Res<NaiveDate> {
    Ok(NaiveDate::parse_from_str(s, "%Y-%m-%d")?)
}

/// A counter's data folder connected to `site` as counter `n`.
fn counter(
    cluster: &Cluster,
    keys: &std::path::Path,
    site: &str,
    n: u8,
) -> Res<(tempfile::TempDir, Store, Target)> {
    let dir = tempfile::tempdir()?;
    let store = madoguchi::launch::open(dir.path(), false, day("2024-03-15")?)?;
    madoguchi::site::set_counter(&store, n)?;
    madoguchi::site::set_site_id(&store, site)?;
    let target = Target {
        url: cluster.url_for(&schema::role_name(site, n)),
        password_file: Some(keys.join(format!("{site}-counter{n}.password"))),
        ca_file: None,
    };
    Ok((dir, store, target))
}

/// `count` ended visits of counter `n` from `from`, written with their changes in one
/// transaction (the use case writes one visit per transaction; here only the log matters).
fn make_changes(store: &mut Store, n: u8, from: NaiveDate, count: usize) -> Res<()> {
    let author = Author {
        name: format!("operator{n}"),
        at: format!("{from}T17:00:00+09:00"),
    };
    store.conn.execute_batch("BEGIN")?;
    for i in 0..count {
        let date = from + chrono::Duration::days((i / 1100) as i64);
        let minute = 8 * 60 + 30 + (i % 1100) * 31 % 600;
        let started = format!("{date}T{:02}:{:02}:00+09:00", minute / 60, minute % 60);
        let v = Visit {
            id: uuid::Uuid::new_v4().to_string(),
            counter: n,
            operator: author.name.clone(),
            ended_at: Some(started.replace(":00+09:00", ":30+09:00")),
            started_at: started,
            services: vec![["pin", "mynapoint", "application"][i % 3].to_string()],
            outcome: Some(Outcome::Completed),
            reason: None,
            form_brought: (i % 3 == 2).then_some(true),
            note: None,
            revision: 1,
            voided: None,
            imported: false,
        };
        sync::log::record(
            store,
            &author,
            Kind::Visit,
            &v.id,
            1,
            &serde_json::json!({ "visit": v, "why": null }),
        )?;
    }
    store.conn.execute_batch("COMMIT")?;
    Ok(())
}

fn sync_round(store: &mut Store, target: &Target) -> Res<(round::Report, Duration)> {
    let t = Instant::now();
    let mut client = central::connect::connect(target)?;
    let local = RefCell::new(store);
    let r = round::run(&local, &mut client, &|| "2024-03-15T18:00:00+09:00".into())?;
    Ok((r, t.elapsed()))
}

fn push_and_pull(cluster: &Cluster) -> Res<()> {
    let mut owner = postgres::Client::connect(&cluster.owner_url(), postgres::NoTls)?;
    let keys = tempfile::tempdir()?;
    schema::init(&mut owner, "bench", 2, keys.path())?;
    let (_d1, mut one, t1) = counter(cluster, keys.path(), "bench", 1)?;
    let (_d2, mut two, t2) = counter(cluster, keys.path(), "bench", 2)?;

    let n = 20_000;
    make_changes(&mut one, 1, day("2023-10-01")?, n)?;
    let (r, took) = sync_round(&mut one, &t1)?;
    println!(
        "push: {} changes in {:.2} s ({:.0} changes/s)",
        r.pushed,
        took.as_secs_f64(),
        r.pushed as f64 / took.as_secs_f64()
    );
    let (r, took) = sync_round(&mut two, &t2)?;
    println!(
        "pull and place: {} changes in {:.2} s ({:.0} changes/s)",
        r.applied,
        took.as_secs_f64(),
        r.applied as f64 / took.as_secs_f64()
    );

    // A week offline: both counters work (1,100 visits a day each, far above a real counter);
    // counter 2 comes back and one round catches up both ways.
    make_changes(&mut one, 1, day("2023-11-06")?, 7 * 1100)?;
    make_changes(&mut two, 2, day("2023-11-06")?, 7 * 1100)?;
    sync_round(&mut one, &t1)?;
    let (r, took) = sync_round(&mut two, &t2)?;
    println!(
        "catch-up after a week offline: pushed {}, pulled and placed {} in {:.2} s",
        r.pushed,
        r.applied,
        took.as_secs_f64()
    );
    Ok(())
}

fn main() -> Res<()> {
    let total: i64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000_000);
    let cluster = Cluster::start();
    push_and_pull(&cluster)?;
    report_side_by_side(&cluster, total)?;
    Ok(())
}
