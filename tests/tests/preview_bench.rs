//! Benchmark (ignored in the test run; `scripts/dev bench` runs it on the release build): preview
//! frames per second delivered to each window with the simulated camera at 1280 × 720, and the
//! CPU the app (its own process and its WebKit processes) and the X server spend on it. Prints
//! numbers for BENCHMARKS.md; asserts nothing about speed.

use std::time::{Duration, Instant};

use madoguchi_e2e::Kiosk;

/// CPU seconds (user + system) of a process, from /proc.
fn cpu_seconds(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|u| u.parse::<f64>().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
    ticks / 100.0
}

fn children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return out;
    };
    for e in dir.flatten() {
        let Some(p) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let ppid = std::fs::read_to_string(format!("/proc/{p}/stat"))
            .ok()
            .and_then(|s| {
                s.rsplit_once(')')
                    .and_then(|(_, r)| r.split_whitespace().nth(1).map(str::to_string))
            })
            .and_then(|s| s.parse::<u32>().ok());
        if ppid == Some(pid) {
            out.push(p);
            out.extend(children(p));
        }
    }
    out
}

fn name(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn pids_named(comm: &str) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
                .filter(|&p| name(p) == comm)
                .collect()
        })
        .unwrap_or_default()
}

/// Frames a window has shown (see `ui/js/frames.js`).
fn frames(kiosk: &Kiosk, css: &str) -> f64 {
    kiosk
        .exec(&format!(
            "return Number((document.querySelector('{css}') || {{dataset:{{}}}}).dataset.shown || 0)"
        ))
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

#[test]
#[ignore = "benchmark: scripts/dev bench"]
fn preview_fps_and_cpu_in_both_windows() -> Result<(), String> {
    let secs: u64 = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    // BENCH_STOCK=1 measures WebKit's defaults (the app's tuning switched off).
    let stock = std::env::var_os("BENCH_STOCK").is_some_and(|v| v == "1");
    let mut env = vec![
        ("MADOGUCHI_SIM_SIZE", "1280x720"),
        ("MADOGUCHI_NO_BROWSER", "1"),
    ];
    if stock {
        env.push(("MADOGUCHI_WEBKIT_STOCK", "1"));
    }
    let kiosk = Kiosk::start_full(true, &env, |_| Ok(()))?;
    kiosk.open_photo_tab_in_a_visit()?;
    // Warm up: both windows drawing.
    std::thread::sleep(Duration::from_secs(3));
    // /proc's comm holds the first 15 bytes of the executable's name.
    let exe = madoguchi_e2e::binary()
        .file_name()
        .map(|n| n.to_string_lossy().chars().take(15).collect::<String>())
        .unwrap_or_default();
    let app = *pids_named(&exe).first().ok_or("the app is not running")?;
    let mut tree = vec![app];
    tree.extend(children(app));
    let xorg = pids_named("Xvfb");
    let cpu = |pids: &[u32]| pids.iter().map(|&p| cpu_seconds(p)).sum::<f64>();
    let op0 = frames(&kiosk, "[data-testid=photo-preview]");
    kiosk.switch_to("窓口のご案内")?;
    let ci0 = frames(&kiosk, "[data-testid=citizen-preview]");
    let per0: Vec<f64> = tree.iter().map(|&p| cpu_seconds(p)).collect();
    let (app0, x0) = (cpu(&tree), cpu(&xorg));
    let t0 = Instant::now();
    std::thread::sleep(Duration::from_secs(secs));
    let ci1 = frames(&kiosk, "[data-testid=citizen-preview]");
    let dt = t0.elapsed().as_secs_f64();
    let (app1, x1) = (cpu(&tree), cpu(&xorg));
    let per1: Vec<f64> = tree.iter().map(|&p| cpu_seconds(p)).collect();
    kiosk.switch_to("オペレーター")?;
    let op1 = frames(&kiosk, "[data-testid=photo-preview]");
    let dt_op = t0.elapsed().as_secs_f64();
    println!(
        "preview at 1280x720, {dt:.1} s, WebKit {}:",
        if stock {
            "defaults"
        } else {
            "tuned (Malloc=1, no compositing)"
        }
    );
    println!("  operator window: {:.1} fps", (op1 - op0) / dt_op);
    println!("  citizen window:  {:.1} fps", (ci1 - ci0) / dt);
    println!(
        "  CPU: app and WebKit {:.0} % of one core, Xvfb {:.0} % (2 cores = 200 %)",
        (app1 - app0) / dt * 100.0,
        (x1 - x0) / dt * 100.0
    );
    for (i, &p) in tree.iter().enumerate() {
        println!(
            "    {} ({p}): {:.0} %",
            name(p),
            (per1[i] - per0[i]) / dt * 100.0
        );
    }
    Ok(())
}
