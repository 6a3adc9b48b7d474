//! The monthly report as files a municipal clerk can file as they are: xlsx (with
//! `rust_xlsxwriter`: merged header cells, borders, widths, totals as formulas carrying their
//! values, the hour-of-day chart as a native Excel chart, and a data sheet) and CSV in UTF-8 with
//! a BOM so Excel reads the Japanese correctly.

use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Chart, ChartType, Color, Format, FormatAlign, FormatBorder, Formula, Workbook, XlsxError,
};

use super::{Monthly, ReportHeader};
use crate::calendar::wareki;

/// The report sheet's name.
pub const REPORT_SHEET: &str = "月次報告";
/// The data sheet's name.
pub const DATA_SHEET: &str = "データ";
/// The monthly report's section on the citizen display's languages, its note, and the CSV's
/// line name.
const LANGUAGE_SECTION: &str = "7. 外国語等での案内";
const LANGUAGE_NOTE: &str =
    "来庁者画面を日本語以外の言語にした来庁の件数（言語別）。言語のほかは記録していません。";
const LANGUAGE_LINE: &str = "外国語等での案内";

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The xlsx writer failed.
    #[error("Excelファイルを作成できませんでした：{0}")]
    Xlsx(#[from] XlsxError),
    /// The CSV writer failed.
    #[error("CSVファイルを作成できませんでした：{0}")]
    Csv(String),
}

impl ExportError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        "export_failed"
    }
}

/// Service code → label, for headings.
pub type Labels = BTreeMap<String, String>;

fn label<'a>(labels: &'a Labels, code: &'a str) -> &'a str {
    labels.get(code).map(String::as_str).unwrap_or(code)
}

/// `A1`-style column letters for a 0-based column.
fn col_name(mut col: u16) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (col % 26) as u8) as char);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s
}

/// The cell formats both reports share.
struct Styles {
    title: Format,
    th: Format,
    td: Format,
    num: Format,
    total: Format,
}

impl Styles {
    fn new() -> Self {
        let num = Format::new()
            .set_border(FormatBorder::Thin)
            .set_num_format("#,##0");
        Self {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            th: Format::new()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(0xF0F0F0)),
            td: Format::new().set_border(FormatBorder::Thin),
            total: num
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xF7F7F7)),
            num,
        }
    }
}

