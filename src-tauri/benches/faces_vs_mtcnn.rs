//! Side by side: our face stage (BlazeFace over the whole frame, `detect::faces_quick`) and MTCNN
//! (PyPI `mtcnn-runtime` on onnxruntime, `scripts/photo-set/mtcnn_bench.py`) on the same
//! 1280 × 720 frames, made from the labelled photo set (each image scaled to 720 high and
//! centred, its edges carried out to the frame's sides). Recall: faces found (at most the
//! label's number) over the faces labelled; extra: faces beyond the label's number; time per
//! frame, each on one thread and on the machine's cores. Prints numbers; asserts nothing about
//! time.
//!
//! `cargo bench --no-default-features --bench faces_vs_mtcnn` (MTCNN_PYTHON names a Python
//! with mtcnn-runtime, onnxruntime and opencv-python-headless; without it only ours is shown).
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use image::imageops::{self, FilterType};
use image::RgbImage;
use madoguchi::photo::{detect, live};

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

/// The image as a 1280 × 720 frame: 720 high, centred, its edge columns carried outwards.
fn frame(img: &RgbImage) -> RgbImage {
    let w = (img.width() * 720 / img.height()).min(1280);
    let small = imageops::resize(img, w, 720, FilterType::Triangle);
    let x0 = (1280 - w) / 2;
    RgbImage::from_fn(1280, 720, |x, y| {
        let sx = x.saturating_sub(x0).min(w - 1);
        *small.get_pixel(sx, y)
    })
}

fn main() {
    let set = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/photo-set");
    let mut rd = csv::Reader::from_path(set.join("labels.csv")).unwrap();
    let labels: Vec<(String, usize)> = rd
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[3].parse().unwrap())
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut frames = Vec::new();
    for (file, faces) in &labels {
        let img = image::open(set.join(file)).unwrap().to_rgb8();
        let f = frame(&img);
        let png = dir.path().join(file.replace(".jpg", ".png"));
        f.save(&png).unwrap();
        frames.push((
            png.file_name().unwrap().to_string_lossy().to_string(),
            *faces,
            f,
        ));
    }
    let truth: usize = frames.iter().map(|f| f.1).sum();

    // Ours: on one thread, and shared over the cores as a still is.
    for (label, threads) in [("1 thread", 1), ("all cores", 0)] {
        let (mut found, mut extra, mut ms) = (0usize, 0usize, Vec::new());
        for (_, faces, f) in &frames {
            let scan = |f: &RgbImage| {
                if threads == 1 {
                    detect::faces_in(f, &detect::tiles(1280, 720)).unwrap()
                } else {
                    detect::faces_quick(f).unwrap()
                }
            };
            scan(f); // warm
            let t = Instant::now();
            let got = scan(f).len();
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            found += got.min(*faces);
            extra += got.saturating_sub(*faces);
        }
        println!(
            "ours (BlazeFace, {} squares over the frame, {label}): recall {found}/{truth} = {:.3}, {extra} extra, p50 {:.1} ms, p95 {:.1} ms per 1280 × 720 frame",
            detect::tiles(1280, 720).len(),
            found as f64 / truth as f64,
            pct(&mut ms, 0.5),
            pct(&mut ms, 0.95)
        );
    }
    // The live analysis per frame (the citizen's square and three of the squares in turn).
    let analyser = live::LiveAnalysis::default();
    let mut live_ms = Vec::new();
    for (seq, (_, _, f)) in frames.iter().enumerate() {
        let t = Instant::now();
        madoguchi::camera::worker::Analyser::analyse(&analyser, seq as u64, f);
        live_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "live analysis of a 1280 × 720 frame (rotating scan): p50 {:.1} ms, p95 {:.1} ms",
        pct(&mut live_ms, 0.5),
        pct(&mut live_ms, 0.95)
    );

    // MTCNN, on one thread and on two.
    let python = std::env::var("MTCNN_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/photo-set/mtcnn_bench.py");
    for threads in [1, 2] {
        let out = Command::new(&python)
            .arg(&script)
            .arg(dir.path())
            .arg(threads.to_string())
            .output();
        let Ok(out) = out.as_ref().map_err(|e| e.to_string()).and_then(|o| {
            if o.status.success() {
                Ok(o)
            } else {
                Err(String::from_utf8_lossy(&o.stderr).to_string())
            }
        }) else {
            println!("MTCNN: not run ({python} with mtcnn-runtime is needed): {out:?}");
            return;
        };
        let (mut found, mut extra, mut ms) = (0usize, 0usize, Vec::new());
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let file = v["file"].as_str().unwrap();
            let want = frames.iter().find(|f| f.0 == file).unwrap().1;
            let got = v["faces"].as_u64().unwrap() as usize;
            found += got.min(want);
            extra += got.saturating_sub(want);
            ms.push(v["ms"].as_f64().unwrap());
        }
        println!(
            "MTCNN (mtcnn-runtime, onnxruntime, {threads} thread(s), min face 8 %): recall {found}/{truth} = {:.3}, {extra} extra, p50 {:.1} ms, p95 {:.1} ms per 1280 × 720 frame",
            found as f64 / truth as f64,
            pct(&mut ms, 0.5),
            pct(&mut ms, 0.95)
        );
    }
}
