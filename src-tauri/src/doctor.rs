//! `madoguchi doctor`: what IT staff check first. Data directory, database integrity and schema,
//! accounts, the displays, the IC card readers and the cameras.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::auth::{self, Role};
use crate::{clock, launch, store};

/// One line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// Stable id, e.g. `database`.
    pub id: &'static str,
    /// Passed.
    pub ok: bool,
    /// What was found, in Japanese.
    pub detail: String,
    /// A failure here is reported (`[WARN]`) but does not fail the whole check (a setting worth
    /// fixing, not a missing device: the camera and the card reader are required at a counter).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
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
                label(c.id),
                c.detail
            );
        }
        out
    }
}

/// A check's name on screen.
pub fn label(id: &str) -> &str {
    match id {
        "data_dir" => "データフォルダ",
        "database" => "データベース",
        "accounts" => "アカウント",
        "displays" => "画面",
        "card_reader" => "カードリーダー",
        "camera" => "カメラ",
        "print_jobs" => "印刷データ",
        "network" => "ネットワーク",
        "clock" => "時計",
        other => other,
    }
}

/// Runs every check on the data folder `dir`. `displays` is the number of monitors found, if it
/// could be told.
pub fn check(dir: &Path, demo: bool, displays: Option<usize>) -> Report {
    let mut checks = Vec::new();
    checks.push(Check {
        id: "data_dir",
        ok: true,
        detail: format!("{}{}", dir.display(), if demo { "（デモ）" } else { "" }),
        optional: false,
    });
    match launch::open(dir, demo, clock::now().date_naive()) {
        Err(e) => checks.push(Check {
            id: "database",
            ok: false,
            detail: e.to_string(),
            optional: false,
        }),
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
                Ok(text) if text == "ok" => Check {
                    id: "database",
                    ok: true,
                    detail: format!(
                        "{path}（形式 {}、整合性 ok、来庁記録 {visits} 件）",
                        store::SCHEMA_VERSION
                    ),
                    optional: false,
                },
                Ok(text) => Check {
                    id: "database",
                    ok: false,
                    detail: format!("{path}：整合性チェックの結果 {text}"),
                    optional: false,
                },
                Err(e) => Check {
                    id: "database",
                    ok: false,
                    detail: e.to_string(),
                    optional: false,
                },
            });
            checks.push(match auth::list_accounts(&store) {
                Ok(list) => {
                    let n = |r: Role| list.iter().filter(|a| a.role == r && a.active).count();
                    let managers = n(Role::SiteManager);
                    Check {
                        id: "accounts",
                        ok: managers > 0,
                        optional: false,
                        detail: format!(
                            "現場責任者 {managers}、オペレーター {}、市担当者 {}{}",
                            n(Role::Operator),
                            n(Role::CityStaff),
                            if managers == 0 { "（現場責任者を作成してください：madoguchi user create --role site-manager）" } else { "" }
                        ),
                    }
                }
                Err(e) => Check { id: "accounts", ok: false, detail: e.to_string(), optional: false },
            });
        }
    }
    checks.push(match displays {
        Some(n) => Check {
            id: "displays",
            ok: n >= 1,
            optional: false,
            detail: format!(
                "{n} 台{}",
                if n >= 2 {
                    "（来庁者用画面を2台目に表示します）"
                } else {
                    "（来庁者用画面は別ウィンドウで表示します）"
                }
            ),
        },
        // Not knowing is not OK: a counter needs a screen for the operator and one for the citizen.
        None => Check {
            id: "displays",
            ok: false,
            detail: "画面の数を確認できません（画面のない環境か、画面に接続できません）".into(),
            optional: false,
        },
    });
    // The camera and the card reader are required equipment at a counter (仕様書 §8); demo mode
    // uses its simulated ones, so there they are fine whatever is plugged in.
    checks.push(simulated_in_demo(
        card_readers(),
        demo,
        "模擬カードリーダー",
    ));
    checks.push(simulated_in_demo(cameras(), demo, "模擬カメラ"));
    if let Ok(conf) = std::fs::read_to_string(CUPSD_CONF) {
        checks.push(print_jobs(&conf));
    }
    Report {
        checks,
        network: Vec::new(),
    }
}

