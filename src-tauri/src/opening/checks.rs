//! The automatic part of the check: what each device or target answered, turned into items by one
//! rule each. The devices are asked through [`Equipment`] (the app's camera and reader, or the
//! command line's), so the rules are tested without them.

use chrono::{DateTime, FixedOffset};

use super::printer::PrinterState;
use super::{Item, OpeningSettings, Target};
use crate::netcheck::Probe;

/// The largest clock error that still passes: visits are stamped by this PC's clock.
pub const CLOCK_TOLERANCE_S: i64 = 30;

/// What a run needs from the store, read before the devices are asked (the store is not held
/// while the network answers).
#[derive(Debug, Clone)]
pub struct Plan {
    /// The settings.
    pub settings: OpeningSettings,
    /// When the database was last backed up, if ever.
    pub last_backup: Option<DateTime<FixedOffset>>,
    /// Now.
    pub now: DateTime<FixedOffset>,
}

/// The devices and the network, asked by a run.
pub trait Equipment: Sync {
    /// Probes each target (all at once).
    fn network(&self, targets: &[Target], ca_file: &str) -> Vec<Probe>;
    /// Opens the camera and takes one frame: what was received, or why not (in Japanese).
    fn camera(&self) -> Result<String, String>;
    /// The IC card readers PC/SC lists, or why they cannot be listed.
    fn card_readers(&self) -> Result<Vec<String>, String>;
    /// The CUPS queue (`""` for the default).
    fn printer(&self, queue: &str) -> PrinterState;
    /// Free bytes on the data folder's disk, if they can be told.
    fn free_disk(&self) -> Option<u64>;
}

/// Runs the automatic checks: the network in the background while the devices are asked.
pub fn run(plan: &Plan, eq: &dyn Equipment) -> Vec<Item> {
    run_with_probes(plan, eq).0
}

/// [`run`], with each target's probe in full (cause code, status, latency, clock offset).
pub fn run_with_probes(plan: &Plan, eq: &dyn Equipment) -> (Vec<Item>, Vec<Probe>) {
    let s = &plan.settings;
    let (probes, mut items) = std::thread::scope(|scope| {
        let net = scope.spawn(|| eq.network(&s.targets, &s.ca_file));
        let items = vec![
            camera(eq.camera()),
            card_reader(eq.card_readers()),
            printer(&eq.printer(&s.printer)),
            disk(eq.free_disk(), s.min_free_disk_mb),
            backup(plan.last_backup, plan.now, s.max_backup_age_days),
        ];
        (net.join().unwrap_or_default(), items)
    });
    let mut all = network(&s.targets, &probes);
    all.extend(clock(&probes));
    all.append(&mut items);
    (all, probes)
}

/// A line per target (its probe, or a failure when it has none), and an NG when there are none:
/// an opening check that checks no network says nothing about it.
pub fn network(targets: &[Target], probes: &[Probe]) -> Vec<Item> {
    if targets.is_empty() {
        return vec![Item::auto(
            "network",
            "ネットワーク",
            false,
            "点検先が設定されていません（管理 → 開設前点検の設定）",
        )];
    }
    targets
        .iter()
        .map(|t| match probes.iter().find(|p| p.url == t.url) {
            Some(p) => {
                let cause = p
                    .cause
                    .map(|c| format!("［{}］", c.label()))
                    .unwrap_or_default();
                Item::auto(
                    "network",
                    &t.label,
                    p.ok,
                    if t.label == t.url {
                        format!("{cause}{}", p.detail)
                    } else {
                        format!("{cause}{}（{}）", p.detail, t.url)
                    },
                )
            }
            None => Item::auto("network", &t.label, false, "確認できませんでした"),
        })
        .collect()
}

