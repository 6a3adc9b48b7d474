//! `madoguchi scan-test`: reads a 2D scanner's lines from standard input and prints, one JSON
//! line each, what the kiosk would read: `{"application_id": "…"}` or
//! `{"error": {"code": "…", "message": "…"}}`. IT staff scan a form's QR code into it while setting
//! up a new scanner's keyboard layout; standard error says what the set-up mangles (full-width
//! mode, kana input, another layout). Nothing is stored or logged. Exits 0 when every line gave an
//! ID, 1 when one did not.

use std::fmt::Write as _;
use std::io::Read;

use serde_json::json;

use super::output::{Answer, Exit, Failure};
use crate::procedure::{self, diagnosis};

/// Runs the test over standard input.
pub fn run() -> Result<Answer, Failure> {
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
        Failure::environment("read_failed", format!("標準入力を読めません（{e}）。"))
    })?;
    let (out, all_read) = answer(&decode(&bytes));
    Ok(Answer::Shown {
        json: out.trim_end().to_string(),
        text: out,
        exit: if all_read {
            Exit::Ok
        } else {
            Exit::CheckFailed
        },
    })
}

/// The encoding its byte-order mark names (UTF-8, or UTF-16 as Windows' Notepad and
/// PowerShell save "Unicode" text), else UTF-8, or else Shift_JIS (a scanner set to a Japanese
/// code page).
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::SHIFT_JIS.decode(bytes).0.into_owned(),
    }
}

/// One JSON line per input line, and whether every line gave an ID.
fn answer(input: &str) -> (String, bool) {
    let mut out = String::new();
    let mut all_read = true;
    // A line ends with LF, CR LF, or CR alone (many scanners' default suffix).
    let input = input.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = input.split('\n').collect();
    // A final newline ends the last line; it does not start an empty one.
    let lines = match lines.split_last() {
        Some((&"", rest)) => rest,
        _ => &lines[..],
    };
    for (i, line) in lines.iter().enumerate() {
        let value = match procedure::read(line) {
            Ok(id) => json!({"application_id": id.digits()}),
            Err(e) => {
                all_read = false;
                json!({"error": {"code": e.code(), "message": e.to_string()}})
            }
        };
        let _ = writeln!(out, "{value}");
        for note in diagnosis::notes(line) {
            eprintln!("{}行目：{}", i + 1, note.advice());
        }
    }
    (out, all_read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_json_line_per_scanned_line() {
        let (out, all) = answer(
            "https://x.jp/?id=12345678901234567890123\r\n１２３４５６７８９０１２３４５６７８９０１２３\nno id here\n",
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], r#"{"application_id":"12345678901234567890123"}"#);
        assert_eq!(lines[1], lines[0]);
        let third: serde_json::Value = serde_json::from_str(lines[2]).unwrap();
        assert_eq!(third["error"]["code"], "no_application_id");
        assert!(!all);
    }

    #[test]
    fn a_carriage_return_alone_ends_a_line_too() {
        let (out, all) = answer("12345678901234567890123\r98765432109876543210987\r");
        assert_eq!(
            out.lines().collect::<Vec<_>>(),
            [
                r#"{"application_id":"12345678901234567890123"}"#,
                r#"{"application_id":"98765432109876543210987"}"#
            ]
        );
        assert!(all);
    }

    #[test]
    fn byte_order_marks_name_the_encoding() {
        let text = "id=１２３４５６７８９０１２３４５６７８９０１２３\r\n";
        let mut utf16le = vec![0xFF, 0xFE];
        utf16le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let mut utf8 = vec![0xEF, 0xBB, 0xBF];
        utf8.extend(text.as_bytes());
        for bytes in [utf16le, utf16be, utf8] {
            assert_eq!(decode(&bytes), text);
        }
    }

    #[test]
    fn shift_jis_lines_are_decoded() {
        let (sjis, _, _) =
            encoding_rs::SHIFT_JIS.encode("１２３４５６７８９０１２３４５６７８９０１２３");
        assert_eq!(
            decode(&sjis),
            "１２３４５６７８９０１２３４５６７８９０１２３"
        );
    }
}
