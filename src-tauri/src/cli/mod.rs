//! The command line for IT staff: the same domain calls as the window, scriptable and checkable
//! without a display. No subcommand opens the kiosk (see `main.rs`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

mod card;
mod photo;

use crate::auth::{self, NewAccount, Role};
use crate::calendar::{stored, wareki};
use crate::{clock, launch, site, store, visits};

/// 窓口 — the My Number Card online counter kiosk. Without a command, opens the kiosk window.
#[derive(Debug, Parser)]
#[command(name = "madoguchi", version, about)]
pub struct Cli {
    /// Data directory (else MADOGUCHI_DATA_DIR, else the OS app-data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Demo mode: its own data directory with demo accounts and sample visits.
    #[arg(long, global = true)]
    pub demo: bool,
    /// What to do; nothing opens the kiosk.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the operating calendar for a period.
    Calendar(CalendarArgs),
    /// Import or export visits (how the two counters' records meet).
    Visits {
        /// Import or export.
        #[command(subcommand)]
        action: VisitsCommand,
    },
    /// Copy the database to FILE with SQLite's online backup.
    Backup {
        /// The backup file to write.
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Check the data directory, the database and the hardware.
    Doctor {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Staff accounts.
    User {
        /// Create or list.
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Report figures (the report tab, xlsx and CSV exports come later).
    Report {
        /// Which report.
        #[command(subcommand)]
        action: ReportCommand,
    },
    /// The manual and FAQ.
    Kb {
        /// What to do.
        #[command(subcommand)]
        action: KbCommand,
    },
    /// The IC card reader: a card's status, or a simulated card for testing the reader stack.
    Card {
        /// What to do.
        #[command(subcommand)]
        action: card::CardCommand,
    },
    /// The ID photo: check a sample image against the rules (camera set-up).
    Photo {
        /// What to do.
        #[command(subcommand)]
        action: photo::PhotoCommand,
    },
    /// Set this PC's counter number.
    Counter {
        /// 1 or 2.
        number: u8,
    },
}

/// `madoguchi calendar`.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// First day, YYYY-MM-DD.
    #[arg(long)]
    pub from: NaiveDate,
    /// Last day, YYYY-MM-DD.
    #[arg(long)]
    pub to: NaiveDate,
    /// Print a JSON array, one object per day.
    #[arg(long)]
    pub json: bool,
}

/// `madoguchi visits …`.
#[derive(Debug, Subcommand)]
pub enum VisitsCommand {
    /// Import another counter's CSV export (idempotent; a bad row imports nothing).
    Import {
        /// The CSV file.
        file: PathBuf,
    },
    /// Export a month's ended visits as CSV.
    Export {
        /// The month, YYYY-MM.
        #[arg(long)]
        month: String,
        /// Write here instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// `madoguchi report …`.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The monthly report's figures (月次報告書).
    Monthly {
        /// The month, YYYY-MM.
        #[arg(long)]
        month: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Also write the report as an Excel file.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Also write the report as CSV (UTF-8 with BOM).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// The final report's figures over the contract period (委託業務実施報告書).
    Final {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Also write the report as an Excel file.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Also write the report as CSV (UTF-8 with BOM).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
}

/// `madoguchi kb …`.
#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Search approved documents (with --all, the latest version of every document, drafts too).
    Search {
        /// Words to find, e.g. "暗証番号 ロック".
        query: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Include drafts and versions waiting for approval.
        #[arg(long)]
        all: bool,
    },
    /// Write the whole knowledge base, with history, to FILE (JSON).
    Export {
        /// The file to write.
        file: PathBuf,
    },
    /// Import a knowledge-base file (idempotent; a conflicting version imports nothing).
    Import {
        /// The file to read.
        file: PathBuf,
    },
}

/// Roles on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// オペレーター.
    Operator,
    /// 現場責任者.
    SiteManager,
    /// 市担当者.
    CityStaff,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Operator => Role::Operator,
            RoleArg::SiteManager => Role::SiteManager,
            RoleArg::CityStaff => Role::CityStaff,
        }
    }
}

/// `madoguchi user …`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account (the first site manager on a new install). Asks for the password.
    Create {
        /// Sign-in ID.
        #[arg(long)]
        id: String,
        /// Name shown on screen.
        #[arg(long)]
        name: String,
        /// Role.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Read the password from the first line of standard input instead of a prompt.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts.
    List,
}

/// A failure to report: the message is printed as is.
type CliResult = Result<(), String>;

fn open_store(cli: &Cli) -> Result<store::Store, String> {
    let dir = launch::data_dir(cli.data_dir.as_deref(), cli.demo);
    launch::open(&dir, cli.demo, clock::now().date_naive()).map_err(|e| e.to_string())
}

/// Runs a subcommand and returns the process exit code.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    let result = match command {
        Command::Calendar(args) => calendar(cli, args),
        Command::Visits {
            action: VisitsCommand::Import { file },
        } => import(cli, file),
        Command::Visits {
            action: VisitsCommand::Export { month, out },
        } => export(cli, month, out.as_deref()),
        Command::Backup { to } => backup(cli, to),
        Command::Doctor { json } => return doctor(cli, *json),
        Command::User { action } => user(cli, action),
        Command::Report {
            action:
                ReportCommand::Monthly {
                    month,
                    json,
                    xlsx,
                    csv,
                },
        } => report_monthly(cli, month, *json, xlsx.as_deref(), csv.as_deref()),
        Command::Report {
            action: ReportCommand::Final { json, xlsx, csv },
        } => report_final(cli, *json, xlsx.as_deref(), csv.as_deref()),
        Command::Kb {
            action: KbCommand::Search { query, json, all },
        } => kb_search(cli, query, *json, *all),
        Command::Kb {
            action: KbCommand::Export { file },
        } => kb_export(cli, file),
        Command::Kb {
            action: KbCommand::Import { file },
        } => kb_import(cli, file),
        Command::Card { action } => return card::run(action),
        Command::Photo { action } => return photo::run(action),
        Command::Counter { number } => {
            open_store(cli).and_then(|s| site::set_counter(&s, *number).map_err(|e| e.to_string()))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("エラー：{message}");
            ExitCode::FAILURE
        }
    }
}