/// The clock against the servers' `Date` headers (the median of those that sent one); no item
/// when none did (the network lines say why).
pub fn clock(probes: &[Probe]) -> Option<Item> {
    let mut offsets: Vec<i64> = probes.iter().filter_map(|p| p.clock_offset_s).collect();
    offsets.sort_unstable();
    let offset = *offsets.get(offsets.len() / 2)?;
    let ok = offset.abs() <= CLOCK_TOLERANCE_S;
    Some(Item::auto(
        "clock",
        "時計",
        ok,
        if ok {
            format!("サーバーの時刻との差 {offset:+} 秒")
        } else {
            format!("サーバーの時刻と {offset:+} 秒ずれています。来庁記録の時刻が狂うため、PC の時計を合わせてください")
        },
    ))
}

fn camera(r: Result<String, String>) -> Item {
    match r {
        Ok(detail) => Item::auto("camera", "カメラ", true, detail),
        Err(why) => Item::auto("camera", "カメラ", false, why),
    }
}

fn card_reader(r: Result<Vec<String>, String>) -> Item {
    match r {
        Ok(names) if names.is_empty() => Item::auto(
            "card_reader",
            "ICカードリーダー",
            false,
            "カードリーダーが接続されていません",
        ),
        Ok(names) => Item::auto("card_reader", "ICカードリーダー", true, names.join("、")),
        Err(why) => Item::auto("card_reader", "ICカードリーダー", false, why),
    }
}

fn printer(state: &PrinterState) -> Item {
    Item::auto("printer", "プリンター", state.ok(), state.detail())
}

const MIB: u64 = 1024 * 1024;

/// Free disk against the limit (MiB).
pub fn disk(free: Option<u64>, min_mb: u64) -> Item {
    match free {
        None => Item::auto(
            "disk",
            "ディスクの空き容量",
            false,
            "空き容量を確認できません",
        ),
        Some(bytes) => {
            let gib = bytes as f64 / (1024.0 * MIB as f64);
            let ok = bytes >= min_mb * MIB;
            Item::auto(
                "disk",
                "ディスクの空き容量",
                ok,
                if ok {
                    format!("{gib:.1} GiB")
                } else {
                    format!(
                        "残り {gib:.1} GiB（下限 {:.1} GiB）。不要なファイルを削除してください。容量がなくなると記録を保存できません",
                        min_mb as f64 / 1024.0
                    )
                },
            )
        }
    }
}