/// The monthly report as an xlsx file.
pub fn monthly_xlsx(doc: &super::document::MonthlyDocument) -> Result<Vec<u8>, ExportError> {
    let super::document::MonthlyDocument {
        figures: m,
        header,
        labels,
        records,
        opening: checks,
        outages,
        briefings,
        languages,
    } = doc;
    let mut wb = Workbook::new();
    let Styles {
        title,
        th,
        td,
        num,
        total,
    } = Styles::new();
    let section = Format::new()
        .set_bold()
        .set_font_size(12)
        .set_border_bottom(FormatBorder::Medium);
    let note = Format::new().set_text_wrap().set_font_size(9);
    let others = &m.other_services;
    let width = (others.len() as u16 + 4).max(6);
    let last_col = width - 1;

    let ws = wb.add_worksheet().set_name(REPORT_SHEET)?;
    ws.set_paper_size(9); // A4
    ws.set_portrait();
    // One page wide, as many pages tall as the month needs.
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_column_width(0, 16)?;
    for c in 1..width {
        ws.set_column_width(c, 9)?;
    }
    ws.merge_range(0, 0, 0, last_col, "月次報告書", &title)?;
    let rows = [
        ("業務名", header.business_name.clone()),
        ("対象月", format!("{}分", m.month_wareki)),
        ("提出日", "（未提出）".to_string()),
        ("宛先", header.addressee.clone()),
        ("受託者名", header.contractor.clone()),
        ("業務責任者", header.responsible.clone()),
    ];
    let mut r: u32 = 2;
    for (k, v) in rows {
        ws.write_string_with_format(r, 0, k, &th)?;
        ws.merge_range(r, 1, r, last_col, &v, &td)?;
        r += 1;
    }

    r += 1;
    ws.merge_range(r, 0, r, last_col, "1. 開設状況", &section)?;
    r += 1;
    let weekend: Vec<String> = m
        .opening
        .weekend_dates
        .iter()
        .map(|d| wareki::month_day(*d))
        .collect();
    let closed: Vec<String> = m
        .opening
        .closed
        .iter()
        .map(|(d, why)| format!("{} {why}", wareki::month_day(*d)))
        .collect();
    let opening = [
        ("開設日数", m.open_days, String::new()),
        ("平日", m.opening.weekdays, String::new()),
        ("木曜日（延長）", m.opening.extended, String::new()),
        (
            "土日",
            m.opening.weekend_dates.len() as u32,
            weekend.join("、"),
        ),
        (
            "休業日（平日）",
            m.opening.closed.len() as u32,
            closed.join("、"),
        ),
    ];
    for (k, n, text) in opening {
        ws.write_string_with_format(r, 0, k, &th)?;
        ws.write_number_with_format(r, 1, f64::from(n), &num)?;
        ws.merge_range(r, 2, r, last_col, &text, &td)?;
        r += 1;
    }

    r += 1;
    ws.merge_range(r, 0, r, last_col, "2. 対応件数", &section)?;
    r += 1;
    let parts = [
        ("① 交付申請書対応件数", m.application_count),
        ("　うち 申請書持参あり", m.form_brought),
        ("　うち 申請書持参なし", m.form_not_brought),
        ("　うち 申請書持参 不明", m.form_unknown),
        ("　うち 写真撮影", m.photo_taken),
        ("　うち 写真添付", m.photo_attached),
    ];
    for (k, n) in parts {
        ws.merge_range(r, 0, r, 2, k, &th)?;
        ws.write_number_with_format(r, 3, n as f64, &num)?;
        r += 1;
    }
    let other_total_row = r;
    let first_other = r + 1;
    for (i, code) in others.iter().enumerate() {
        let row = first_other + i as u32;
        ws.merge_range(row, 0, row, 2, &format!("　{}", label(labels, code)), &th)?;
        ws.write_number_with_format(
            row,
            3,
            m.other_breakdown.get(code).copied().unwrap_or(0) as f64,
            &num,
        )?;
    }
    ws.merge_range(
        other_total_row,
        0,
        other_total_row,
        2,
        "② その他対応件数",
        &th,
    )?;
    let sum = if others.is_empty() {
        Formula::new("=0").set_result("0")
    } else {
        Formula::new(format!(
            "=SUM(D{}:D{})",
            first_other + 1,
            first_other + others.len() as u32
        ))
        .set_result(m.other_count.to_string())
    };
    ws.write_formula_with_format(other_total_row, 3, sum, &total)?;
    r = first_other + others.len() as u32 + 1;
    ws.set_row_height(r, 48)?;
    ws.merge_range(r, 0, r, last_col, super::COUNTING_RULE, &note)?;

    r += 2;
    ws.merge_range(r, 0, r, last_col, "3. 日別件数", &section)?;
    r += 1;
    ws.write_string_with_format(r, 0, "日付", &th)?;
    ws.write_string_with_format(r, 1, "①", &th)?;
    for (i, code) in others.iter().enumerate() {
        ws.write_string_with_format(
            r,
            2 + i as u16,
            label(labels, code),
            &th.clone().set_text_wrap(),
        )?;
    }
    let c_other = 2 + others.len() as u16;
    ws.write_string_with_format(r, c_other, "②計", &th)?;
    ws.write_string_with_format(r, c_other + 1, "合計", &th)?;
    ws.set_row_height(r, 56)?;
    r += 1;
    let first_day = r;
    for d in &m.per_day {
        ws.write_string_with_format(r, 0, wareki::month_day(d.date), &td)?;
        ws.write_number_with_format(r, 1, d.application_count as f64, &num)?;
        for (i, code) in others.iter().enumerate() {
            ws.write_number_with_format(
                r,
                2 + i as u16,
                d.other_breakdown.get(code).copied().unwrap_or(0) as f64,
                &num,
            )?;
        }
        let row1 = r + 1;
        let other_formula = if others.is_empty() {
            Formula::new("=0")
        } else {
            Formula::new(format!("=SUM(C{row1}:{}{row1})", col_name(c_other - 1)))
        };
        ws.write_formula_with_format(
            r,
            c_other,
            other_formula.set_result(d.other_count.to_string()),
            &num,
        )?;
        let both = Formula::new(format!("=B{row1}+{}{row1}", col_name(c_other)))
            .set_result((d.application_count + d.other_count).to_string());
        ws.write_formula_with_format(r, c_other + 1, both, &num)?;
        r += 1;
    }
    ws.write_string_with_format(r, 0, "合計", &total)?;
    let sums: Vec<u64> = std::iter::once(m.per_day.iter().map(|d| d.application_count).sum())
        .chain(others.iter().map(|c| {
            m.per_day
                .iter()
                .map(|d| d.other_breakdown.get(c).copied().unwrap_or(0))
                .sum()
        }))
        .chain(std::iter::once(
            m.per_day.iter().map(|d| d.other_count).sum(),
        ))
        .chain(std::iter::once(
            m.per_day
                .iter()
                .map(|d| d.application_count + d.other_count)
                .sum(),
        ))
        .collect();
    for (i, value) in sums.iter().enumerate() {
        let col = 1 + i as u16;
        let letter = col_name(col);
        let f = if m.per_day.is_empty() {
            Formula::new("=0")
        } else {
            Formula::new(format!("=SUM({letter}{}:{letter}{})", first_day + 1, r))
        };
        ws.write_formula_with_format(r, col, f.set_result(value.to_string()), &total)?;
    }
    r += 2;
    ws.merge_range(r, 0, r, last_col, "4. 苦情・事故", &section)?;
    r += 1;
    ws.write_string_with_format(r, 0, "苦情", &th)?;
    ws.write_number_with_format(r, 1, records.complaints.len() as f64, &num)?;
    r += 1;
    for c in &records.complaints {
        let text = format!(
            "{} {}：{}　対応：{}{}",
            c.occurred_at.get(..10).unwrap_or_default(),
            c.category,
            c.summary,
            c.response,
            if c.escalated {
                "（市へ報告）"
            } else {
                ""
            }
        );
        ws.merge_range(r, 0, r, last_col, &text, &td.clone().set_text_wrap())?;
        r += 1;
    }
    ws.write_string_with_format(r, 0, "事故", &th)?;
    ws.write_number_with_format(r, 1, records.incidents.len() as f64, &num)?;
    r += 1;
    for i in &records.incidents {
        let text = format!(
            "{} {}：{}　再発防止策：{}　市への報告：{}",
            i.occurred_at.get(..10).unwrap_or_default(),
            i.place,
            i.what,
            i.prevention,
            i.reported_on
                .map(|d| d.to_string())
                .unwrap_or_else(|| "未報告".into())
        );
        ws.merge_range(r, 0, r, last_col, &text, &td.clone().set_text_wrap())?;
        r += 1;
    }
    r += 1;
    ws.merge_range(r, 0, r, last_col, "5. 開設前点検", &section)?;
    r += 1;
    let done = checks.iter().filter(|l| l.done_at.is_some()).count();
    let with_ng = checks.iter().filter(|l| !l.ng.is_empty()).count();
    let summary = format!(
        "実施 {done}／{}（開設日×窓口）、うち NG あり {with_ng}、未実施 {}。日ごとの結果は「{OPENING_SHEET}」シートのとおり。",
        checks.len(),
        checks.len() - done
    );
    ws.merge_range(r, 0, r, last_col, &summary, &td.clone().set_text_wrap())?;
    r += 1;
    let outage_summary = format!(
        "ネットワーク障害 {} 件、開設時間内の停止 合計 {} 分（一覧は「{OPENING_SHEET}」シートのとおり）。",
        outages.len(),
        outages.iter().map(|o| o.inside_minutes).sum::<i64>()
    );
    ws.merge_range(
        r,
        0,
        r,
        last_col,
        &outage_summary,
        &td.clone().set_text_wrap(),
    )?;
    r += 2;
    ws.merge_range(r, 0, r, last_col, "6. マニュアル・機器の説明", &section)?;
    r += 1;
    if briefings.is_empty() {
        ws.merge_range(r, 0, r, last_col, "この月の説明はありません。", &td)?;
        r += 1;
    }
    for b in briefings {
        let text = format!(
            "{} 出席：{}　説明したマニュアル：{}{}",
            b.held_on,
            b.attendees,
            b.manual_version,
            if b.note.is_empty() {
                String::new()
            } else {
                format!("　{}", b.note)
            }
        );
        ws.merge_range(r, 0, r, last_col, &text, &td.clone().set_text_wrap())?;
        r += 1;
    }
    r += 1;
    ws.merge_range(r, 0, r, last_col, LANGUAGE_SECTION, &section)?;
    r += 1;
    ws.merge_range(r, 0, r, last_col, LANGUAGE_NOTE, &note)?;
    r += 1;
    for (name, n) in languages {
        ws.write_string_with_format(r, 0, *name, &th)?;
        ws.write_number_with_format(r, 1, *n as f64, &num)?;
        r += 1;
    }
    let chart_row = r + 1;

    // The data sheet: the figures behind the chart and the totals, one value per cell.
    let data = wb.add_worksheet().set_name(DATA_SHEET)?;
    data.set_column_width(0, 14)?;
    data.write_string(0, 0, "時間帯")?;
    data.write_string(0, 1, "来庁者数")?;
    let hours: Vec<usize> = (0..24)
        .filter(|h| (8..=19).contains(h) || m.per_hour[*h] > 0)
        .collect();
    for (i, h) in hours.iter().enumerate() {
        data.write_string(1 + i as u32, 0, format!("{h}時"))?;
        data.write_number(1 + i as u32, 1, m.per_hour[*h] as f64)?;
    }
    let mut dr = hours.len() as u32 + 2;
    let facts: Vec<(&str, f64)> = vec![
        ("開設日数", f64::from(m.open_days)),
        ("交付申請書対応件数", m.application_count as f64),
        ("その他対応件数", m.other_count as f64),
        ("対応人数", m.visits as f64),
        ("平均対応時間（秒）", m.average_seconds as f64),
        ("最長対応時間（秒）", m.longest_seconds as f64),
    ];
    for (k, v) in facts {
        data.write_string(dr, 0, k)?;
        data.write_number(dr, 1, v)?;
        dr += 1;
    }
    for (counter, n) in &m.per_counter {
        data.write_string(dr, 0, format!("第{counter}窓口"))?;
        data.write_number(dr, 1, *n as f64)?;
        dr += 1;
    }

    let mut chart = Chart::new(ChartType::Column);
    chart.title().set_name("時間帯別の来庁者数");
    chart
        .add_series()
        .set_name("来庁者数")
        .set_categories((DATA_SHEET, 1, 0, hours.len() as u32, 0))
        .set_values((DATA_SHEET, 1, 1, hours.len() as u32, 1));
    chart.legend().set_hidden();
    let ws = wb.worksheet_from_name(REPORT_SHEET)?;
    ws.insert_chart(chart_row, 0, &chart)?;
    opening_sheet(&mut wb, checks, outages)?;
    Ok(wb.save_to_buffer()?)
}

