//! Start-up timing for the benchmark: the operator page reports its first paint, and with
//! `MADOGUCHI_TRACE_START=1` the app prints the wall-clock time of it (see scripts/bench-startup).

use tauri::State;

use crate::launch::LaunchInfo;

/// Called once by the operator page two animation frames after its first screen is in the DOM.
#[tauri::command]
pub fn first_paint(launch: State<'_, LaunchInfo>) {
    if launch.trace_start {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        eprintln!("first_paint_unix_ms={ms}");
    }
}