/// The last backup's age against the limit (days).
pub fn backup(
    last: Option<DateTime<FixedOffset>>,
    now: DateTime<FixedOffset>,
    max_days: u64,
) -> Item {
    match last {
        None => Item::auto(
            "backup",
            "バックアップ",
            false,
            "バックアップがまだありません（管理 → データ → バックアップ）",
        ),
        Some(at) => {
            let age = now.signed_duration_since(at);
            let days = age.num_days();
            let ok = age <= chrono::Duration::days(max_days as i64);
            let when = at.format("%Y-%m-%d %H:%M");
            Item::auto(
                "backup",
                "バックアップ",
                ok,
                if ok {
                    format!("最終 {when}（{days} 日前）")
                } else {
                    format!("最終 {when}（{days} 日前、期限 {max_days} 日）。バックアップを取ってください")
                },
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::netcheck::Cause;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn probe(url: &str, ok: bool, cause: Option<Cause>, offset: Option<i64>) -> Probe {
        Probe {
            url: url.into(),
            ok,
            cause,
            detail: if ok {
                "HTTP 200（80 ms）".into()
            } else {
                "名前を解決できません".into()
            },
            status: ok.then_some(200),
            latency_ms: ok.then_some(80),
            clock_offset_s: offset,
        }
    }

    struct Fake {
        camera: Result<String, String>,
        readers: Result<Vec<String>, String>,
        printer: PrinterState,
        free: Option<u64>,
    }

    impl Equipment for Fake {
        fn network(&self, targets: &[Target], _ca: &str) -> Vec<Probe> {
            targets
                .iter()
                .map(|t| probe(&t.url, !t.url.contains("down"), None, Some(2)))
                .collect()
        }
        fn camera(&self) -> Result<String, String> {
            self.camera.clone()
        }
        fn card_readers(&self) -> Result<Vec<String>, String> {
            self.readers.clone()
        }
        fn printer(&self, _q: &str) -> PrinterState {
            self.printer.clone()
        }
        fn free_disk(&self) -> Option<u64> {
            self.free
        }
    }

    fn plan(targets: Vec<Target>) -> Plan {
        Plan {
            settings: OpeningSettings {
                targets,
                ..OpeningSettings::default()
            },
            last_backup: Some(at("2026-11-27T17:20:00+09:00")),
            now: at("2026-11-28T08:15:00+09:00"),
        }
    }

    #[test]
    fn every_automatic_item_in_order_with_its_result() {
        let fake = Fake {
            camera: Ok("1280×720 の映像を受信しました".into()),
            readers: Ok(vec!["SONY FeliCa RC-S300".into()]),
            printer: PrinterState::Stopped {
                queue: "P".into(),
                reason: String::new(),
            },
            free: Some(50 * 1024 * MIB),
        };
        let targets = vec![
            Target {
                label: "J-LIS".into(),
                url: "https://a.example/".into(),
            },
            Target {
                label: "Myna".into(),
                url: "https://down.example/".into(),
            },
        ];
        let items = run(&plan(targets), &fake);
        let ids: Vec<_> = items
            .iter()
            .map(|i| (i.id.as_str(), i.label.as_str(), i.ok))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("network", "J-LIS", true),
                ("network", "Myna", false),
                ("clock", "時計", true),
                ("camera", "カメラ", true),
                ("card_reader", "ICカードリーダー", true),
                ("printer", "プリンター", false),
                ("disk", "ディスクの空き容量", true),
                ("backup", "バックアップ", true),
            ]
        );
        assert!(items.iter().all(|i| !i.manual));
    }

    #[test]
    fn no_targets_is_not_a_passed_network_check() {
        let items = network(&[], &[]);
        assert_eq!(items.len(), 1);
        assert!(!items[0].ok);
    }

    #[test]
    fn a_cause_is_named_and_a_missing_probe_fails() {
        let t = |u: &str| Target {
            label: u.into(),
            url: u.into(),
        };
        let items = network(
            &[t("https://x.example/"), t("https://y.example/")],
            &[probe("https://x.example/", false, Some(Cause::Dns), None)],
        );
        assert!(
            items[0].detail.starts_with("［名前解決（DNS）］"),
            "{}",
            items[0].detail
        );
        assert!(!items[1].ok);
    }

    #[test]
    fn the_clock_takes_the_median_and_a_tolerance() {
        let p = |o| probe("u", true, None, Some(o));
        assert!(
            clock(&[p(1), p(2), p(500)]).unwrap().ok,
            "one bad server does not decide"
        );
        assert!(!clock(&[p(31), p(40)]).unwrap().ok);
        assert!(!clock(&[p(-45)]).unwrap().ok);
        assert!(clock(&[p(-30)]).unwrap().ok);
        assert_eq!(clock(&[probe("u", false, Some(Cause::Dns), None)]), None);
    }

    #[test]
    fn disk_and_backup_limits() {
        assert!(disk(Some(2048 * MIB), 2048).ok);
        assert!(!disk(Some(2047 * MIB), 2048).ok);
        assert!(!disk(None, 2048).ok);
        let now = at("2026-11-28T08:15:00+09:00");
        assert!(backup(Some(at("2026-11-21T08:15:00+09:00")), now, 7).ok);
        let old = backup(Some(at("2026-11-21T08:14:00+09:00")), now, 7);
        assert!(!old.ok);
        assert!(old.detail.contains("7 日前"), "{}", old.detail);
        assert!(!backup(None, now, 7).ok);
    }
}
