//! Build script: generates tauri's context and one `allow-…` permission per command of ours, so
//! each window's capability file grants exactly the commands that window uses. Only the desktop
//! build has tauri at all.
fn main() {
    #[cfg(feature = "desktop")]
    desktop::build();
}

#[cfg(feature = "desktop")]
mod desktop {
    /// Every command in `src/desktop/mod.rs`'s handler. A command missing here cannot be granted.
    const COMMANDS: &[&str] = &[
        "app_info",
        "setup_create_manager",
        "sign_in",
        "sign_out",
        "citizen_status",
        "card_watch",
        "demo_card_insert",
        "demo_card_remove",
        "camera_status",
        "camera_frame",
        "camera_start",
        "camera_stop",
        "camera_restart",
        "photo_settings_get",
        "photo_settings_set",
        "camera_list",
        "photo_sheet",
        "photo_print",
        "photo_capture",
        "photo_image",
        "photo_accept",
        "photo_accept_reasons",
        "photo_stage",
        "photo_done",
        "today_status",
        "calendar_month",
        "calendar_pick",
        "calendar_override",
        "calendar_config",
        "calendar_save_config",
        "calendar_exceptions",
        "calendar_holiday_override",
        "visit_lists",
        "visit_current",
        "visit_start",
        "visit_save",
        "visit_end",
        "visit_amend",
        "visit_void",
        "visits_today",
        "visit_history",
        "tally_today",
        "accounts_list",
        "account_create",
        "account_set_active",
        "account_set_password",
        "list_entries",
        "list_save",
        "list_set_active",
        "counter_set",
        "audit_recent",
        "backup_now",
        "visits_import_file",
        "visits_export_file",
        "citizen_fullscreen",
        "first_paint",
        "report_monthly",
        "report_header_save",
        "report_export",
        "report_submit",
        "report_due",
        "report_final",
        "report_final_export",
        "records_month",
        "complaint_save",
        "incident_save",
        "kb_search",
        "kb_document",
        "kb_save_draft",
        "kb_submit",
        "kb_queue",
        "kb_decide",
        "kb_for_services",
        "kb_diff",
        "kb_briefing",
        "kb_unrequested",
        "esc_list",
        "esc_ask",
        "esc_step",
        "kb_export_file",
        "kb_import_file",
        "kb_set_position",
    ];

    pub fn build() {
        let attributes = tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
        if let Err(e) = tauri_build::try_build(attributes) {
            panic!("tauri build failed: {e:#}");
        }
    }
}
