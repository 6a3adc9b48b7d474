//! The ID photo pipeline on this machine (release): one BlazeFace pass, finding the face in a
//! 1280 × 720 frame (centre square + three refining passes), and a whole capture → checked JPEG.
//! Prints numbers; asserts nothing about time.
//!
//! `cargo bench --no-default-features --bench photo`
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code

use std::time::Instant;

use image::imageops::{self, FilterType};
use image::{Rgb, RgbImage};
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
        "face with landmarks in a 1280 × 720 frame (1 + 3 passes)",
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
}
