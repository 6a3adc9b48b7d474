//! Build script: generates tauri's context and the permissions of our own commands, only for the
//! desktop build (the domain build has no tauri at all).
fn main() {
    #[cfg(feature = "desktop")]
    desktop::build();
}

#[cfg(feature = "desktop")]
mod desktop {
    pub fn build() {
        tauri_build::build()
    }
}
