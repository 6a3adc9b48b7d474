//! Queries of the `accounts` table.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{AuthError, Role};
use crate::store::Store;

/// A staff account as the app shows it (never with its hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Sign-in ID.
    pub login_id: String,
    /// Name shown on screen.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Whether it may sign in.
    pub active: bool,
    /// Created for demo mode.
    pub demo: bool,
    /// Its holder must choose a new password before doing anything else.
    pub must_change_password: bool,
    /// The information-security officer (情報管理責任者): reads the audit trail.
    pub security_officer: bool,
}

/// What is needed to create an account.
#[derive(Debug, Clone, Deserialize)]
pub struct NewAccount {
    /// Sign-in ID.
    pub login_id: String,
    /// Name shown on screen.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// The password in clear; hashed before it is stored, never logged.
    pub password: String,
}

fn account(row: &Row<'_>) -> rusqlite::Result<Account> {
    let role: String = row.get(2)?;
    Ok(Account {
        login_id: row.get(0)?,
        display_name: row.get(1)?,
        role: Role::from_code(&role).unwrap_or(Role::Operator),
        active: row.get(3)?,
        demo: row.get(4)?,
        must_change_password: row.get(5)?,
        security_officer: row.get(6)?,
    })
}

pub(super) fn find_with_hash(
    store: &Store,
    login_id: &str,
) -> Result<Option<(Account, String)>, AuthError> {
    Ok(store
        .conn
        .query_row(
            "SELECT login_id, display_name, role, active, demo, must_change_password, security_officer,
                    password_hash
             FROM accounts WHERE login_id = ?1",
            [login_id],
            |r| Ok((account(r)?, r.get::<_, String>(7)?)),
        )
        .optional()?)
}

pub(super) fn insert(
    store: &Store,
    id: &str,
    name: &str,
    role: Role,
    hash: &str,
    demo: bool,
    must_change: bool,
) -> Result<(), AuthError> {
    store.conn.execute(
        "INSERT INTO accounts (login_id, display_name, role, password_hash, demo, must_change_password, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, datetime('now'))",
        params![id, name, role.code(), hash, demo, must_change],
    )?;
    Ok(())
}

pub(super) fn list(store: &Store) -> Result<Vec<Account>, AuthError> {
    let mut stmt = store.conn.prepare(
        "SELECT login_id, display_name, role, active, demo, must_change_password, security_officer
         FROM accounts ORDER BY role, login_id",
    )?;
    let rows = stmt.query_map([], account)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Makes `id` the one security officer (`None`: nobody). Returns the rows that named `id`.
pub(super) fn set_security_officer(store: &Store, id: Option<&str>) -> Result<usize, AuthError> {
    store
        .conn
        .execute("UPDATE accounts SET security_officer = 0", [])?;
    match id {
        Some(id) => Ok(store.conn.execute(
            "UPDATE accounts SET security_officer = 1 WHERE login_id = ?1 AND active = 1",
            [id],
        )?),
        None => Ok(0),
    }
}

pub(super) fn set_active(store: &Store, id: &str, active: bool) -> Result<usize, AuthError> {
    Ok(store.conn.execute(
        "UPDATE accounts SET active = ?2 WHERE login_id = ?1",
        params![id, active],
    )?)
}

pub(super) fn set_hash(
    store: &Store,
    id: &str,
    hash: &str,
    must_change: bool,
) -> Result<usize, AuthError> {
    Ok(store.conn.execute(
        "UPDATE accounts SET password_hash = ?2, must_change_password = ?3 WHERE login_id = ?1",
        params![id, hash, must_change],
    )?)
}
