//! Build script: generates tauri's context and one `allow-…` permission per command of ours, so
//! each window's capability file grants exactly the commands that window uses. The commands come
//! from the one list in `src/desktop/commands/list.rs`. Only the desktop build has tauri at all.
fn main() {
    git_hash();
    #[cfg(feature = "desktop")]
    desktop::build();
}

/// The build's git commit for `madoguchi --version` (`unknown` outside a git checkout, e.g. a
/// source tarball). The version itself is Cargo.toml's, the one place it is written.
fn git_hash() {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let hash = git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=MADOGUCHI_GIT_HASH={hash}");
    // Built again when the commit changes: HEAD, the branch it points at, packed refs.
    if let Some(dir) = git(&["rev-parse", "--absolute-git-dir"]) {
        println!("cargo:rerun-if-changed={dir}/HEAD");
        println!("cargo:rerun-if-changed={dir}/packed-refs");
        if let Some(head) = git(&["symbolic-ref", "-q", "HEAD"]) {
            println!("cargo:rerun-if-changed={dir}/{head}");
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}

#[cfg(feature = "desktop")]
mod desktop {
    include!("src/desktop/commands/list.rs");

    macro_rules! names {
        ($($module:ident :: $command:ident),* $(,)?) => {
            &[$(stringify!($command)),*]
        };
    }

    const COMMANDS: &[&str] = with_commands!(names);

    pub fn build() {
        println!("cargo:rerun-if-changed=src/desktop/commands/list.rs");
        let attributes = tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
        if let Err(e) = tauri_build::try_build(attributes) {
            panic!("tauri build failed: {e:#}");
        }
    }
}
