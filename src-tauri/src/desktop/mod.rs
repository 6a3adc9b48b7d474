//! The desktop shell: builds the tauri app, registers the managed state and the commands, and
//! opens the two windows. Thin by design: every command is a call into `app`.

pub mod card_reader;
pub mod commands;
pub mod dialog;
pub mod error;
pub mod external;
pub mod idle;
pub mod netwatch;
pub mod opening;
pub mod photo_booth;
pub mod print;
pub mod state;
pub mod sync_worker;
pub mod wake;
pub mod windows;

#[cfg(all(test, feature = "ipc-tests"))]
mod ipc_tests;

use std::process::ExitCode;

use tauri::{Builder, Runtime};

use crate::app::SessionSlot;
use crate::launch::{self, LaunchInfo};
use crate::photo::staging::{self, Hold};
use card_reader::CardReader;
use photo_booth::PhotoBooth;
use state::{Db, SignInThrottle};

include!("commands/list.rs");

macro_rules! handler {
    ($($module:ident :: $command:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$module::$command),*]
    };
}

macro_rules! names {
    ($($module:ident :: $command:ident),* $(,)?) => {
        &[$(stringify!($command)),*]
    };
}

/// Every command's name, from the one list (`commands/list.rs`).
pub const COMMAND_NAMES: &[&str] = with_commands!(names);

/// Registers state, plugins and every command on a builder of any runtime (tests use the mock).
pub fn build<R: Runtime>(builder: Builder<R>, db: Db, launch: LaunchInfo) -> Builder<R> {
    let session = SessionSlot::default();
    if let Ok(store) = db.lock() {
        if let Ok(rules) = crate::app::accounts::idle_rules_of(&store) {
            session.set_rules(rules);
        }
    }
    builder
        .manage(db)
        .manage(session)
        .manage(sync_worker::SyncWorker::default())
        .manage(SignInThrottle::default())
        .manage(opening::OpeningRuns::default())
        .manage(netwatch::NetWatch::default())
        .manage(CardReader::new(launch.demo))
        .manage(PhotoBooth::new(&launch))
        .manage(commands::citizen::CitizenScreen::default())
        .manage(launch)
        .invoke_handler(with_commands!(handler))
}

/// Opens the database and runs the kiosk until its windows close. A second start, while a kiosk
/// holds the staging directory, brings that kiosk to the front instead.
pub fn run(launch: LaunchInfo, hold: Hold) -> ExitCode {
    let socket = staging::instance_socket(&launch.staging_dir);
    if let Hold::Elsewhere = hold {
        if crate::platform::ask_first_start_to_show(&socket) {
            eprintln!("窓口アプリはすでに起動しています。その画面を前面に出しました。");
            return ExitCode::SUCCESS;
        }
        eprintln!("窓口アプリはすでに起動しています。");
        return ExitCode::from(3);
    }
    crate::platform::tune_webkit(launch.webkit_stock);
    if let Some(name) = &launch.staging_name {
        let _ = staging::remember_name(&launch.data_dir, name);
    }
    // Browser profiles a crash left behind go at the start, like the staged photos.
    crate::browser::sweep_profiles(&photo_booth::profiles_dir(&launch.staging_dir));
    let db = match launch::open(
        &launch.data_dir,
        launch.demo,
        crate::clock::now().date_naive(),
    ) {
        Ok(store) => Db::open(store),
        Err(e) => {
            // The window still opens, to show the message; nothing touches the database.
            eprintln!("エラー：{e}");
            crate::applog::error(e.code(), &e.to_string());
            Db::failed(e.to_string())
        }
    };
    let app = build(tauri::Builder::default(), db, launch)
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            use tauri::Manager;
            if let Err(e) = app.state::<CardReader>().start_monitor() {
                crate::applog::error("card_monitor", &e.to_string());
                eprintln!("カードリーダーの監視を開始できませんでした：{e}");
            }
            let main = windows::open_main(app.handle())?;
            if app.state::<LaunchInfo>().kiosk_session {
                // The kiosk session: the operator's screen is the app, edge to edge.
                let _ = main.maximize();
            }
            if let Err(e) = windows::open_citizen(app.handle()) {
                crate::applog::error("citizen_window", &e.to_string());
                eprintln!("来庁者用画面を開けませんでした：{e}");
            }
            idle::watch(app.handle().clone());
            sync_worker::start(app.handle().clone());
            netwatch::start(app.handle().clone());
            print::restrict_backends();
            let handle = app.handle().clone();
            crate::platform::listen_for_second_start(
                &socket,
                Box::new(move || windows::bring_to_front(&handle)),
            );
            Ok(())
        })
        .on_window_event(|window, event| {
            use tauri::Manager;
            windows::on_close(
                window,
                event,
                closing_needs_signature(&window.state::<Db>()),
            );
        })
        .build(tauri::generate_context!())
        .map(|app| {
            // The staging directory stays held for as long as the kiosk runs.
            let _hold = hold;
            app.run(|handle, event| {
                if let tauri::RunEvent::Exit = event {
                    use tauri::Manager;
                    // Quitting deletes the photo and anything staged.
                    handle.state::<PhotoBooth>().shutdown();
                }
            })
        });
    match app {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            crate::applog::error("window", &e.to_string());
            eprintln!("エラー：画面を起動できませんでした（{e}）");
            ExitCode::FAILURE
        }
    }
}

/// Whether closing the kiosk takes a site manager's signature (not when the database could not be
/// opened: the window then only shows why, and must close).
fn closing_needs_signature(db: &Db) -> bool {
    db.lock()
        .ok()
        .and_then(|store| crate::app::quit::needs_signature(&store).ok())
        .unwrap_or(false)
}
