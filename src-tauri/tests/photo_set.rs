//! The labelled photo set (`testdata/photo-set/`, see its README): every image through
//! `madoguchi photo check --json`, as IT staff or a later session would run it. Each image's
//! label is the verdict and the check reported as its cause; the test prints a confusion table
//! for the verdict and one per check, and fails on any label not met.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code

#[path = "support/madoguchi_cli.rs"]
mod cli;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
struct Label {
    file: String,
    verdict: String,
    cause: String,
}

#[derive(Debug, Clone)]
struct Got {
    verdict: String,
    cause: String,
    faces: u64,
    reason: String,
}

fn set_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/photo-set")
}

fn labels() -> Vec<Label> {
    let mut rd = csv::Reader::from_path(set_dir().join("labels.csv")).unwrap();
    rd.records()
        .map(|r| {
            let r = r.unwrap();
            Label {
                file: r[0].to_string(),
                verdict: r[1].to_string(),
                cause: r[2].to_string(),
            }
        })
        .collect()
}

fn check(file: &str) -> Got {
    let data = tempfile::tempdir().unwrap();
    let path = set_dir().join(file);
    let out = cli::run(
        data.path(),
        &["photo", "check", "--json", path.to_str().unwrap()],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{file}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    let verdict = v["verdict"].as_str().unwrap().to_string();
    // A failed verdict exits 1; pass and warn exit 0.
    assert_eq!(
        out.status.code(),
        Some(if verdict == "fail" { 1 } else { 0 }),
        "{file}"
    );
    Got {
        verdict,
        cause: v["cause"].as_str().unwrap_or("").to_string(),
        faces: v["faces"].as_u64().unwrap_or(0),
        reason: v["reason"].as_str().unwrap_or("").to_string(),
    }
}

#[test]
fn every_label_of_the_photo_set_is_met() {
    let labels = labels();
    assert!(labels.len() >= 60, "the set has {} images", labels.len());
    // Two at a time (the machine has two cores).
    let (a, b) = labels.split_at(labels.len() / 2);
    let run = |part: Vec<Label>| {
        std::thread::spawn(move || {
            part.into_iter()
                .map(|l| {
                    let g = check(&l.file);
                    (l, g)
                })
                .collect::<Vec<_>>()
        })
    };
    let (ta, tb) = (run(a.to_vec()), run(b.to_vec()));
    let mut results = ta.join().unwrap();
    results.extend(tb.join().unwrap());

    let statuses = ["pass", "warn", "fail"];
    let mut verdicts: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (l, g) in &results {
        let i = statuses.iter().position(|s| *s == l.verdict).unwrap();
        let j = statuses.iter().position(|s| *s == g.verdict).unwrap();
        *verdicts.entry((i, j)).or_default() += 1;
    }
    println!("\nverdict (rows: label, columns: got)");
    println!("{:>8} {:>6} {:>6} {:>6}", "", "pass", "warn", "fail");
    for (i, s) in statuses.iter().enumerate() {
        println!(
            "{s:>8} {:>6} {:>6} {:>6}",
            verdicts.get(&(i, 0)).unwrap_or(&0),
            verdicts.get(&(i, 1)).unwrap_or(&0),
            verdicts.get(&(i, 2)).unwrap_or(&0)
        );
    }
    let checks = [
        "exposure",
        "faces",
        "sharpness",
        "roll",
        "background",
        "inside_frame",
        "head_height",
        "top_margin",
        "centred",
        "even_light",
        "glare",
        "file",
    ];
    println!("\ncause, per check (TP: labelled and reported; FN: labelled, another reported;");
    println!("FP: reported, not labelled; TN: neither)");
    println!("{:>13} {:>4} {:>4} {:>4} {:>4}", "", "TP", "FN", "FP", "TN");
    for c in checks {
        let (mut tp, mut fn_, mut fp, mut tn) = (0, 0, 0, 0);
        for (l, g) in &results {
            match (l.cause == c, g.cause == c) {
                (true, true) => tp += 1,
                (true, false) => fn_ += 1,
                (false, true) => fp += 1,
                (false, false) => tn += 1,
            }
        }
        println!("{c:>13} {tp:>4} {fn_:>4} {fp:>4} {tn:>4}");
    }
    let missed: Vec<String> = results
        .iter()
        .filter(|(l, g)| l.verdict != g.verdict || l.cause != g.cause)
        .map(|(l, g)| {
            format!(
                "{}: want {} {}, got {} {} (faces {}, {})",
                l.file, l.verdict, l.cause, g.verdict, g.cause, g.faces, g.reason
            )
        })
        .collect();
    assert!(missed.is_empty(), "labels not met:\n{}", missed.join("\n"));
}
