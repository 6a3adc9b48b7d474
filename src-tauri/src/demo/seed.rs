//! The demo data itself: the demo accounts, a contract period around today, weekend days picked,
//! and a few days of sample visits. Compiled only with the `demo` feature (and in unit tests), so
//! the package a counter installs holds no demo account or password.

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Weekday};

use crate::auth::{self, NewAccount, Role};
use crate::calendar::{stored, CalendarConfig};
use crate::clock;
use crate::store::Store;
use crate::visits::{self, lists, Outcome, VisitEdit};

use super::DemoError;

/// The demo accounts: (ID, name, role). All use [`DEMO_PASSWORD`].
pub const DEMO_ACCOUNTS: &[(&str, &str, Role)] = &[
    ("manager", "現場 花子（デモ）", Role::SiteManager),
    ("operator1", "窓口 一郎（デモ）", Role::Operator),
    ("operator2", "窓口 二葉（デモ）", Role::Operator),
    ("city", "市役所 三郎（デモ）", Role::CityStaff),
];

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo-pass";

/// A tiny deterministic generator: the demo looks the same every time.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// The fiscal year (April–March) holding `today`.
fn fiscal_year(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let y = if today.month() >= 4 {
        today.year()
    } else {
        today.year() - 1
    };
    let start = NaiveDate::from_ymd_opt(y, 4, 1).unwrap_or(today);
    let end = NaiveDate::from_ymd_opt(y + 1, 3, 31).unwrap_or(today);
    (start, end)
}

/// Seeds an empty (or demo) data directory. Returns whether anything was written.
pub fn seed(store: &mut Store, today: NaiveDate) -> Result<bool, DemoError> {
    let failed = |e: &dyn std::fmt::Display| DemoError::Failed(e.to_string());
    let accounts = auth::list_accounts(store).map_err(|e| failed(&e))?;
    if accounts.iter().any(|a| !a.demo) {
        return Err(DemoError::RealData);
    }
    if !accounts.is_empty() {
        return Ok(false);
    }
    lists::ensure_defaults(store).map_err(|e| failed(&e))?;
    for (id, name, role) in DEMO_ACCOUNTS {
        let new = NewAccount {
            login_id: (*id).into(),
            display_name: (*name).into(),
            role: *role,
            password: DEMO_PASSWORD.into(),
        };
        auth::create_account(store, &new, true, false).map_err(|e| failed(&e))?;
    }
    let (start, end) = fiscal_year(today);
    let config = CalendarConfig {
        contract_start: start,
        contract_end: end,
        ..CalendarConfig::default()
    };
    stored::save_config(store, &config).map_err(|e| failed(&e))?;
    // Pick the first three weekend days of each month that may be picked.
    let mut day = start;
    while day <= end {
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            let _ = stored::set_weekend_pick(store, day, true);
        }
        day += Duration::days(1);
    }
    let header = crate::report::ReportHeader {
        addressee: "デモ市長 様".into(),
        contractor: "デモ受託事業者".into(),
        responsible: "デモ業務責任者".into(),
        ..Default::default()
    };
    crate::report::header::save(store, &header).map_err(|e| failed(&e))?;
    // Demo mode reaches no site by itself (training rooms and tests run offline): the opening
    // check's network targets start empty, to be set in 管理 where a network is there to test.
    let opening = crate::opening::OpeningSettings {
        targets: Vec::new(),
        ..Default::default()
    };
    crate::opening::settings::save(store, &opening).map_err(|e| failed(&e))?;
    seed_visits(store, today).map_err(|e| failed(&e))?;
    approve_starter_manual(store).map_err(|e| failed(&e))?;
    Ok(true)
}

/// In demo mode the city's demo account has approved the starter manual, so search works at once.
fn approve_starter_manual(store: &Store) -> Result<(), crate::kb::KbError> {
    let stamp = clock::stamp(clock::now());
    let ids: Vec<i64> = {
        let mut stmt = store
            .conn
            .prepare("SELECT id FROM kb_versions WHERE status = 'draft'")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for id in ids {
        crate::kb::submit(
            store,
            id,
            crate::kb::Reason::SelfImprovement,
            "初版（デモ）",
            &stamp,
            Some("manager"),
        )?;
        crate::kb::approve(store, id, "city", &stamp)?;
    }
    Ok(())
}

/// Sample visits on the opening days of the last two weeks (not today: the demo's tally starts
/// at zero so the first visit a user logs shows up).
fn seed_visits(store: &mut Store, today: NaiveDate) -> Result<(), Box<dyn std::error::Error>> {
    let cal = stored::load(store)?;
    let services: Vec<String> = lists::list(store, lists::ListKind::Services, true)?
        .into_iter()
        .map(|e| e.code)
        .collect();
    let reasons = [
        "pin_locked",
        "cert_expired",
        "form_missing",
        "documents_missing",
    ];
    let mut rng = Lcg(20231024);
    for back in 1..=14 {
        let date = today - Duration::days(back);
        let Some((hours, _)) = cal.opening(date) else {
            continue;
        };
        let n = 6 + rng.next(10);
        for i in 0..n {
            let counter = 1 + (i % 2) as u8;
            let operator = if counter == 1 {
                "operator1"
            } else {
                "operator2"
            };
            let minutes_open = (hours.closes - hours.opens).num_minutes().max(60) as u64;
            let offset = rng.next(minutes_open - 30);
            let start_time = date.and_time(hours.opens) + Duration::minutes(offset as i64);
            let start = clock::tokyo()
                .from_local_datetime(&start_time)
                .single()
                .ok_or("time")?;
            let mut picked = vec![services[rng.next(services.len() as u64) as usize].clone()];
            if rng.next(3) == 0 {
                picked.push(services[rng.next(services.len() as u64) as usize].clone());
            }
            let not_completed = rng.next(6) == 0;
            let edit = VisitEdit {
                form_brought: Some(rng.next(4) != 0),
                services: picked,
                outcome: Some(if not_completed {
                    Outcome::NotCompleted
                } else {
                    Outcome::Completed
                }),
                reason: not_completed
                    .then(|| reasons[rng.next(reasons.len() as u64) as usize].to_string()),
                note: None,
            };
            let v = visits::start(store, counter, operator, start)?;
            visits::end(
                store,
                &v.id,
                &edit,
                start + Duration::minutes(8 + rng.next(25) as i64),
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_seeds_once_and_never_into_real_data() {
        let mut s = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert!(seed(&mut s, today).unwrap());
        assert!(!seed(&mut s, today).unwrap(), "second run writes nothing");
        let accounts = auth::list_accounts(&s).unwrap();
        assert_eq!(accounts.len(), DEMO_ACCOUNTS.len());
        assert!(auth::sign_in(&s, "operator1", DEMO_PASSWORD).is_ok());
        let last_two_weeks = visits::tally_between(&s, today - Duration::days(14), today).unwrap();
        assert!(
            last_two_weeks.visits > 20,
            "sample visits exist: {}",
            last_two_weeks.visits
        );
        assert_eq!(
            visits::tally_day(&s, today).unwrap().visits,
            0,
            "today starts empty"
        );

        let mut real = Store::open_in_memory().unwrap();
        let new = NewAccount {
            login_id: "boss".into(),
            display_name: "本番".into(),
            role: Role::SiteManager,
            password: "long enough".into(),
        };
        auth::create_account(&real, &new, false, false).unwrap();
        assert!(matches!(seed(&mut real, today), Err(DemoError::RealData)));
    }
}