/// The largest clock error that still passes: visits are stamped by this PC's clock.
pub const CLOCK_TOLERANCE_S: i64 = 30;

/// Adds the network targets' probes: a line per target, and the clock's offset from the servers'
/// `Date` headers (the median of those that sent one).
pub fn add_network(report: &mut Report, probes: Vec<crate::netcheck::Probe>) {
    for p in &probes {
        let cause = p
            .cause
            .map(|c| format!("［{}］", c.label()))
            .unwrap_or_default();
        report.checks.push(Check {
            id: "network",
            ok: p.ok,
            detail: format!("{}：{cause}{}", p.url, p.detail),
            optional: false,
        });
    }
    let mut offsets: Vec<i64> = probes.iter().filter_map(|p| p.clock_offset_s).collect();
    offsets.sort_unstable();
    if let Some(&offset) = offsets.get(offsets.len() / 2) {
        let ok = offset.abs() <= CLOCK_TOLERANCE_S;
        report.checks.push(Check {
            id: "clock",
            ok,
            detail: if ok {
                format!("サーバーの時刻との差 {offset:+} 秒")
            } else {
                format!(
                    "サーバーの時刻と {offset:+} 秒ずれています。来庁記録の時刻が狂うため、PC の時計を合わせてください"
                )
            },
            optional: false,
        });
    }
    report.network = probes;
}

/// In demo mode the app uses `what` (simulated) instead of the device: the check passes and says so.
fn simulated_in_demo(check: Check, demo: bool, what: &str) -> Check {
    if !demo || check.ok {
        return check;
    }
    Check {
        ok: true,
        detail: format!("デモモードでは{what}を使います（実機：{}）", check.detail),
        ..check
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
        id: "print_jobs",
        ok: !keeps,
        optional: true,
        detail: if keeps {
            format!(
                "印刷した写真のデータを CUPS が保存しています（PreserveJobFiles {}）。sudo cupsctl PreserveJobFiles=No で保存しないようにしてください",
                value.as_deref().unwrap_or("86400（既定：1日）")
            )
        } else {
            "印刷後のデータは保存されません（PreserveJobFiles No）".into()
        },
    }
}

/// The cameras the system lists, each with its formats and the one the app would use.
fn cameras() -> Check {
    let devices = crate::platform::cameras();
    let usable = devices.iter().any(|d| d.chosen.is_some());
    let detail = if devices.is_empty() {
        "カメラが接続されていません".into()
    } else {
        devices
            .iter()
            .map(|d| {
                let what = match (&d.error, d.chosen) {
                    (Some(e), _) => e.clone(),
                    (None, Some(c)) => format!(
                        "使用する形式 {c}；対応形式 {}",
                        crate::camera::mode::summary(&d.modes)
                    ),
                    (None, None) if d.modes.is_empty() => "映像のないデバイス".into(),
                    (None, None) => format!(
                        "使える形式がありません（{}）",
                        crate::camera::mode::summary(&d.modes)
                    ),
                };
                format!("[{}] {}：{what}", d.index, d.name)
            })
            .collect::<Vec<_>>()
            .join(" / ")
    };
    Check {
        id: "camera",
        ok: usable,
        detail,
        optional: false,
    }
}

/// The IC card readers PC/SC sees, and whether each holds a card.
fn card_readers() -> Check {
    let (ok, detail) = match crate::card::pcsc_reader::describe() {
        Err(e) => (false, e.message_ja()),
        Ok(list) if list.is_empty() => (false, "カードリーダーが接続されていません".into()),
        Ok(list) => (
            true,
            list.iter()
                .map(|(name, card)| {
                    format!(
                        "{name}（{}）",
                        if *card {
                            "カードあり"
                        } else {
                            "カードなし"
                        }
                    )
                })
                .collect::<Vec<_>>()
                .join("、"),
        ),
    };
    Check {
        id: "card_reader",
        ok,
        detail,
        optional: false,
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
