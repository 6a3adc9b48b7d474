//! The house rules that only review would otherwise hold, checked on the source: arrows point one
//! way (the domain never imports the use cases or a front door, the camera does not know the
//! photo checks, the photo never opens the store), platform `cfg`s live in the platform modules,
//! only `launch` and `platform` read the environment, and every tauri command is a short adapter.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code

use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its path relative to `src/`.
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path
                .strip_prefix(src())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
    out
}

/// The code of a file without its `#[cfg(test)]` module and comments (what ships).
fn shipped(text: &str) -> String {
    let code = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn top(rel: &str) -> &str {
    rel.split(['/', '.']).next().unwrap_or(rel)
}

#[test]
fn arrows_point_down_and_one_way() {
    let all = files(&src());
    let mut wrong = Vec::new();
    for (rel, text) in &all {
        let code = shipped(text);
        let module = top(rel);
        let front_door = matches!(module, "desktop" | "cli" | "main");
        if !front_door && module != "app" && code.contains("crate::app") {
            wrong.push(format!("{rel} (domain) imports the use cases"));
        }
        if !front_door && (code.contains("crate::desktop") || code.contains("crate::cli")) {
            wrong.push(format!("{rel} imports a front door"));
        }
        if module == "cli" && code.contains("crate::desktop") {
            wrong.push(format!("{rel}: the CLI imports the desktop shell"));
        }
        if module == "desktop" && code.contains("crate::cli") {
            wrong.push(format!("{rel}: the desktop shell imports the CLI"));
        }
        if module == "camera" && code.contains("crate::photo") {
            wrong.push(format!("{rel}: the camera imports the photo checks"));
        }
        if module == "photo" && code.contains("crate::store") {
            wrong.push(format!("{rel}: the photo module opens the store"));
        }
        if !matches!(module, "desktop" | "main") && code.contains("tauri::") {
            wrong.push(format!("{rel} imports tauri"));
        }
    }
    assert!(
        wrong.is_empty(),
        "arrows that point the wrong way:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn platform_differences_and_the_environment_have_one_home() {
    let mut wrong = Vec::new();
    for (rel, text) in files(&src()) {
        let code = shipped(&text);
        let in_platform = rel.starts_with("platform/") || rel.starts_with("desktop/print/");
        // Module declarations of a platform's own backend (camera::native) are the one exception.
        let cfgs = code
            .lines()
            .filter(|l| l.contains("cfg(") && l.contains("target_os"))
            .filter(|l| !l.contains("pub mod native"))
            .count();
        let declares_native = code.contains("pub mod native;");
        if !in_platform && cfgs > usize::from(declares_native) {
            wrong.push(format!(
                "{rel}: {cfgs} platform cfg(s) outside a platform module"
            ));
        }
        let reads_env = code.contains("env::var");
        if reads_env && !(rel == "launch.rs" || rel.starts_with("platform/")) {
            wrong.push(format!(
                "{rel} reads the environment (launch reads it once)"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_tauri_command_is_a_short_adapter() {
    const MAX_BODY_LINES: usize = 15;
    let mut long = Vec::new();
    let mut commands = 0;
    for (rel, text) in files(&src().join("desktop/commands")) {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.trim() != "#[tauri::command]" {
                continue;
            }
            commands += 1;
            // The body runs from the line ending the signature (`{`) to its closing `}` at the
            // start of a line.
            let open = (i..lines.len())
                .find(|&j| lines[j].trim_end().ends_with('{') && !lines[j].trim().starts_with("//"))
                .unwrap();
            let close = (open + 1..lines.len()).find(|&j| lines[j] == "}").unwrap();
            let body = close - open - 1;
            if body > MAX_BODY_LINES {
                let name = lines[i + 1..=open].join(" ");
                long.push(format!("{rel}: {body} lines: {}", name.trim()));
            }
        }
    }
    assert!(commands > 80, "found only {commands} commands");
    assert!(
        long.is_empty(),
        "commands longer than {MAX_BODY_LINES} lines (move the logic into app::):\n{}",
        long.join("\n")
    );
}

/// Operators reach the city through the site manager (仕様書 §5(2), §11(2)): no message in the
/// app tells them to contact the city themselves. The starter manual texts (for citizens, about
/// the city's own counters) are not messages and are left out.
#[test]
fn messages_send_operators_to_the_site_manager_not_the_city() {
    let mut texts: Vec<(String, String)> = files(&src())
        .into_iter()
        .filter(|(rel, _)| rel != "kb/starter.rs")
        .map(|(rel, text)| (rel, shipped(&text)))
        .collect();
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/js");
    let mut dirs = vec![ui];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "js") {
                let text = std::fs::read_to_string(&path).unwrap();
                texts.push((path.display().to_string(), text));
            }
        }
    }
    let to_the_city = [
        "市の担当者に",
        "市担当者に連絡",
        "市担当者にご連絡",
        "市にご連絡",
        "市に連絡して",
        "市役所にご連絡",
    ];
    for (file, text) in &texts {
        for phrase in to_the_city {
            assert!(
                !text.contains(phrase),
                "{file}: 「{phrase}」 — operators reach the city through the site manager"
            );
        }
    }
}