/// The opening check's sheet name.
pub const OPENING_SHEET: &str = "開設前点検";

/// One row per operating day and counter: when, by whom, the result; then the network outages.
fn opening_sheet(
    wb: &mut Workbook,
    lines: &[crate::opening::lines::Line],
    outages: &[crate::netwatch::downtime::OutageLine],
) -> Result<(), ExportError> {
    let Styles { title, th, td, .. } = Styles::new();
    let wrap = td.clone().set_text_wrap();
    let ws = wb.add_worksheet().set_name(OPENING_SHEET)?;
    ws.set_paper_size(9);
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    for (c, w) in [(0, 14), (1, 8), (2, 9), (3, 14), (4, 60)] {
        ws.set_column_width(c, w)?;
    }
    ws.merge_range(0, 0, 0, 4, "開設前点検の実施状況", &title)?;
    for (c, h) in ["日付", "窓口", "実施時刻", "実施者", "結果"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(2, c as u16, *h, &th)?;
    }
    for (i, l) in lines.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string_with_format(r, 0, wareki::month_day(l.date), &td)?;
        ws.write_string_with_format(r, 1, format!("第{}窓口", l.counter), &td)?;
        ws.write_string_with_format(r, 2, l.done_at.as_deref().unwrap_or("—"), &td)?;
        ws.write_string_with_format(r, 3, &l.done_by, &td)?;
        ws.write_string_with_format(r, 4, l.result(), &wrap)?;
    }
    // The network outages below the checks.
    let mut r = 3 + lines.len() as u32 + 2;
    ws.merge_range(r, 0, r, 4, "ネットワーク障害", &title)?;
    r += 2;
    for (c, h) in [
        "発生",
        "窓口",
        "復旧",
        "開設時間内（分）",
        "原因の区分・つながらなかった先",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *h, &th)?;
    }
    if outages.is_empty() {
        r += 1;
        ws.merge_range(r, 0, r, 4, "ありません", &td)?;
    }
    for o in outages {
        r += 1;
        let at = |s: &str| s.get(5..16).unwrap_or_default().replace('T', " ");
        ws.write_string_with_format(r, 0, at(&o.outage.started_at), &td)?;
        ws.write_string_with_format(r, 1, format!("第{}窓口", o.outage.counter), &td)?;
        let end = o
            .outage
            .ended_at
            .as_deref()
            .map_or("（継続中）".to_string(), |e| {
                format!("{}（{}分）", at(e), o.minutes)
            });
        ws.write_string_with_format(r, 2, end, &td)?;
        ws.write_number_with_format(r, 3, o.inside_minutes as f64, &td)?;
        ws.write_string_with_format(
            r,
            4,
            format!("{}：{}", o.outage.cause.label(), o.outage.targets),
            &wrap,
        )?;
    }
    Ok(())
}

