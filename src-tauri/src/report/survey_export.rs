//! A survey as files the city can take as they are: CSV in UTF-8 with a BOM (Excel reads the
//! Japanese), and xlsx with the question above one table (groups down, the split across, the
//! totals last).

use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook};

use super::export::{ExportError, Labels};
use super::survey::{Split, Survey};

/// The sheet's name.
pub const SURVEY_SHEET: &str = "調査";

/// A column of the split as a person reads it.
pub fn column_label(split: Split, code: &str, labels: &Labels) -> String {
    match split {
        Split::Service | Split::Reason => labels.get(code).cloned().unwrap_or_else(|| code.into()),
        Split::Counter => format!("第{code}窓口"),
        Split::Outcome => match code {
            "completed" => "完了".into(),
            "not_completed" => "未完了".into(),
            other => other.into(),
        },
    }
}

/// The question in Japanese, for the files' first line.
pub fn question_line(s: &Survey) -> String {
    format!("{}ごとの来庁者数", s.question.describe())
}

/// The table: heading row, then one row per group and the total.
fn table(s: &Survey, labels: &Labels) -> (Vec<String>, Vec<Vec<String>>) {
    let mut head = vec![
        "区分".to_string(),
        "来庁者数".into(),
        "交付申請書対応件数".into(),
        "その他対応件数".into(),
    ];
    head.extend(
        s.columns
            .iter()
            .map(|c| column_label(s.question.split, c, labels)),
    );
    let rows = s
        .rows
        .iter()
        .chain(std::iter::once(&s.total))
        .map(|r| {
            let mut row = vec![
                r.label.clone(),
                r.visits.to_string(),
                r.application.to_string(),
                r.other.to_string(),
            ];
            row.extend(
                s.columns
                    .iter()
                    .map(|c| r.counts.get(c).copied().unwrap_or(0).to_string()),
            );
            row
        })
        .collect();
    (head, rows)
}

/// The survey as CSV (UTF-8 with BOM).
pub fn survey_csv(s: &Survey, labels: &Labels) -> Result<Vec<u8>, ExportError> {
    let err = |e: csv::Error| ExportError::Csv(e.to_string());
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        w.write_record([question_line(s)]).map_err(err)?;
        let (head, rows) = table(s, labels);
        w.write_record(&head).map_err(err)?;
        for row in rows {
            w.write_record(&row).map_err(err)?;
        }
        w.flush().map_err(|e| ExportError::Csv(e.to_string()))?;
    }
    Ok(out)
}

/// The survey as an xlsx workbook (numbers as numbers).
pub fn survey_xlsx(s: &Survey, labels: &Labels) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SURVEY_SHEET)?;
    let bold = Format::new().set_bold();
    let th = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xF0F0F0));
    let td = Format::new().set_border(FormatBorder::Thin);
    let num = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0");
    sheet.write_string_with_format(0, 0, question_line(s), &bold)?;
    let (head, rows) = table(s, labels);
    for (c, h) in head.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, h, &th)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        let is_total = i + 1 == rows.len();
        for (c, cell) in row.iter().enumerate() {
            match (c, cell.parse::<f64>()) {
                (0, _) | (_, Err(_)) => {
                    let f = if is_total { &th } else { &td };
                    sheet.write_string_with_format(r, c as u16, cell, f)?;
                }
                (_, Ok(n)) => {
                    sheet.write_number_with_format(r, c as u16, n, &num)?;
                }
            }
        }
    }
    sheet.set_column_width(0, 16)?;
    for c in 1..head.len() {
        sheet.set_column_width(c as u16, 12)?;
    }
    Ok(book.save_to_buffer()?)
}
