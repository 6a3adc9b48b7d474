//! `madoguchi doctor`: what IT staff check first. Data directory, database integrity and schema,
//! accounts, the displays; then the opening check's automatic items (the network targets, the
//! clock, the camera, the IC card reader, the printer, free disk, the last backup).

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::auth::{self, Role};
use crate::opening::Item;
use crate::{clock, launch, store};

/// One line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// Stable id, e.g. `database` (several `network` lines, one per target).
    pub id: String,
    /// Its name on screen.
    pub label: String,
    /// Passed.
    pub ok: bool,
    /// What was found, in Japanese.
    pub detail: String,
    /// A failure here is reported (`[WARN]`) but does not fail the whole check (a setting worth
    /// fixing, not a missing device: the camera and the card reader are required at a counter).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

impl Check {
    /// A required line named by its id.
    pub fn new(id: &str, ok: bool, detail: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            label: label(id).into(),
            ok,
            detail: detail.into(),
            optional: false,
        }
    }
}

impl From<Item> for Check {
    fn from(i: Item) -> Self {
        Self {
            id: i.id,
            label: i.label,
            ok: i.ok,
            detail: i.detail,
            optional: false,
        }
    }
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The checks in order.
    pub checks: Vec<Check>,
    /// Each network target's probe in full (cause code, status, latency, clock offset).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub network: Vec<crate::netcheck::Probe>,
}

impl Report {
    /// Every required check passed.
    pub fn ok(&self) -> bool {
        self.checks.iter().all(|c| c.ok || c.optional)
    }

    /// One line per check, named in Japanese.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for c in &self.checks {
            let _ = writeln!(
                out,
                "[{}] {}：{}",
                match (c.ok, c.optional) {
                    (true, _) => "OK",
                    (false, true) => "WARN",
                    (false, false) => "NG",
                },
                c.label,
                c.detail
            );
        }
        out
    }

    /// Adds the opening check's automatic items (network, clock, camera, card reader, printer,
    /// disk, backup) and the probes behind the network lines.
    pub fn add_opening(&mut self, items: Vec<Item>, probes: Vec<crate::netcheck::Probe>) {
        self.checks.extend(items.into_iter().map(Check::from));
        self.network = probes;
    }
}

/// A check's name on screen.
pub fn label(id: &str) -> &str {
    match id {
        "data_dir" => "データフォルダ",
        "database" => "データベース",
        "accounts" => "アカウント",
        "displays" => "画面",
        "print_jobs" => "印刷データ",
        other => other,
    }
}

/// The checks of the data folder `dir`: the folder, the database, the accounts, the displays
/// (`displays` is the number of monitors found, if it could be told) and CUPS's job files. The
/// devices and the network are the opening check's items ([`Report::add_opening`]).
pub fn check(dir: &Path, demo: bool, displays: Option<usize>) -> Report {
    let mut checks = vec![Check::new(
        "data_dir",
        true,
        format!("{}{}", dir.display(), if demo { "（デモ）" } else { "" }),
    )];
    match launch::open(dir, demo, clock::now().date_naive()) {
        Err(e) => checks.push(Check::new("database", false, e.to_string())),
        Ok(store) => {
            let integrity = store.integrity_check().map(|lines| lines.join("; "));
            let visits: i64 = store
                .conn
                .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
                .unwrap_or(-1);
            let path = store
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            checks.push(match integrity {
                Ok(text) if text == "ok" => Check::new(
                    "database",
                    true,
                    format!(
                        "{path}（形式 {}、整合性 ok、来庁記録 {visits} 件）",
                        store::SCHEMA_VERSION
                    ),
                ),
                Ok(text) => Check::new(
                    "database",
                    false,
                    format!("{path}：整合性チェックの結果 {text}"),
                ),
                Err(e) => Check::new("database", false, e.to_string()),
            });
            checks.push(match auth::list_accounts(&store) {
                Ok(list) => {
                    let n = |r: Role| list.iter().filter(|a| a.role == r && a.active).count();
                    let managers = n(Role::SiteManager);
                    Check::new(
                        "accounts",
                        managers > 0,
                        format!(
                            "現場責任者 {managers}、オペレーター {}、市担当者 {}{}",
                            n(Role::Operator),
                            n(Role::CityStaff),
                            if managers == 0 { "（現場責任者を作成してください：madoguchi user create --role site-manager）" } else { "" }
                        ),
                    )
                }
                Err(e) => Check::new("accounts", false, e.to_string()),
            });
        }
    }
    checks.push(match displays {
        Some(n) => Check::new(
            "displays",
            n >= 1,
            format!(
                "{n} 台{}",
                if n >= 2 {
                    "（来庁者用画面を2台目に表示します）"
                } else {
                    "（来庁者用画面は別ウィンドウで表示します）"
                }
            ),
        ),
        // Not knowing is not OK: a counter needs a screen for the operator and one for the citizen.
        None => Check::new(
            "displays",
            false,
            "画面の数を確認できません（画面のない環境か、画面に接続できません）",
        ),
    });
    if let Ok(conf) = std::fs::read_to_string(CUPSD_CONF) {
        checks.push(print_jobs(&conf));
    }
    Report {
        checks,
        network: Vec::new(),
    }
}

/// Where CUPS keeps its settings.
pub const CUPSD_CONF: &str = "/etc/cups/cupsd.conf";

/// Whether CUPS keeps the files of printed jobs (a printed photo sheet would stay in its spool):
/// `PreserveJobFiles` is one day by default; only `No` (or `0`) keeps nothing.
pub fn print_jobs(cupsd_conf: &str) -> Check {
    let value = cupsd_conf
        .lines()
        .rev()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (key, value) = l.split_once(char::is_whitespace)?;
            key.eq_ignore_ascii_case("PreserveJobFiles")
                .then(|| value.trim().to_ascii_lowercase())
        })
        .next();
    let keeps = !matches!(value.as_deref(), Some("no" | "off" | "false" | "0"));
    Check {
        optional: true,
        ..Check::new(
            "print_jobs",
            !keeps,
            if keeps {
                format!(
                "印刷した写真のデータを CUPS が保存しています（PreserveJobFiles {}）。sudo cupsctl PreserveJobFiles=No で保存しないようにしてください",
                value.as_deref().unwrap_or("86400（既定：1日）")
            )
            } else {
                "印刷後のデータは保存されません（PreserveJobFiles No）".into()
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cups_keeping_job_files_is_a_warning_with_the_fix() {
        let default_conf = "LogLevel warn\nMaxLogSize 0\nListen localhost:631\n";
        let kept = print_jobs(default_conf);
        assert!(
            !kept.ok && kept.optional,
            "the default keeps files for a day"
        );
        assert!(
            kept.detail.contains("cupsctl PreserveJobFiles=No"),
            "{}",
            kept.detail
        );
        assert!(!print_jobs("PreserveJobFiles Yes\n").ok);
        assert!(!print_jobs("PreserveJobFiles 3600\n").ok);
        assert!(
            !print_jobs("PreserveJobFiles No\nPreserveJobFiles 86400\n").ok,
            "the last one counts"
        );
        assert!(print_jobs("# PreserveJobFiles Yes\npreservejobfiles no\n").ok);
        assert!(print_jobs("PreserveJobFiles Off\n").ok);
    }
}