/// The final report's sheet name.
pub const FINAL_SHEET: &str = "最終報告";

/// The final report as an xlsx file: one column per month and a total column of formulas.
pub fn final_xlsx(
    f: &super::final_report::FinalReport,
    header: &ReportHeader,
    labels: &Labels,
) -> Result<Vec<u8>, ExportError> {
    let mut wb = Workbook::new();
    let Styles {
        title,
        th,
        td,
        num,
        total,
    } = Styles::new();
    let n = f.months.len() as u16;
    let last_col = n + 1;
    let ws = wb.add_worksheet().set_name(FINAL_SHEET)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_column_width(0, 30)?;
    for c in 1..=last_col {
        ws.set_column_width(c, 7)?;
    }
    ws.merge_range(0, 0, 0, last_col, "委託業務実施報告書", &title)?;
    let mut r: u32 = 2;
    for (k, v) in [
        ("業務名", header.business_name.as_str()),
        ("業務期間", f.period_wareki.as_str()),
        ("宛先", header.addressee.as_str()),
        ("受託者名", header.contractor.as_str()),
        ("業務責任者", header.responsible.as_str()),
    ] {
        ws.write_string_with_format(r, 0, k, &th)?;
        ws.merge_range(r, 1, r, last_col, v, &td)?;
        r += 1;
    }
    r += 1;
    ws.write_string_with_format(r, 0, "", &th)?;
    for (i, m) in f.months.iter().enumerate() {
        let short = format!("{}月", m.month.number());
        ws.write_string_with_format(r, 1 + i as u16, short, &th)?;
    }
    ws.write_string_with_format(r, last_col, "合計", &th)?;
    r += 1;
    // ① and ② each as a block of its own: ②'s breakdown comes under ②'s total, after a blank
    // row, never under ①.
    let mut rows: Vec<Option<(String, Vec<u64>, u64)>> = vec![
        Some((
            "開設日数".into(),
            f.months.iter().map(|m| u64::from(m.open_days)).collect(),
            u64::from(f.open_days),
        )),
        None,
        Some((
            "① 交付申請書対応件数".into(),
            f.months.iter().map(|m| m.application_count).collect(),
            f.application_count,
        )),
        None,
        Some((
            "② その他対応件数".into(),
            f.months.iter().map(|m| m.other_count).collect(),
            f.other_count,
        )),
    ];
    for code in &f.other_services {
        rows.push(Some((
            format!("　②のうち {}", label(labels, code)),
            f.months
                .iter()
                .map(|m| m.other_breakdown.get(code).copied().unwrap_or(0))
                .collect(),
            f.other_breakdown.get(code).copied().unwrap_or(0),
        )));
    }
    rows.push(None);
    rows.push(Some((
        "対応人数".into(),
        f.months.iter().map(|m| m.visits).collect(),
        f.visits,
    )));
    if !f.languages.is_empty() {
        rows.push(None);
    }
    for l in &f.languages {
        rows.push(Some((
            format!("{LANGUAGE_LINE}：{}", l.name),
            l.per_month.clone(),
            l.total,
        )));
    }
    for row in rows {
        let Some((name, values, sum)) = row else {
            r += 1;
            continue;
        };
        ws.write_string_with_format(r, 0, name, &th)?;
        for (i, v) in values.iter().enumerate() {
            ws.write_number_with_format(r, 1 + i as u16, *v as f64, &num)?;
        }
        let formula = if n == 0 {
            Formula::new("=0")
        } else {
            Formula::new(format!("=SUM(B{row}:{}{row})", col_name(n), row = r + 1))
        };
        ws.write_formula_with_format(r, last_col, formula.set_result(sum.to_string()), &total)?;
        r += 1;
    }
    Ok(wb.save_to_buffer()?)
}