fn calendar(cli: &Cli, args: &CalendarArgs) -> CliResult {
    if args.to < args.from {
        return Err("--to は --from 以降の日付にしてください".into());
    }
    let store = open_store(cli)?;
    let cal = stored::load(&store).map_err(|e| e.to_string())?;
    let days = cal.days(args.from, args.to);
    let mut out = std::io::stdout().lock();
    if args.json {
        let text = serde_json::to_string_pretty(&days).map_err(|e| e.to_string())?;
        writeln!(out, "{text}").map_err(|e| e.to_string())?;
        return Ok(());
    }
    for d in days {
        let what = match (d.open, &d.holiday, &d.closure) {
            (true, _, _) => format!(
                "{}–{}",
                d.opens.unwrap_or_default(),
                d.closes.unwrap_or_default()
            ),
            (false, Some(h), _) => format!("休（{h}）"),
            (false, None, Some(c)) => format!("休（{c}）"),
            (false, None, None) => "休".into(),
        };
        writeln!(out, "{}  {}  {what}", d.date, wareki::with_weekday(d.date))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn report_monthly(
    cli: &Cli,
    month: &str,
    json: bool,
    xlsx: Option<&Path>,
    csv: Option<&Path>,
) -> CliResult {
    let store = open_store(cli)?;
    let m = if xlsx.is_some() || csv.is_some() {
        let doc = crate::report::document::MonthlyDocument::load(&store, month)
            .map_err(|e| e.to_string())?;
        if let Some(path) = xlsx {
            write_atomically(path, &doc.xlsx().map_err(|e| e.to_string())?)?;
        }
        if let Some(path) = csv {
            write_atomically(path, &doc.csv().map_err(|e| e.to_string())?)?;
        }
        doc.figures
    } else {
        crate::report::monthly_from_store(&store, month).map_err(|e| e.to_string())?
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&m).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    println!(
        "{}分　開設日数 {} 日（平日 {}、延長 {}、土日 {}）",
        m.month_wareki,
        m.open_days,
        m.opening.weekdays,
        m.opening.extended,
        m.opening.weekend_dates.len()
    );
    println!(
        "① 交付申請書対応件数 {}（持参あり {}、持参なし {}、写真撮影 {}、写真添付 {}）",
        m.application_count, m.form_brought, m.form_not_brought, m.photo_taken, m.photo_attached
    );
    println!("② その他対応件数 {}", m.other_count);
    for code in &m.other_services {
        println!(
            "    {code}\t{}",
            m.other_breakdown.get(code).copied().unwrap_or(0)
        );
    }
    Ok(())
}

fn report_final(cli: &Cli, json: bool, xlsx: Option<&Path>, csv: Option<&Path>) -> CliResult {
    let store = open_store(cli)?;
    let f = crate::report::final_report::final_from_store(&store).map_err(|e| e.to_string())?;
    if let Some(path) = xlsx {
        let header = crate::report::header::load(&store).map_err(|e| e.to_string())?;
        let labels = crate::report::labels(&store).map_err(|e| e.to_string())?;
        let bytes =
            crate::report::export::final_xlsx(&f, &header, &labels).map_err(|e| e.to_string())?;
        write_atomically(path, &bytes)?;
    }
    if let Some(path) = csv {
        let labels = crate::report::labels(&store).map_err(|e| e.to_string())?;
        let bytes = crate::report::export::final_csv(&f, &labels).map_err(|e| e.to_string())?;
        write_atomically(path, &bytes)?;
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&f).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    println!("委託業務実施報告書　{}", f.period_wareki);
    println!("月\t開設日数\t①\t②");
    for m in &f.months {
        println!(
            "{}\t{}\t{}\t{}",
            m.month_wareki, m.open_days, m.application_count, m.other_count
        );
    }
    println!(
        "合計\t{}\t{}\t{}",
        f.open_days, f.application_count, f.other_count
    );
    Ok(())
}

fn kb_search(cli: &Cli, query: &str, json: bool, all: bool) -> CliResult {
    let store = open_store(cli)?;
    let hits = if all {
        crate::kb::search_latest(&store, query, 50)
    } else {
        crate::kb::search(&store, query, 50)
    }
    .map_err(|e| e.to_string())?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&hits).map_err(|e| e.to_string())?
        );
    } else {
        for h in &hits {
            println!("{}\t{}\t第{}版\t{}", h.id, h.kind, h.version, h.title);
        }
    }
    Ok(())
}

