//! Build script: generates tauri's context and one `allow-…` permission per command of ours, so
//! each window's capability file grants exactly the commands that window uses. The commands come
//! from the one list in `src/desktop/commands/list.rs`. Only the desktop build has tauri at all.
fn main() {
    #[cfg(feature = "desktop")]
    desktop::build();
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