/// The final report as CSV (UTF-8 with BOM): one row per item, one column per month, a total.
pub fn final_csv(
    f: &super::final_report::FinalReport,
    labels: &Labels,
) -> Result<Vec<u8>, ExportError> {
    let err = |e: csv::Error| ExportError::Csv(e.to_string());
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        w.write_record(["業務期間", f.period_wareki.as_str()])
            .map_err(err)?;
        let mut head = vec!["項目".to_string()];
        head.extend(f.months.iter().map(|m| m.month.to_string()));
        head.push("合計".into());
        w.write_record(&head).map_err(err)?;
        let mut row = |name: String, values: Vec<u64>, total: u64| {
            let mut r = vec![name];
            r.extend(values.iter().map(u64::to_string));
            r.push(total.to_string());
            w.write_record(&r).map_err(err)
        };
        row(
            "開設日数".into(),
            f.months.iter().map(|m| u64::from(m.open_days)).collect(),
            u64::from(f.open_days),
        )?;
        row(
            "交付申請書対応件数".into(),
            f.months.iter().map(|m| m.application_count).collect(),
            f.application_count,
        )?;
        for code in &f.other_services {
            row(
                format!("その他対応件数：{}", label(labels, code)),
                f.months
                    .iter()
                    .map(|m| m.other_breakdown.get(code).copied().unwrap_or(0))
                    .collect(),
                f.other_breakdown.get(code).copied().unwrap_or(0),
            )?;
        }
        row(
            "その他対応件数".into(),
            f.months.iter().map(|m| m.other_count).collect(),
            f.other_count,
        )?;
        row(
            "対応人数".into(),
            f.months.iter().map(|m| m.visits).collect(),
            f.visits,
        )?;
        for l in &f.languages {
            row(
                format!("{LANGUAGE_LINE}：{}", l.name),
                l.per_month.clone(),
                l.total,
            )?;
        }
        w.flush().map_err(|e| ExportError::Csv(e.to_string()))?;
    }
    Ok(out)
}