fn kb_export(cli: &Cli, file: &Path) -> CliResult {
    let store = open_store(cli)?;
    let data = crate::kb::transfer::export(&store).map_err(|e| e.to_string())?;
    let json = serde_json::to_vec_pretty(&data).map_err(|e| e.to_string())?;
    write_atomically(file, &json)?;
    println!(
        "{}件の文書を {} に書き出しました。",
        data.documents.len(),
        file.display()
    );
    Ok(())
}

fn kb_import(cli: &Cli, file: &Path) -> CliResult {
    let mut store = open_store(cli)?;
    let bytes =
        std::fs::read(file).map_err(|e| format!("{} を読めません（{e}）", file.display()))?;
    let data: crate::kb::transfer::KbFile = serde_json::from_slice(&bytes)
        .map_err(|e| format!("マニュアル・FAQのファイルとして読めません（{e}）"))?;
    let s = crate::kb::transfer::import(&mut store, &data).map_err(|e| e.to_string())?;
    println!(
        "文書{}件・版{}件を追加し、{}件の承認状況を更新しました（{}件は取り込み済み）。",
        s.documents_added, s.versions_added, s.advanced, s.unchanged
    );
    Ok(())
}

fn import(cli: &Cli, file: &Path) -> CliResult {
    let mut store = open_store(cli)?;
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| format!("{} を読めません（{e}）", file.display()))?;
    let summary = visits::import_csv(&mut store, bytes.as_slice()).map_err(|e| e.to_string())?;
    crate::audit::record(
        &store,
        clock::now(),
        None,
        "visits.import",
        &format!("{} rows, {} added", summary.rows, summary.added),
    )
    .map_err(|e| e.to_string())?;
    println!(
        "{}行を確認：{}件を追加、{}件は取り込み済みでした。",
        summary.rows, summary.added, summary.unchanged
    );
    Ok(())
}

