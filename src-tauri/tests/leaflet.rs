//! `madoguchi leaflet` read back: the PDF's text (pdftotext) names exactly the open days that
//! `madoguchi calendar` gives for the same months, each with its kind's hours; the Japanese font
//! is embedded; a bad month count is refused with a message. Months with a holiday Monday, the
//! year end, Golden Week, and (in demo mode) picked weekend days.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

#[path = "support/madoguchi_cli.rs"]
mod madoguchi_cli;

/// (month, day) of every day the leaflet names as open.
fn open_in_pdf(pdf: &Path) -> BTreeSet<(u32, u32)> {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(out.stdout).unwrap().replace('\n', "");
    let marker =
        regex::Regex::new(r"(\d+)月の(平日開設日（[^）]*）|土日開設日|臨時開設日|休業日)：")
            .unwrap();
    let day = regex::Regex::new(r"(\d+)月(\d+)日\(").unwrap();
    let marks: Vec<_> = marker.captures_iter(&text).collect();
    let mut open = BTreeSet::new();
    for (i, m) in marks.iter().enumerate() {
        if &m[2] == "休業日" {
            continue;
        }
        let start = m.get(0).unwrap().end();
        let end = marks
            .get(i + 1)
            .map(|n| n.get(0).unwrap().start())
            .or_else(|| text[start..].find("この窓口").map(|p| start + p))
            .unwrap_or(text.len());
        for d in day.captures_iter(&text[start..end]) {
            let (month, day): (u32, u32) = (d[1].parse().unwrap(), d[2].parse().unwrap());
            assert_eq!(
                month,
                m[1].parse::<u32>().unwrap(),
                "a day under its own month"
            );
            assert!(open.insert((month, day)), "named twice: {month}/{day}");
        }
    }
    open
}

/// (month, day) of every open day `madoguchi calendar` gives.
fn open_in_calendar(dir: &Path, extra: &[&str], from: &str, to: &str) -> BTreeSet<(u32, u32)> {
    let mut args = extra.to_vec();
    args.extend(["calendar", "--from", from, "--to", to, "--json"]);
    let out = madoguchi_cli::run(dir, &args);
    let days: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    days.as_array()
        .unwrap()
        .iter()
        .filter(|d| d["open"] == true)
        .map(|d| {
            let date = d["date"].as_str().unwrap();
            (date[5..7].parse().unwrap(), date[8..10].parse().unwrap())
        })
        .collect()
}

fn leaflet(dir: &Path, extra: &[&str], month: &str, months: &str) -> std::path::PathBuf {
    let pdf = dir.join(format!("leaflet-{month}-{months}.pdf"));
    let mut args = extra.to_vec();
    args.extend([
        "leaflet",
        "--month",
        month,
        "--months",
        months,
        "--pdf",
        pdf.to_str().unwrap(),
    ]);
    let out = madoguchi_cli::run(dir, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

fn agree(dir: &Path, extra: &[&str], month: &str, months: &str, from: &str, to: &str) {
    let pdf = leaflet(dir, extra, month, months);
    let (a, b) = (open_in_pdf(&pdf), open_in_calendar(dir, extra, from, to));
    assert!(!b.is_empty());
    assert_eq!(
        a, b,
        "{month} × {months}: the leaflet and the calendar disagree"
    );
}

#[test]
fn the_leaflet_names_the_calendars_open_days() {
    let dir = tempfile::tempdir().unwrap();
    // The contract's default calendar (2023-04 to 2024-03): 海の日 on 17 July, Golden Week is
    // outside, the year end and 成人の日 in the three months from December.
    agree(dir.path(), &[], "2023-07", "1", "2023-07-01", "2023-07-31");
    agree(dir.path(), &[], "2023-12", "3", "2023-12-01", "2024-02-29");
    agree(dir.path(), &[], "2023-09", "2", "2023-09-01", "2023-10-31");
    let pdf = leaflet(dir.path(), &[], "2023-11", "1");
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes yes ")),
        "every font embedded and subset: {fonts}"
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for want in [
        "お持ちいただくもの",
        "本人確認書類",
        "交付申請書",
        "暗証番号",
        "11月23日(木)（勤労感謝の日）",
        "（市の承認前の文案）",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    for bad in ["0", "4"] {
        let out = madoguchi_cli::run(
            dir.path(),
            &[
                "leaflet", "--month", "2023-07", "--months", bad, "--pdf", "x.pdf", "--json",
            ],
        );
        assert_eq!(out.status.code(), Some(3));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["error"]["code"], "leaflet_months");
    }
}

#[test]
#[cfg(feature = "demo")]
fn with_picked_weekend_days_the_leaflet_still_agrees() {
    use chrono::Datelike;
    let dir = tempfile::tempdir().unwrap();
    let demo = ["--demo"];
    let first = chrono::Local::now().date_naive();
    let month = format!("{}", first.format("%Y-%m"));
    let end = (first.with_day0(0).unwrap() + chrono::Months::new(3))
        .pred_opt()
        .unwrap();
    agree(
        dir.path(),
        &demo,
        &month,
        "3",
        &format!("{month}-01"),
        &end.to_string(),
    );
    let pdf = leaflet(dir.path(), &demo, &month, "1");
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("土日開設日："));
}
