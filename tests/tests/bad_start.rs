//! A damaged database: the kiosk opens only to say so, in Japanese, and never touches the file.

use madoguchi_e2e::{output_dir, Kiosk};

#[test]
fn corrupt_database_shows_a_message_and_stays_untouched() -> Result<(), String> {
    let out = output_dir("bad_start");
    let garbage = b"this file was damaged by a power cut ".repeat(300);
    let kiosk = Kiosk::start_with(false, |dir| {
        std::fs::write(dir.join("madoguchi.sqlite3"), &garbage)
    })?;
    let text = kiosk.text("[data-testid=fatal-message]")?;
    assert!(text.contains("破損") && text.contains("復元"), "{text}");
    kiosk.screenshot(&out.join("corrupt-database.png"))?;
    let after =
        std::fs::read(kiosk.app_data().join("madoguchi.sqlite3")).map_err(|e| e.to_string())?;
    assert_eq!(
        after, garbage,
        "the damaged file must be left exactly as it was"
    );
    Ok(())
}