fn export(cli: &Cli, month: &str, out: Option<&Path>) -> CliResult {
    let (from, to) = crate::report::month_bounds(month).map_err(|e| e.to_string())?;
    let store = open_store(cli)?;
    let mut buf = Vec::new();
    let n = visits::export_csv(&store, from, to, &mut buf).map_err(|e| e.to_string())?;
    match out {
        Some(path) => {
            write_atomically(path, &buf)?;
            eprintln!("{n}件を {} に書き出しました。", path.display());
        }
        None => std::io::stdout()
            .write_all(&buf)
            .map_err(|e| e.to_string())?,
    }
    Ok(())
}

/// Writes to a temporary file beside `path`, then renames it: a failure leaves any old file whole.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> CliResult {
    let fail = |e: std::io::Error| format!("{} に書き込めません（{e}）", path.display());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.partial"));
    std::fs::write(&tmp, bytes).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

fn backup(cli: &Cli, to: &Path) -> CliResult {
    let store = open_store(cli)?;
    let bytes = store.backup_to(to).map_err(|e| e.to_string())?;
    crate::audit::record(
        &store,
        clock::now(),
        None,
        "backup",
        &to.display().to_string(),
    )
    .map_err(|e| e.to_string())?;
    println!(
        "バックアップを作成しました：{}（{} バイト）",
        to.display(),
        bytes
    );
    Ok(())
}

fn user(cli: &Cli, action: &UserCommand) -> CliResult {
    let store = open_store(cli)?;
    match action {
        UserCommand::List => {
            for a in auth::list_accounts(&store).map_err(|e| e.to_string())? {
                let state = if a.active { "" } else { "（停止中）" };
                println!(
                    "{}\t{}\t{}{state}",
                    a.login_id,
                    a.role.label(),
                    a.display_name
                );
            }
            Ok(())
        }
        UserCommand::Create {
            id,
            name,
            role,
            password_stdin,
        } => {
            let password = if *password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .read_line(&mut line)
                    .map_err(|e| e.to_string())?;
                line.trim_end_matches(['\r', '\n']).to_string()
            } else {
                let first =
                    rpassword::prompt_password("パスワード：").map_err(|e| e.to_string())?;
                let again = rpassword::prompt_password("パスワード（確認）：")
                    .map_err(|e| e.to_string())?;
                if first != again {
                    return Err("パスワードが一致しません".into());
                }
                first
            };
            let new = NewAccount {
                login_id: id.clone(),
                display_name: name.clone(),
                role: (*role).into(),
                password,
            };
            let account = auth::create_account(&store, &new, false).map_err(|e| e.to_string())?;
            crate::audit::record(
                &store,
                clock::now(),
                None,
                "account.create",
                &account.login_id,
            )
            .map_err(|e| e.to_string())?;
            println!(
                "{}（{}）を作成しました。",
                account.login_id,
                account.role.label()
            );
            Ok(())
        }
    }
}

fn doctor(cli: &Cli, json: bool) -> ExitCode {
    let report = crate::doctor::check(cli.data_dir.as_deref(), cli.demo, display_count());
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
            Err(e) => eprintln!("{e}"),
        }
    } else {
        print!("{}", report.to_text());
    }
    if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(feature = "desktop")]
fn display_count() -> Option<usize> {
    crate::desktop::platform::display_count()
}

#[cfg(not(feature = "desktop"))]
fn display_count() -> Option<usize> {
    None
}
