//! The command line for IT staff: the same use cases as the window (`app`), run as the OS user,
//! audited like a click, scriptable and checkable without a display. Every subcommand answers
//! JSON with `--json` (failures too) and exits with the statuses in [`output`]. No subcommand
//! opens the kiosk (see `main.rs`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod audit;
mod calendar;
mod card;
mod data;
mod doctor;
mod kb;
mod kiosk;
mod leaflet;
pub mod output;
mod photo;
mod report;
mod scan_test;
mod store;
mod user;

use crate::app::{Actor, Ctx};
use crate::clock::Moment;
use crate::launch::{self, LaunchInfo};
use output::{Answer, Failure};

/// `madoguchi --version`: Cargo.toml's version and the build's git commit.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("MADOGUCHI_GIT_HASH"),
    ")"
);

/// 窓口 — the My Number Card online counter kiosk. Without a command, opens the kiosk window.
#[derive(Debug, Parser)]
#[command(name = "madoguchi", version = VERSION, about, after_help = output::EXIT_HELP)]
pub struct Cli {
    /// Data directory (else MADOGUCHI_DATA_DIR, else the OS app-data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Demo mode: its own data directory with demo accounts and sample visits.
    #[arg(long, global = true)]
    pub demo: bool,
    /// Answer with one line of JSON on standard output (failures too).
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do; nothing opens the kiosk.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the operating calendar for a period, one line (or JSON object) per day.
    Calendar(calendar::CalendarArgs),
    /// Import or export visits (how the two counters' records meet).
    Visits {
        /// Import or export.
        #[command(subcommand)]
        action: data::VisitsCommand,
    },
    /// Copy the database to FILE with SQLite's online backup.
    Backup {
        /// The backup file to write.
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Check the data directory, the database, the accounts, the displays, card readers, cameras
    /// (and network targets with --target).
    Doctor(doctor::DoctorArgs),
    /// The month's leaflet (広報用リーフレット) as an A4 PDF: one month or the next three.
    Leaflet(leaflet::LeafletArgs),
    /// Staff accounts.
    User {
        /// Create or list.
        #[command(subcommand)]
        action: user::UserCommand,
    },
    /// The monthly report (月次報告書) and the final report (委託業務実施報告書), on screen, as
    /// JSON, or written as xlsx and CSV files.
    Report {
        /// Which report.
        #[command(subcommand)]
        action: report::ReportCommand,
    },
    /// The manual and FAQ: search, export and import with their history.
    Kb {
        /// What to do.
        #[command(subcommand)]
        action: kb::KbCommand,
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
    /// Read a 2D scanner's lines from standard input and print the 申請書ID the kiosk would read,
    /// one JSON line each (setting up a new scanner's keyboard layout).
    ScanTest,
    /// Set this PC's counter number (1 to the site's number of counters, 2 unless set).
    Counter {
        /// The counter number.
        number: u8,
    },
    /// Set how many counters this site has (the contract's 2 unless set; 1–9).
    Counters {
        /// How many.
        number: u8,
    },
    /// The audit trail: who did what and when, from the window or the command line.
    Audit(audit::AuditArgs),
    /// The city's shared store (PostgreSQL): set up, connect this counter, status, disconnect.
    Store {
        /// What to do.
        #[command(subcommand)]
        action: store::StoreCommand,
    },
    /// One sync round with the shared store now (exit status 4 when it could not finish).
    Sync,
    /// The counter PC's desktop session as a kiosk: set up, remove, or run the kiosk supervised.
    Kiosk {
        /// What to do.
        #[command(subcommand)]
        action: kiosk::KioskCommand,
    },
}

/// Opens the data folder and runs `f` as the OS user running the command line.
fn with_ctx<T>(
    launch: &LaunchInfo,
    f: impl FnOnce(&mut Ctx) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let mut store = launch::open(
        &launch.data_dir,
        launch.demo,
        crate::clock::now().date_naive(),
    )
    .map_err(|e| {
        crate::applog::error(e.code(), &e.to_string());
        Failure::environment(e.code(), e.to_string())
    })?;
    let mut ctx = Ctx::new(&mut store, Actor::command_line(), Moment::now())?;
    f(&mut ctx)
}

/// A command line clap refused (or `--help`, `--version`): printed by clap, except that with
/// `--json` the refusal is JSON on standard output like every other failure. Exit 2.
pub fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
        || !std::env::args().any(|a| a == "--json")
    {
        e.exit();
    }
    let message = e.kind().to_string();
    let detail = e.to_string();
    eprint!("{detail}");
    println!(
        "{}",
        serde_json::json!({"error": {"code": "usage", "message": format!("コマンドの指定が正しくありません（{message}）。madoguchi --help をご覧ください。"), "detail": detail}})
    );
    output::Exit::Usage.into()
}

/// Runs a subcommand and returns the process exit status.
pub fn run(cli: &Cli, launch: &LaunchInfo, command: &Command) -> ExitCode {
    let result = match command {
        Command::Calendar(args) => calendar::run(launch, args),
        Command::Visits { action } => data::visits(launch, action),
        Command::Backup { to } => data::backup(launch, to),
        Command::Doctor(args) => doctor::run(launch, args),
        Command::Leaflet(args) => leaflet::run(launch, args),
        Command::User { action } => user::run(launch, action),
        Command::Report { action } => report::run(launch, action),
        Command::Kb { action } => kb::run(launch, action),
        Command::Card { action } => card::run(action),
        Command::Photo { action } => photo::run(launch, action),
        Command::ScanTest => scan_test::run(),
        Command::Counter { number } => data::counter(launch, *number),
        Command::Counters { number } => data::counters(launch, *number),
        Command::Audit(args) => audit::run(launch, args),
        Command::Store { action } => store::run(launch, action),
        Command::Sync => store::sync(launch),
        Command::Kiosk { action } => kiosk::run(launch, cli.data_dir.as_deref(), action),
    };
    output::finish(result, cli.json)
}

/// `Answer` with no JSON fields beyond what was done.
fn done(json: serde_json::Value, text: impl Into<String>) -> Answer {
    Answer::ok(json, text)
}
