//! The ID photo pipeline on this machine (release): one BlazeFace pass, finding the face in a
//! 1280 × 720 frame (centre square + three refining passes), and a whole capture → checked JPEG.
//! Prints numbers; asserts nothing about time.
//!
//! `cargo bench --no-default-features --bench photo`
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code

use std::time::Instant;

use image::imageops::{self, FilterType};
use image::{Rgb, RgbImage};
use madoguchi::camera::sim::{self, Motion, SimCamera};
use madoguchi::camera::{worker, FrameSource};
use madoguchi::photo::{self, detect, model};

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn time(label: &str, runs: usize, mut f: impl FnMut()) {
    f();
    let mut ms = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f();
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "{label}: p50 {:.1} ms, p95 {:.1} ms ({runs} runs)",
        pct(&mut ms, 0.5),
        pct(&mut ms, 0.95)
    );
}

fn main() {
    let face = image::open(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/faces/obama.jpg"
    ))
    .unwrap()
    .to_rgb8();
    // A 1280 × 720 frame: the portrait scaled to 720 high, centred on a grey backdrop.
    let scaled = imageops::resize(
        &face,
        face.width() * 720 / face.height(),
        720,
        FilterType::Triangle,
    );
    let mut frame = RgbImage::from_pixel(1280, 720, Rgb([200, 200, 200]));
    imageops::replace(
        &mut frame,
        &scaled,
        i64::from((1280 - scaled.width()) / 2),
        0,
    );
    let small = imageops::resize(&frame, 128, 128, FilterType::Triangle);
    let det = model::detector().unwrap();
    time("BlazeFace, one 128 × 128 pass", 50, || {
        det.detect(small.as_raw(), 0.5).unwrap();
    });
    time(
        "faces over a whole 1280 × 720 frame, the citizen's refined (11 squares on the cores + 3 passes)",
        30,
        || {
            assert_eq!(detect::faces(&frame).unwrap().len(), 1);
        },
    );
    let stills = image::open(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/faces/obama.jpg"
    ))
    .unwrap()
    .to_rgb8();
    let (w, h) = stills.dimensions();
    let mut tall = RgbImage::from_pixel(w, h + h * 15 / 100, Rgb([200, 200, 200]));
    imageops::replace(&mut tall, &stills, 0, i64::from(h * 15 / 100));
    time(
        "capture → checks + cropped 827 × 1063 JPEG (910 × 1308 still)",
        20,
        || {
            let r = photo::check_frame(&tall).unwrap();
            assert!(r.output.is_some());
        },
    );
    // The camera thread's work per preview frame, and the live thread's.
    let mut cam = SimCamera::new(1280, 720, 30, Motion::Steady).unwrap();
    time("simulated camera: one 1280 × 720 frame", 30, || {
        cam.frame_for(&sim::IDEAL);
    });
    let live_frame = cam.grab().unwrap();
    time(
        "preview JPEG of a 1280 × 720 frame (≤ 960 px, q75)",
        30,
        || {
            assert!(!madoguchi::camera::preview::encode(&live_frame).is_empty());
        },
    );
    // What the kiosk's live thread runs per frame: the citizen's square and three of the squares
    // over the whole frame in turn, the head, the crop, the instruction.
    let analyser = photo::live::LiveAnalysis::default();
    let mut seq = 0;
    time(
        "live analysis of a 1280 × 720 frame (rotating scan, face, size, centring, roll, light)",
        33,
        || {
            seq += 1;
            assert!(
                madoguchi::camera::worker::Analyser::analyse(&analyser, seq, &live_frame).is_some()
            );
        },
    );
    pipeline();
}

/// CPU seconds this process has used (user + system), from /proc.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}

/// The camera and live threads with the simulated camera at 1280 × 720 and two readers that
/// take every new preview as the two windows do: frames per second each reader gets, and CPU.
fn pipeline() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::time::Duration;
    let camera = Arc::new(worker::Camera::start(
        Box::new(|| {
            Ok(Box::new(SimCamera::new(1280, 720, 30, Motion::Loop)?) as Box<dyn FrameSource>)
        }),
        photo::live::LiveAnalysis::default(),
        madoguchi::camera::Rotation::None,
    ));
    std::thread::sleep(Duration::from_secs(1));
    let stop = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let (camera, stop) = (Arc::clone(&camera), Arc::clone(&stop));
            std::thread::spawn(move || {
                let (mut after, mut n) = (0, 0u32);
                while !stop.load(Ordering::SeqCst) {
                    if let Some(p) = camera.preview_after(after, Duration::from_millis(500)) {
                        after = p.seq;
                        n += 1;
                    }
                }
                n
            })
        })
        .collect();
    let (t, cpu) = (Instant::now(), cpu_seconds());
    std::thread::sleep(Duration::from_secs(10));
    stop.store(true, Ordering::SeqCst);
    let dt = t.elapsed().as_secs_f64();
    let used = cpu_seconds() - cpu;
    let got: Vec<u32> = readers.into_iter().map(|r| r.join().unwrap()).collect();
    camera.stop();
    println!(
        "camera pipeline, simulated 1280 × 720 at 30 fps, two readers: {:.1} and {:.1} fps, CPU {:.0} % of one core",
        f64::from(got[0]) / dt,
        f64::from(got[1]) / dt,
        used / dt * 100.0
    );
}
