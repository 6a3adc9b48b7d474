//! The opening check and the network watch, measured on this machine. Prints numbers; asserts
//! nothing about time.
//!
//! 1. The whole automatic opening check with every target answering: three HTTPS sites (a test
//!    CA's certificate, validated) and a connectivity check on loopback, the simulated camera
//!    giving a 720 × 1280 frame, the card reader list, CUPS, free disk, the last backup.
//! 2. The watch: from the moment a target goes silent to the outage being recorded, with the
//!    watch's own loop (round, record through the use case, wait the interval) at a 5 s interval;
//!    the header polls the state every 3 s on top.
//!
//! Run: `cargo bench --no-default-features --bench opening`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/support/test_pki.rs"]
mod test_pki;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use madoguchi::app::{netwatch as uc, Actor, Ctx};
use madoguchi::camera::sim::{Motion, SimCamera};
use madoguchi::camera::FrameSource;
use madoguchi::clock::{self, Moment};
use madoguchi::opening::system::{one_frame, probe_all, SystemEquipment};
use madoguchi::opening::{OpeningSettings, Plan, Target};
use test_pki::{serve, TestPki};

fn p50(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn dated_ok() -> impl Fn() -> Option<String> + Send + Sync {
    || {
        let date = chrono::Utc::now().format("%a, %d %b %Y %H:%M:%S GMT");
        Some(format!(
            "HTTP/1.1 200 OK\r\nDate: {date}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ))
    }
}

fn whole_check() {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::for_loopback();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, &pki.ca_pem).unwrap();
    let tls = pki.server_config();
    let mut targets: Vec<Target> = (0..3)
        .map(|i| Target {
            label: format!("site {i}"),
            url: format!(
                "https://127.0.0.1:{}/",
                serve(Some(tls.clone()), dated_ok())
            ),
        })
        .collect();
    let check = serve(None, || {
        Some("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".into())
    });
    targets.push(Target {
        label: "connectivity".into(),
        url: format!("http://127.0.0.1:{check}/generate_204"),
    });
    let plan = Plan {
        settings: OpeningSettings {
            targets,
            ca_file: ca.display().to_string(),
            ..OpeningSettings::default()
        },
        last_backup: Some(clock::now() - chrono::Duration::hours(20)),
        now: clock::now(),
    };
    let eq = SystemEquipment {
        data_dir: dir.path().to_path_buf(),
        timeout: Duration::from_secs(5),
        camera: Box::new(|| {
            one_frame(
                SimCamera::new(720, 1280, 30, Motion::Steady)
                    .map(|c| Box::new(c) as Box<dyn FrameSource>),
            )
        }),
        readers: Box::new(|| Ok(vec!["simulated".into()])),
    };
    let (mut whole, mut network) = (Vec::new(), Vec::new());
    for _ in 0..20 {
        let t = Instant::now();
        let items = madoguchi::opening::run(&plan, &eq);
        whole.push(t.elapsed());
        let failed: Vec<_> = items
            .iter()
            .filter(|i| !i.ok)
            .map(|i| i.id.as_str())
            .collect();
        assert!(
            failed.iter().all(|id| *id == "printer"),
            "only CUPS may be missing here: {failed:?}"
        );
        let t = Instant::now();
        let probes = probe_all(
            &plan.settings.targets,
            &plan.settings.ca_file,
            Duration::from_secs(5),
        );
        network.push(t.elapsed());
        assert!(probes.iter().all(|p| p.ok));
    }
    let max = |v: &[Duration]| v.iter().max().copied().unwrap_or_default();
    println!("opening check, all 4 targets answering (3 HTTPS with certificate validation + 1 connectivity check), 20 runs:");
    println!(
        "  whole automatic check  median {:>7.1} ms   max {:>7.1} ms",
        p50(&mut whole).as_secs_f64() * 1e3,
        max(&whole).as_secs_f64() * 1e3
    );
    println!(
        "  the network part alone median {:>7.1} ms   max {:>7.1} ms",
        p50(&mut network).as_secs_f64() * 1e3,
        max(&network).as_secs_f64() * 1e3
    );
}

fn silence_to_outage() {
    const INTERVAL: Duration = Duration::from_secs(5);
    let silent = Arc::new(AtomicBool::new(false));
    let s = Arc::clone(&silent);
    let port = serve(None, move || {
        (!s.load(Ordering::SeqCst)).then(|| {
            "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".into()
        })
    });
    let targets = vec![Target {
        label: "connectivity".into(),
        url: format!("http://127.0.0.1:{port}/generate_204"),
    }];
    let mut samples = Vec::new();
    for i in 0..5u32 {
        silent.store(false, Ordering::SeqCst);
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            madoguchi::launch::open(dir.path(), false, clock::now().date_naive()).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let (t2, stop2) = (targets.clone(), Arc::clone(&stop));
        let (tx, rx) = std::sync::mpsc::channel::<Instant>();
        // The app's loop: a round, recorded, then the interval.
        let watch = std::thread::spawn(move || {
            while !stop2.load(Ordering::SeqCst) {
                let started = clock::now();
                let probe = |ts: &[Target]| probe_all(ts, "", Duration::from_secs(5));
                let r = madoguchi::netwatch::round(&t2, &probe, Duration::from_secs(2));
                let mut ctx = Ctx::new(&mut store, Actor::System, Moment::now()).unwrap();
                if uc::record_round(&mut ctx, started, &r).unwrap().is_some() {
                    let _ = tx.send(Instant::now());
                    return;
                }
                std::thread::sleep(INTERVAL);
            }
        });
        // Silence at a different moment of the interval each time.
        std::thread::sleep(Duration::from_millis(700 + 1100 * u64::from(i)));
        silent.store(true, Ordering::SeqCst);
        let t = Instant::now();
        let at = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the outage is recorded");
        samples.push(at - t);
        stop.store(true, Ordering::SeqCst);
        let _ = watch.join();
    }
    let max = samples.iter().max().copied().unwrap_or_default();
    println!("network watch, a target going silent (5 s time limit), interval 5 s, 5 samples:");
    println!(
        "  silence → outage recorded  {}",
        samples
            .iter()
            .map(|d| format!("{:.1} s", d.as_secs_f64()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "  median {:.1} s, max {:.1} s; the header polls every 3 s on top (at most {:.1} s to the header); \
         with the default 30 s interval add up to 25 s of waiting for the next round",
        p50(&mut samples).as_secs_f64(),
        max.as_secs_f64(),
        max.as_secs_f64() + 3.0
    );
}

fn main() {
    whole_check();
    silence_to_outage();
}
