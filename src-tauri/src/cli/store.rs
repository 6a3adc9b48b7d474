//! `madoguchi store …` and `madoguchi sync`: the city's shared store for IT staff.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Subcommand;
use serde_json::json;

use super::output::{Answer, Failure};
use super::{done, with_ctx};
use crate::app;
use crate::central::Target;
use crate::launch::LaunchInfo;

/// `madoguchi store …`.
#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Set up the shared store once, with an owner role: the schema, one role per counter, and
    /// each role's password in DIR (owner-only files to carry to each counter).
    InitCentral {
        /// The owner's connection URL (no password in it), e.g. postgresql://admin@db.city.lg.jp/madoguchi.
        url: String,
        /// The owner's password file (owner-only); none for a local socket with peer auth.
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
        /// The site (office) name: lower-case letters, digits, hyphens.
        #[arg(long, default_value = crate::site::DEFAULT_SITE)]
        site: String,
        /// How many counters the site has.
        #[arg(long, default_value_t = 2)]
        counters: u8,
        /// Where to write the counters' password files (default: `central-keys` in the data
        /// folder, owner-only).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Connect this counter with its own role (checked against its counter number and site).
    Connect {
        /// The counter role's connection URL (no password in it).
        url: String,
        /// The role's password file (owner-only).
        #[arg(long, value_name = "FILE")]
        password_file: PathBuf,
        /// The site (office) name; without it, the role's site.
        #[arg(long)]
        site: Option<String>,
        /// A CA certificate (PEM) to trust besides the system's.
        #[arg(long, value_name = "FILE")]
        ca_file: Option<PathBuf>,
    },
    /// Connected or not, the last push and pull, what waits, what could not be placed.
    Status,
    /// Stop syncing (the change log is kept for a later connection).
    Disconnect,
}

/// Runs a `store` subcommand.
pub fn run(launch: &LaunchInfo, action: &StoreCommand) -> Result<Answer, Failure> {
    match action {
        StoreCommand::InitCentral {
            url,
            password_file,
            site,
            counters,
            out,
        } => {
            let out = out
                .clone()
                .unwrap_or_else(|| launch.data_dir.join("central-keys"));
            let made = with_ctx(launch, |cx| {
                Ok(app::shared_store::init_central(
                    cx,
                    url,
                    password_file.as_deref(),
                    site,
                    *counters,
                    &out,
                )?)
            })?;
            let mut text = format!("共有データベースを設定しました（拠点 {site}）。\n");
            for (role, file) in &made {
                let _ = writeln!(text, "{role}\t{}", file.display());
            }
            Ok(done(json!({"site": site, "roles": made}), text))
        }
        StoreCommand::Connect {
            url,
            password_file,
            site,
            ca_file,
        } => {
            let target = Target {
                url: url.clone(),
                password_file: Some(password_file.clone()),
                ca_file: ca_file.clone(),
            };
            let joined = with_ctx(launch, |cx| {
                Ok(app::shared_store::connect(cx, &target, site.as_deref())?)
            })?;
            let text = format!(
                "共有データベースに接続しました（拠点 {}・第{}窓口）。",
                joined.site, joined.counter
            );
            Ok(Answer::ok(&joined, text))
        }
        StoreCommand::Status => {
            let st = with_ctx(launch, |cx| Ok(app::shared_store::status(cx)?))?;
            let mut text = if st.connected {
                format!(
                    "接続先：{}（拠点 {}・第{}窓口）\n",
                    st.url.as_deref().unwrap_or(""),
                    st.site,
                    st.counter
                )
            } else {
                "共有データベースに接続していません。\n".into()
            };
            let _ = writeln!(text, "送信待ち：{}件", st.pending);
            if let Some(ok) = &st.last.last_ok {
                let _ = writeln!(text, "最後の同期：{ok}");
            }
            if let Some((at, e)) = &st.last.last_error {
                let _ = writeln!(text, "最後の失敗：{at} {e}");
            }
            for (record, problem) in &st.problems {
                let _ = writeln!(text, "反映できない変更：{record} {problem}");
            }
            Ok(Answer::ok(&st, text))
        }
        StoreCommand::Disconnect => {
            with_ctx(launch, |cx| Ok(app::shared_store::disconnect(cx)?))?;
            Ok(done(
                json!({"connected": false}),
                "共有データベースとの同期を止めました。",
            ))
        }
    }
}

/// `madoguchi sync`: one round now.
pub fn sync(launch: &LaunchInfo) -> Result<Answer, Failure> {
    let r = with_ctx(launch, |cx| Ok(app::shared_store::sync_now(cx)?))?;
    let text = format!(
        "同期しました：送信 {}件、受信 {}件（反映 {}件・既存 {}件・反映できず {}件）。",
        r.pushed, r.pulled, r.applied, r.kept, r.failed
    );
    Ok(Answer::ok(r, text))
}
