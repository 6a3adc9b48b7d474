//! `madoguchi user create|list`: staff accounts (the first site manager on a new install).

use std::fmt::Write as _;

use clap::{Subcommand, ValueEnum};

use super::output::{Answer, Failure};
use super::with_ctx;
use crate::app;
use crate::auth::{NewAccount, Role};
use crate::launch::LaunchInfo;

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

fn password(from_stdin: bool) -> Result<String, Failure> {
    let unreadable = |e: std::io::Error| {
        Failure::refused("no_password", format!("パスワードを読めません（{e}）"))
    };
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map_err(unreadable)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    let first = rpassword::prompt_password("パスワード：").map_err(unreadable)?;
    let again = rpassword::prompt_password("パスワード（確認）：").map_err(unreadable)?;
    if first != again {
        return Err(Failure::refused(
            "password_mismatch",
            "パスワードが一致しません",
        ));
    }
    Ok(first)
}

/// Runs `user create` or `user list`.
pub fn run(launch: &LaunchInfo, action: &UserCommand) -> Result<Answer, Failure> {
    match action {
        UserCommand::List => {
            let list = with_ctx(launch, |cx| Ok(app::accounts::list(cx)?))?;
            let mut text = String::new();
            for a in &list {
                let state = if a.active { "" } else { "（停止中）" };
                let _ = writeln!(
                    text,
                    "{}\t{}\t{}{state}",
                    a.login_id,
                    a.role.label(),
                    a.display_name
                );
            }
            Ok(Answer::ok(&list, text))
        }
        UserCommand::Create {
            id,
            name,
            role,
            password_stdin,
        } => {
            let new = NewAccount {
                login_id: id.clone(),
                display_name: name.clone(),
                role: (*role).into(),
                password: password(*password_stdin)?,
            };
            let account = with_ctx(launch, |cx| Ok(app::accounts::create(cx, &new)?))?;
            let text = format!(
                "{}（{}）を作成しました。",
                account.login_id,
                account.role.label()
            );
            Ok(Answer::ok(&account, text))
        }
    }
}
