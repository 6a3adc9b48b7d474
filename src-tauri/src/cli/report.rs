//! `madoguchi report monthly|final`: the figures on screen (service names, not codes), as JSON, and
//! the report files the report tab writes.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Subcommand;

use super::output::{Answer, Failure};
use super::with_ctx;
use crate::app::reports::FileKind;
use crate::app::shared_reports::SharedMonthly;
use crate::app::{self, Ctx};
use crate::calendar::Month;
use crate::central::Target;
use crate::launch::LaunchInfo;
use crate::report::survey::{By, Question, Split};
use crate::report::{survey_export, Monthly};

/// `madoguchi report …`.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The monthly report (月次報告書): its figures, and the xlsx and CSV files if asked.
    Monthly {
        /// The month, YYYY-MM.
        #[arg(long)]
        month: Month,
        /// Also write the report as an Excel file.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Also write the report as CSV (UTF-8 with BOM).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// The monthly figures counted on the city's shared store: every counter of this counter's
    /// site through its own connection, or with `--url` (the city's owner role) one site
    /// (`--site`) or every site, each with the counters included and up to when.
    Shared {
        /// The month, YYYY-MM.
        #[arg(long)]
        month: Month,
        /// The shared store as the city's owner role (without it: this counter's connection).
        #[arg(long, requires = "password_file")]
        url: Option<String>,
        /// The file holding that role's password (owner-only).
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
        /// A CA certificate (PEM) to trust besides the system's.
        #[arg(long, value_name = "FILE")]
        ca_file: Option<PathBuf>,
        /// Only this site.
        #[arg(long)]
        site: Option<String>,
    },
    /// A survey on request (§13(3)): any period inside the contract, grouped and split as asked,
    /// counted as the monthly report counts. Each survey is recorded in the audit trail.
    Survey {
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: chrono::NaiveDate,
        /// Last day, YYYY-MM-DD (included).
        #[arg(long)]
        to: chrono::NaiveDate,
        /// Rows: day, week, month, weekday or hour.
        #[arg(long, default_value = "day")]
        by: By,
        /// Columns: service, outcome, counter or reason.
        #[arg(long, default_value = "service")]
        split: Split,
        /// Also write the survey as an Excel file.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Also write the survey as CSV (UTF-8 with BOM).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// The final report over the contract period (委託業務実施報告書), and its files if asked.
    Final {
        /// Also write the report as an Excel file.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Also write the report as CSV (UTF-8 with BOM).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
}

/// Each file asked for, by kind.
fn files(xlsx: &Option<PathBuf>, csv: &Option<PathBuf>) -> Vec<(FileKind, PathBuf)> {
    let mut out = Vec::new();
    out.extend(xlsx.clone().map(|p| (FileKind::Xlsx, p)));
    out.extend(csv.clone().map(|p| (FileKind::Csv, p)));
    out
}

fn label(labels: &crate::report::export::Labels, code: &str) -> String {
    labels
        .get(code)
        .cloned()
        .unwrap_or_else(|| code.to_string())
}

/// Runs `report monthly` or `report final`.
pub fn run(launch: &LaunchInfo, action: &ReportCommand) -> Result<Answer, Failure> {
    match action {
        ReportCommand::Monthly { month, xlsx, csv } => {
            with_ctx(launch, |cx| monthly(cx, *month, &files(xlsx, csv)))
        }
        ReportCommand::Shared {
            month,
            url,
            password_file,
            ca_file,
            site,
        } => with_ctx(launch, |cx| {
            let report = match url {
                None => app::shared_reports::monthly_of_site(cx, *month)?,
                Some(url) => {
                    let target = Target {
                        url: url.clone(),
                        password_file: password_file.clone(),
                        ca_file: ca_file.clone(),
                    };
                    app::shared_reports::monthly_of_city(cx, &target, *month, site.as_deref())?
                }
            };
            shared(cx, &report)
        }),
        ReportCommand::Survey {
            from,
            to,
            by,
            split,
            xlsx,
            csv,
        } => {
            let q = Question {
                from: *from,
                to: *to,
                by: *by,
                split: *split,
            };
            with_ctx(launch, |cx| survey(cx, &q, &files(xlsx, csv)))
        }
        ReportCommand::Final { xlsx, csv } => {
            with_ctx(launch, |cx| final_report(cx, &files(xlsx, csv)))
        }
    }
}

fn monthly(cx: &mut Ctx, month: Month, files: &[(FileKind, PathBuf)]) -> Result<Answer, Failure> {
    for (kind, path) in files {
        app::reports::export_monthly(cx, month, *kind, path)?;
    }
    let m = app::reports::monthly(cx, month)?;
    let labels = app::reports::service_labels(cx)?;
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{}分　開設日数 {} 日（平日 {}、延長 {}、土日 {}）",
        m.month_wareki,
        m.open_days,
        m.opening.weekdays,
        m.opening.extended,
        m.opening.weekend_dates.len()
    );
    let _ = writeln!(
        text,
        "① 交付申請書対応件数 {}（持参あり {}、持参なし {}、持参 不明 {}、写真撮影 {}、写真添付 {}）",
        m.application_count,
        m.form_brought,
        m.form_not_brought,
        m.form_unknown,
        m.photo_taken,
        m.photo_attached
    );
    let _ = writeln!(text, "② その他対応件数 {}", m.other_count);
    breakdown(&mut text, &labels, &m);
    if (m.opening.weekend_dates.len() as u32) < m.weekend_quota {
        let _ = writeln!(
            text,
            "要確認：土日の開設日が {} 日です（仕様書では月 {} 日）。",
            m.opening.weekend_dates.len(),
            m.weekend_quota
        );
    }
    for (day, n) in &m.closed_day_visits {
        let _ = writeln!(
            text,
            "要確認：{} は休業日ですが {n} 件の記録があります（臨時開設か、記録の誤りかを確認してください）。",
            crate::calendar::wareki::with_weekday(*day)
        );
    }
    for (_, path) in files {
        let _ = writeln!(text, "{} に書き出しました。", path.display());
    }
    Ok(Answer::ok(&m, text))
}

/// ② by service, one indented line each, in report order.
fn breakdown(text: &mut String, labels: &crate::report::export::Labels, m: &Monthly) {
    for code in &m.other_services {
        let _ = writeln!(
            text,
            "    {}\t{}",
            label(labels, code),
            m.other_breakdown.get(code).copied().unwrap_or(0)
        );
    }
}

fn shared(cx: &mut Ctx, r: &SharedMonthly) -> Result<Answer, Failure> {
    let labels = app::reports::service_labels(cx)?;
    let mut text = String::new();
    let figures = |text: &mut String, name: &str, m: &Monthly| {
        let _ = writeln!(
            text,
            "{name}　来庁者 {}　① 交付申請書対応件数 {}　② その他対応件数 {}",
            m.visits, m.application_count, m.other_count
        );
        breakdown(text, &labels, m);
    };
    let _ = writeln!(text, "{}分（共有データベースで集計）", r.total.month_wareki);
    for s in &r.sites {
        figures(&mut text, &format!("拠点 {}", s.site), &s.figures);
    }
    if r.sites.len() > 1 {
        figures(&mut text, "全拠点の合計", &r.total);
    }
    let _ = writeln!(text, "含まれるデータ：");
    for s in &r.sources {
        let _ = writeln!(
            text,
            "    {} 第{}窓口\t{}",
            s.site,
            s.counter,
            s.up_to
                .as_deref()
                .map_or("（まだ送信がありません）".to_string(), |t| format!(
                    "{t} までの変更"
                )),
        );
    }
    Ok(Answer::ok(r, text))
}

fn survey(cx: &mut Ctx, q: &Question, files: &[(FileKind, PathBuf)]) -> Result<Answer, Failure> {
    let mut answer = None;
    for (kind, path) in files {
        answer = Some(app::reports::export_survey(cx, q, *kind, path)?);
    }
    let s = match answer {
        Some(s) => s,
        None => app::reports::survey(cx, q)?,
    };
    let labels = app::reports::survey_labels(cx.store())?;
    let mut text = survey_export::question_line(&s);
    text.push('\n');
    let columns: Vec<String> = s
        .columns
        .iter()
        .map(|c| survey_export::column_label(q.split, c, &labels))
        .collect();
    let _ = writeln!(text, "区分\t来庁者数\t①\t②\t{}", columns.join("\t"));
    for r in s.rows.iter().chain(std::iter::once(&s.total)) {
        let cells: Vec<String> = s
            .columns
            .iter()
            .map(|c| r.counts.get(c).copied().unwrap_or(0).to_string())
            .collect();
        let _ = writeln!(
            text,
            "{}\t{}\t{}\t{}\t{}",
            r.label,
            r.visits,
            r.application,
            r.other,
            cells.join("\t")
        );
    }
    for (_, path) in files {
        let _ = writeln!(text, "{} に書き出しました。", path.display());
    }
    Ok(Answer::ok(&s, text))
}

fn final_report(cx: &mut Ctx, files: &[(FileKind, PathBuf)]) -> Result<Answer, Failure> {
    for (kind, path) in files {
        app::reports::export_final(cx, *kind, path)?;
    }
    let f = app::reports::final_report(cx)?;
    let mut text = String::new();
    let _ = writeln!(text, "委託業務実施報告書　{}", f.period_wareki);
    let _ = writeln!(text, "月\t開設日数\t①\t②");
    for m in &f.months {
        let _ = writeln!(
            text,
            "{}\t{}\t{}\t{}",
            m.month_wareki, m.open_days, m.application_count, m.other_count
        );
    }
    let _ = writeln!(
        text,
        "合計\t{}\t{}\t{}",
        f.open_days, f.application_count, f.other_count
    );
    for (_, path) in files {
        let _ = writeln!(text, "{} に書き出しました。", path.display());
    }
    Ok(Answer::ok(&f, text))
}
