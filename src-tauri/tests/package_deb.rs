//! The .deb that `scripts/dev package` builds, checked as city IT would receive it: its control
//! data (name, version, architecture, the runtime dependencies declared), its files (the binary,
//! the desktop entry, the icons; nothing from the build machine's home, no data, no demo), and the
//! packaged binary itself (its version, and no demo mode).
//!
//! Ignored by default (it needs the package built first): `scripts/dev test` builds the package
//! and runs it with `--ignored`. The package is `MADOGUCHI_DEB`, else the newest .deb in
//! `$CARGO_TARGET_DIR/release/bundle/deb/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

fn the_deb() -> PathBuf {
    if let Some(p) = std::env::var_os("MADOGUCHI_DEB") {
        return PathBuf::from(p);
    }
    let dir = target_dir().join("release/bundle/deb");
    let mut debs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/dev package first)", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .collect();
    debs.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    debs.pop().expect("no .deb: run scripts/dev package first")
}

fn dpkg_deb(args: &[&str], deb: &Path) -> String {
    let out = Command::new("dpkg-deb")
        .args(args)
        .arg(deb)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn field<'a>(info: &'a str, name: &str) -> &'a str {
    info.lines()
        .find_map(|l| l.trim_start().strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("no {name} in\n{info}"))
}

#[test]
#[ignore = "needs the package: scripts/dev package"]
fn the_deb_declares_what_the_kiosk_needs_and_holds_only_the_app() {
    let deb = the_deb();
    let info = dpkg_deb(&["--info"], &deb);
    assert_eq!(field(&info, "Package"), "madoguchi");
    assert_eq!(field(&info, "Version"), env!("CARGO_PKG_VERSION"));
    assert_eq!(field(&info, "Architecture"), "amd64");
    let depends: Vec<&str> = field(&info, "Depends").split(", ").collect();
    for needed in [
        "libwebkit2gtk-4.1-0",
        "libgtk-3-0",
        "libpcsclite1",
        "pcscd",
        "fonts-noto-cjk",
    ] {
        assert!(
            depends
                .iter()
                .any(|d| d.split_whitespace().next() == Some(needed)),
            "{needed} is not declared: {depends:?}"
        );
    }
    let recommends = field(&info, "Recommends");
    assert!(recommends.contains("cups-client"), "{recommends}");

    let contents = dpkg_deb(&["--contents"], &deb);
    // `usr/bin/x` or `./usr/bin/x`, as the tool that built the archive wrote it.
    let paths: Vec<&str> = contents
        .lines()
        .filter_map(|l| l.split_whitespace().nth(5))
        .map(|p| p.trim_start_matches("./"))
        .collect();
    for wanted in [
        "usr/bin/madoguchi",
        "usr/share/applications/Madoguchi.desktop",
        "usr/share/icons/hicolor/128x128/apps/madoguchi.png",
        "usr/share/icons/hicolor/256x256/apps/madoguchi.png",
    ] {
        assert!(paths.contains(&wanted), "{wanted} missing:\n{contents}");
    }
    for path in &paths {
        let lower = path.to_lowercase();
        assert!(
            path.starts_with("usr/") || *path == "usr/" || *path == "usr",
            "{path}: a package file outside /usr"
        );
        for bad in [
            "/root", "/home/", "demo", ".sqlite", "target/", ".cargo", "/tmp",
        ] {
            assert!(!lower.contains(bad), "{path}: not for a counter PC ({bad})");
        }
    }
    // Owned by root, as installed files are (not by the build machine's user).
    for line in contents.lines() {
        let owner = line.split_whitespace().nth(1).unwrap_or_default();
        assert!(owner == "0/0" || owner == "root/root", "{line}");
    }

    // The files themselves.
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new("dpkg-deb")
        .arg("-x")
        .arg(&deb)
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(out.success());
    let entry =
        std::fs::read_to_string(dir.path().join("usr/share/applications/Madoguchi.desktop"))
            .unwrap();
    assert!(entry.contains("\nExec=madoguchi\n"), "{entry}");
    assert!(entry.contains("Name[ja]=窓口"), "{entry}");
    let bin = dir.path().join("usr/bin/madoguchi");
    let version = Command::new(&bin).arg("--version").output().unwrap();
    let version = String::from_utf8_lossy(&version.stdout);
    assert!(
        version.starts_with(&format!("madoguchi {} (", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    assert!(
        !version.contains("unknown"),
        "the build's git commit: {version}"
    );
    // No demo mode: refused before anything is opened, and no demo account in the binary.
    let data = tempfile::tempdir().unwrap();
    let demo = Command::new(&bin)
        .arg("--data-dir")
        .arg(data.path())
        .args(["--demo", "doctor"])
        .output()
        .unwrap();
    assert_eq!(demo.status.code(), Some(2));
    let bytes = std::fs::read(&bin).unwrap();
    let holds = |text: &str| {
        let needle = text.as_bytes();
        bytes.windows(needle.len()).any(|w| w == needle)
    };
    for name in [
        "窓口 一郎（デモ）",
        "現場 花子（デモ）",
        "デモ受託事業者",
        "デモ市長",
    ] {
        assert!(!holds(name), "the packaged binary holds demo data: {name}");
    }
    // Nor the build machine's folders (the cargo home is remapped to /cargo; our own paths are
    // relative).
    let cargo_home = std::env::var("CARGO_HOME")
        .unwrap_or_else(|_| format!("{}/.cargo", std::env::var("HOME").unwrap_or_default()));
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    for folder in [cargo_home, checkout.display().to_string()] {
        assert!(
            !holds(&format!("{folder}/")),
            "the build machine's {folder} in the binary"
        );
    }
}
