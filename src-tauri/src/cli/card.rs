//! `madoguchi card …`: the status of the card in a reader, as JSON for scripts, and a simulated
//! card put into a vsmartcard-vpcd reader (to check the reader stack, and for the tests).

use std::fmt::Write as _;

use chrono::{Months, NaiveDate};
use clap::{Subcommand, ValueEnum};

use crate::card::guidance;
use crate::card::pcsc_reader;
use crate::card::profile::CardProfile;
use crate::card::vpcd::{self, Inserted};
use crate::card::CardKind;
use crate::clock;

use super::output::{Answer, Failure};

/// `madoguchi card …`.
#[derive(Debug, Subcommand)]
pub enum CardCommand {
    /// Read the card in a reader (no PIN, no personal data) and print its status.
    Status {
        /// The reader; else the first reader holding a card.
        #[arg(long, value_name = "NAME")]
        reader: Option<String>,
    },
    /// Put a simulated card into a vsmartcard-vpcd reader until this process ends (test machines
    /// only: vpcd must never be installed on a kiosk).
    Emulate {
        /// vpcd's port: 35963 is "Virtual PCD 00 00", 35964 "Virtual PCD 00 01".
        #[arg(long, default_value_t = vpcd::FIRST_PORT)]
        port: u16,
        /// Which card.
        #[arg(long, value_enum, default_value_t = KindArg::Mynumber)]
        kind: KindArg,
        /// 利用者証明用暗証番号 tries left (0–3).
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(0..=3))]
        auth_tries: u8,
        /// 署名用暗証番号 tries left (0–5).
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u8).range(0..=5))]
        sign_tries: u8,
        /// 入力補助 PIN tries left (0–3).
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(0..=3))]
        input_tries: u8,
        /// Last day of the auth certificate (default: three years from today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        cert_not_after: Option<NaiveDate>,
    },
}

/// Card kinds on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    /// マイナンバーカード.
    Mynumber,
    /// 住民基本台帳カード.
    Juki,
    /// Another IC card.
    Other,
}

/// Runs a card subcommand.
pub fn run(command: &CardCommand) -> Result<Answer, Failure> {
    match command {
        CardCommand::Status { reader } => status(reader.as_deref()),
        CardCommand::Emulate {
            port,
            kind,
            auth_tries,
            sign_tries,
            input_tries,
            cert_not_after,
        } => {
            let today = clock::now().date_naive();
            let profile = CardProfile {
                kind: match kind {
                    KindArg::Mynumber => CardKind::MyNumber,
                    KindArg::Juki => CardKind::Juki,
                    KindArg::Other => CardKind::Other,
                },
                auth_tries: *auth_tries,
                sign_tries: *sign_tries,
                input_tries: *input_tries,
                cert_not_after: cert_not_after
                    .or_else(|| today.checked_add_months(Months::new(36)))
                    .unwrap_or(today),
            };
            emulate(*port, &profile)
        }
    }
}

fn status(reader: Option<&str>) -> Result<Answer, Failure> {
    let (name, status) = pcsc_reader::status(reader, clock::now())
        .map_err(|e| Failure::environment(e.code(), e.message_ja()))?;
    let mut text = format!("カードリーダー：{name}\n");
    if status.kind == CardKind::None {
        text.push_str("カードが入っていません\n");
    }
    let (_, verdict) = guidance::portal_verdict(&status);
    if !verdict.is_empty() {
        let _ = writeln!(text, "{verdict}");
    }
    for line in guidance::advise(&status) {
        let _ = writeln!(text, "- {}", line.text);
    }
    Ok(Answer::Shown {
        json: status.to_json_text(Some(&name)),
        text,
        exit: super::output::Exit::Ok,
    })
}

fn emulate(port: u16, profile: &CardProfile) -> Result<Answer, Failure> {
    let card = profile
        .build()
        .map_err(|e| Failure::refused("bad_card", format!("模擬カードを作れません（{e}）")))?;
    let inserted = Inserted::insert(port, card, None).map_err(|e| {
        Failure::environment(
            "vpcd_unreachable",
            format!("vpcd（127.0.0.1:{port}）に接続できません（{e}）。pcscd と vsmartcard-vpcd が動いているか確かめてください"),
        )
    })?;
    println!("模擬カードを挿入しました（ポート {port}）。終了すると取り出します");
    while inserted.present() {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    Ok(Answer::ok(
        serde_json::json!({"port": port, "closed": true}),
        "vpcd が接続を閉じました",
    ))
}