/// The monthly report as CSV (UTF-8 with BOM): header facts, then the per-day table.
pub fn monthly_csv(
    m: &Monthly,
    header: &ReportHeader,
    labels: &Labels,
    languages: &[(&str, u64)],
) -> Result<Vec<u8>, ExportError> {
    let err = |e: csv::Error| ExportError::Csv(e.to_string());
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let facts = [
            ("業務名", header.business_name.clone()),
            ("対象月", format!("{}分", m.month_wareki)),
            ("宛先", header.addressee.clone()),
            ("受託者名", header.contractor.clone()),
            ("業務責任者", header.responsible.clone()),
            ("開設日数", m.open_days.to_string()),
            ("交付申請書対応件数", m.application_count.to_string()),
            ("その他対応件数", m.other_count.to_string()),
        ];
        for (k, v) in facts {
            w.write_record([k, v.as_str()]).map_err(err)?;
        }
        for code in &m.other_services {
            let n = m
                .other_breakdown
                .get(code)
                .copied()
                .unwrap_or(0)
                .to_string();
            w.write_record([format!("その他対応件数：{}", label(labels, code)), n])
                .map_err(err)?;
        }
        for (name, n) in languages {
            w.write_record([format!("{LANGUAGE_LINE}：{name}"), n.to_string()])
                .map_err(err)?;
        }
        w.write_record([""]).map_err(err)?;
        let mut head = vec!["日付".to_string(), "交付申請書対応件数".to_string()];
        head.extend(
            m.other_services
                .iter()
                .map(|c| label(labels, c).to_string()),
        );
        head.extend(["その他対応件数".to_string(), "合計".to_string()]);
        w.write_record(&head).map_err(err)?;
        for d in &m.per_day {
            let mut row = vec![d.date.to_string(), d.application_count.to_string()];
            row.extend(
                m.other_services
                    .iter()
                    .map(|c| d.other_breakdown.get(c).copied().unwrap_or(0).to_string()),
            );
            row.extend([
                d.other_count.to_string(),
                (d.application_count + d.other_count).to_string(),
            ]);
            w.write_record(&row).map_err(err)?;
        }
        w.flush().map_err(|e| ExportError::Csv(e.to_string()))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;
    use crate::report::monthly;
    use crate::visits::{Outcome, Visit};
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

    fn sample() -> Monthly {
        let v = |day: u32, hour: u32, services: &[&str]| Visit {
            id: format!("{day}-{hour}"),
            counter: 1 + (day % 2) as u8,
            operator: "op".into(),
            started_at: format!("2023-07-{day:02}T{hour:02}:00:00+09:00"),
            ended_at: Some(format!("2023-07-{day:02}T{hour:02}:12:00+09:00")),
            services: services.iter().map(|s| s.to_string()).collect(),
            outcome: Some(Outcome::Completed),
            reason: None,
            form_brought: Some(true),
            note: None,
            revision: 1,
            voided: None,
            imported: false,
        };
        let visits = vec![
            v(3, 9, &["application", "photo"]),
            v(3, 10, &["pin", "health_insurance"]),
            v(4, 14, &["pin"]),
            v(6, 18, &["photo_attach", "certificate"]),
        ];
        let others: Vec<String> = ["health_insurance", "pin", "certificate", "other"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        monthly(
            "2023-07".parse().unwrap(),
            &Calendar::default(),
            &visits,
            &others,
        )
        .unwrap()
    }

    fn labels() -> Labels {
        crate::visits::lists::DEFAULT_SERVICES
            .iter()
            .map(|(c, l)| (c.to_string(), l.to_string()))
            .collect()
    }

    #[test]
    fn xlsx_values_totals_and_formulas_agree_with_the_figures() {
        let m = sample();
        let complaint = crate::incidents::Complaint {
            occurred_at: "2023-07-03T10:00:00+09:00".into(),
            category: "待ち時間".into(),
            summary: "長い".into(),
            ..Default::default()
        };
        let records = crate::incidents::Records {
            complaints: vec![complaint],
            incidents: vec![],
        };
        let bytes = monthly_xlsx(&crate::report::document::MonthlyDocument {
            figures: m.clone(),
            header: ReportHeader::default(),
            labels: labels(),
            records,
            opening: opening_lines(),
            outages: outage_lines(),
            briefings: vec![crate::kb::briefings::Briefing {
                id: 1,
                held_on: "2023-07-10".parse().unwrap(),
                attendees: "市民課 2名、現場責任者 1名".into(),
                manual_version: "承認済み 15 件（最終承認 2023-07-07）".into(),
                note: String::new(),
                recorded_by: "manager".into(),
                recorded_at: "t".into(),
            }],
            languages: vec![("英語", 3), ("ネパール語", 0)],
        })
        .unwrap();
        let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let sheet = wb.worksheet_range(REPORT_SHEET).unwrap();
        let formulas = wb.worksheet_formula(REPORT_SHEET).unwrap();
        let find = |text: &str| {
            sheet
                .rows()
                .position(|row| matches!(row.first(), Some(Data::String(s)) if s == text))
                .unwrap_or_else(|| panic!("row {text}"))
        };
        let number = |row: usize, col: usize| match sheet.get((row, col)) {
            Some(Data::Float(f)) => *f as u64,
            Some(Data::Int(i)) => *i as u64,
            other => panic!("({row},{col}) is {other:?}"),
        };
        assert_eq!(number(find("① 交付申請書対応件数"), 3), m.application_count);
        assert_eq!(number(find("英語"), 1), 3, "the languages' section");
        assert_eq!(number(find("ネパール語"), 1), 0);
        assert!(find(LANGUAGE_SECTION) < find("英語"));
        let other_row = find("② その他対応件数");
        assert_eq!(
            number(other_row, 3),
            m.other_count,
            "the cached formula result is the figure"
        );
        let f = formulas
            .get_value((other_row as u32, 3))
            .cloned()
            .unwrap_or_default();
        assert!(f.starts_with("SUM(D"), "② total is a formula: {f}");
        let total_row = find("合計");
        let cols = 2 + m.other_services.len() + 2;
        let expected: Vec<u64> = std::iter::once(m.application_count)
            .chain(m.other_services.iter().map(|c| m.other_breakdown[c]))
            .chain([m.other_count, m.application_count + m.other_count])
            .collect();
        let got: Vec<u64> = (1..cols).map(|c| number(total_row, c)).collect();
        assert_eq!(got, expected, "total row matches the JSON figures");
        for c in 1..cols {
            let f = formulas
                .get_value((total_row as u32, c as u32))
                .cloned()
                .unwrap_or_default();
            assert!(
                f.starts_with("SUM("),
                "total row column {c} is a formula: {f}"
            );
        }
        assert!(
            wb.worksheet_range(DATA_SHEET).is_ok(),
            "the data sheet is there"
        );
        let summary = sheet
            .rows()
            .filter_map(|row| match row.first() {
                Some(Data::String(s)) if s.starts_with("実施 ") => Some(s.clone()),
                _ => None,
            })
            .next()
            .unwrap();
        assert!(
            summary.starts_with("実施 1／2（開設日×窓口）、うち NG あり 1、未実施 1"),
            "{summary}"
        );
        let opening = wb.worksheet_range(OPENING_SHEET).unwrap();
        let cells: Vec<String> = opening
            .rows()
            .nth(3)
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(
            cells,
            [
                "7月3日(月)",
                "第1窓口",
                "08:12",
                "yamada",
                "NG 1件：プリンター：停止しています"
            ]
        );
        let cells: Vec<String> = opening
            .rows()
            .nth(4)
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(cells, ["7月3日(月)", "第2窓口", "—", "", "未実施"]);
        let outage: Vec<String> = opening
            .rows()
            .find(|row| matches!(row.first(), Some(Data::String(s)) if s == "07-04 10:02"))
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(
            outage,
            [
                "07-04 10:02",
                "第2窓口",
                "07-04 10:25（23分）",
                "23",
                "名前解決（DNS）：J-LIS 申請サイト"
            ]
        );
        let line = |start: &str| {
            sheet
                .rows()
                .find_map(|row| match row.first() {
                    Some(Data::String(s)) if s.starts_with(start) => Some(s.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("no line starting {start}"))
        };
        assert!(
            line("ネットワーク障害 ")
                .starts_with("ネットワーク障害 1 件、開設時間内の停止 合計 23 分"),
            "the outages' summary"
        );
        assert_eq!(
            line("2023-07-10 "),
            "2023-07-10 出席：市民課 2名、現場責任者 1名　説明したマニュアル：承認済み 15 件（最終承認 2023-07-07）"
        );
    }

    fn outage_lines() -> Vec<crate::netwatch::downtime::OutageLine> {
        let outage = crate::netwatch::Outage {
            id: 1,
            counter: 2,
            started_at: "2023-07-04T10:02:00+09:00".into(),
            ended_at: Some("2023-07-04T10:25:00+09:00".into()),
            cause: crate::netcheck::Cause::Dns,
            cause_label: String::new(),
            targets: "J-LIS 申請サイト".into(),
            detail: String::new(),
            acknowledged: true,
        };
        vec![crate::netwatch::downtime::OutageLine {
            outage,
            minutes: 23,
            inside_minutes: 23,
        }]
    }

    fn opening_lines() -> Vec<crate::opening::lines::Line> {
        let line = |counter, done: bool| crate::opening::lines::Line {
            date: "2023-07-03".parse().unwrap(),
            counter,
            done_at: done.then(|| "08:12".to_string()),
            done_by: if done { "yamada".into() } else { String::new() },
            ng: if done {
                vec!["プリンター：停止しています".into()]
            } else {
                Vec::new()
            },
        };
        vec![line(1, true), line(2, false)]
    }

    #[test]
    fn csv_has_a_bom_and_the_per_day_rows() {
        let m = sample();
        let bytes = monthly_csv(&m, &ReportHeader::default(), &labels(), &[("英語", 3)]).unwrap();
        assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF], "UTF-8 BOM for Excel");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.contains("交付申請書対応件数,2"), "{text}");
        assert!(text.contains("2023-07-03,1,1,1,0,0,2,3"), "{text}");
        assert!(text.contains("外国語等での案内：英語,3"), "{text}");
    }
}
