//! The desktop shell: builds the tauri app, registers the managed state and the commands, and
//! opens the two windows. Thin by design; everything it does is a call into the domain.

pub mod card_service;
pub mod commands;
pub mod error;
pub mod photo_service;
pub mod platform;
#[cfg(target_os = "linux")]
pub mod print_sheet;
pub mod state;
pub mod windows;

#[cfg(all(test, feature = "ipc-tests"))]
mod ipc_tests;

use std::path::PathBuf;
use std::process::ExitCode;

use tauri::{Builder, Runtime};

use crate::{clock, launch};
use card_service::CardService;
use photo_service::PhotoService;
use state::{Db, LaunchInfo, SessionSlot, SignInThrottle};

/// Registers state, plugins and every command on a builder of any runtime (tests use the mock).
pub fn build<R: Runtime>(builder: Builder<R>, db: Db, launch: LaunchInfo) -> Builder<R> {
    builder
        .manage(db)
        .manage(SessionSlot::default())
        .manage(SignInThrottle::default())
        .manage(CardService::new(launch.demo))
        .manage(PhotoService::new(launch.demo, &launch.staging_dir))
        .manage(launch)
        .invoke_handler(tauri::generate_handler![
            commands::auth::app_info,
            commands::auth::setup_create_manager,
            commands::auth::sign_in,
            commands::auth::sign_out,
            commands::citizen::citizen_status,
            commands::calendar::today_status,
            commands::calendar::calendar_month,
            commands::calendar::calendar_pick,
            commands::calendar::calendar_override,
            commands::calendar::calendar_config,
            commands::calendar::calendar_save_config,
            commands::calendar::calendar_exceptions,
            commands::calendar::calendar_holiday_override,
            commands::visits::visit_lists,
            commands::visits::visit_current,
            commands::visits::visit_start,
            commands::visits::visit_save,
            commands::visits::visit_end,
            commands::visits::visit_amend,
            commands::visits::visit_void,
            commands::visits::visits_today,
            commands::visits::visit_history,
            commands::visits::tally_today,
            commands::admin::accounts_list,
            commands::admin::account_create,
            commands::admin::account_set_active,
            commands::admin::account_set_password,
            commands::admin::list_entries,
            commands::admin::list_save,
            commands::admin::list_set_active,
            commands::admin::counter_set,
            commands::admin::audit_recent,
            commands::admin::backup_now,
            commands::admin::visits_import_file,
            commands::admin::visits_export_file,
            commands::admin::citizen_fullscreen,
            commands::diagnostics::first_paint,
            commands::report::report_monthly,
            commands::report::report_header_save,
            commands::report::report_export,
            commands::report::report_submit,
            commands::report::report_due,
            commands::report::report_final,
            commands::report::report_final_export,
            commands::records::records_month,
            commands::records::complaint_save,
            commands::records::incident_save,
            commands::kb::kb_search,
            commands::kb::kb_document,
            commands::kb::kb_save_draft,
            commands::kb::kb_submit,
            commands::kb::kb_queue,
            commands::kb::kb_decide,
            commands::kb::kb_for_services,
            commands::kb::kb_diff,
            commands::kb::kb_briefing,
            commands::kb::kb_unrequested,
            commands::kb::esc_list,
            commands::kb::esc_ask,
            commands::kb::esc_step,
            commands::kb::kb_export_file,
            commands::kb::kb_import_file,
            commands::kb::kb_set_position,
            commands::card::card_watch,
            commands::card::demo_card_insert,
            commands::card::demo_card_remove,
            commands::photo::camera_status,
            commands::photo::camera_frame,
            commands::photo::camera_start,
            commands::photo::camera_stop,
            commands::photo::camera_restart,
            commands::photo_settings::photo_settings_get,
            commands::photo_settings::photo_settings_set,
            commands::photo_settings::camera_list,
            commands::photo_settings::photo_sheet,
            commands::print::photo_print,
            commands::photo::photo_capture,
            commands::photo::photo_image,
            commands::photo::photo_accept,
            commands::photo::photo_accept_reasons,
            commands::photo::photo_stage,
            commands::photo::photo_done,
        ])
}

/// Opens the database and runs the kiosk until its windows close.
pub fn run(data_dir: Option<PathBuf>, demo: bool) -> ExitCode {
    platform::tune_webkit();
    let dir = launch::data_dir(data_dir.as_deref(), demo);
    let db = match launch::open(&dir, demo, clock::now().date_naive()) {
        Ok(store) => Db::open(store),
        Err(e) => {
            // The window still opens, to show the message; nothing touches the database.
            eprintln!("エラー：{e}");
            Db::failed(e.to_string())
        }
    };
    let app = build(
        tauri::Builder::default(),
        db,
        LaunchInfo {
            demo,
            data_dir: dir,
            staging_dir: crate::photo::staging::default_dir(),
        },
    )
    .plugin(tauri_plugin_dialog::init())
    .setup(|app| {
        use tauri::Manager;
        if let Err(e) = app.state::<CardService>().start_monitor() {
            eprintln!("カードリーダーの監視を開始できませんでした：{e}");
        }
        if let Err(e) = windows::open_citizen(app.handle()) {
            eprintln!("来庁者用画面を開けませんでした：{e}");
        }
        Ok(())
    })
    .build(tauri::generate_context!())
    .map(|app| {
        app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                use tauri::Manager;
                // Quitting deletes the photo and anything staged.
                handle.state::<PhotoService>().shutdown();
            }
        })
    });
    match app {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("エラー：画面を起動できませんでした（{e}）");
            ExitCode::FAILURE
        }
    }
}
