//! The central schema, created and migrated by the binary (numbered, embedded migrations, like the
//! local ones), and the counters' roles. `madoguchi store init-central` runs this once with an
//! owner role; it is safe to run again (it migrates, and gives the counters new passwords).

use std::path::{Path, PathBuf};

use postgres::Client;

use super::CentralError;

/// The migrations in order; `madoguchi.schema_version` holds how many have run.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_changes", include_str!("schema/0001_changes.sql")),
    ("0002_visits", include_str!("schema/0002_visits.sql")),
];

/// The schema version this build writes.
pub const LATEST: i32 = MIGRATIONS.len() as i32;

/// The schema version on the server (0 when there is none).
pub fn version(client: &mut Client) -> Result<i32, CentralError> {
    let exists: bool = client
        .query_one(
            "SELECT to_regclass('madoguchi.schema_version') IS NOT NULL",
            &[],
        )?
        .get(0);
    if !exists {
        return Ok(0);
    }
    Ok(client
        .query_opt("SELECT version FROM madoguchi.schema_version", &[])?
        .map_or(0, |r| r.get(0)))
}

/// Refused when the server's schema is newer than this build (a counter never writes into a
/// schema it does not know).
pub fn check(client: &mut Client) -> Result<(), CentralError> {
    let found = version(client)?;
    if found > LATEST {
        return Err(CentralError::NewerSchema {
            found,
            supported: LATEST,
        });
    }
    Ok(())
}

/// Refused when the server's schema is older than `needed` (a report needs the visits table).
pub fn require(client: &mut Client, needed: i32) -> Result<(), CentralError> {
    check(client)?;
    let found = version(client)?;
    if found < needed {
        return Err(CentralError::OlderSchema { found, needed });
    }
    Ok(())
}

/// Runs every migration the server has not seen, each in its own transaction (owner only).
pub fn migrate(client: &mut Client) -> Result<i32, CentralError> {
    client.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS madoguchi;
         CREATE TABLE IF NOT EXISTS madoguchi.schema_version (version integer NOT NULL);",
    )?;
    check(client)?;
    let current = version(client)?;
    for (index, (_, sql)) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let mut tx = client.transaction()?;
        tx.batch_execute(sql)?;
        tx.execute("DELETE FROM madoguchi.schema_version", &[])?;
        let v = index as i32 + 1;
        tx.execute("INSERT INTO madoguchi.schema_version VALUES ($1)", &[&v])?;
        tx.commit()?;
    }
    Ok(LATEST)
}

/// The role name of `counter` at `site` (site names are lower-case letters, digits, hyphens).
pub fn role_name(site: &str, counter: u8) -> String {
    format!("madoguchi_{}_c{counter}", site.replace('-', "_"))
}

fn new_password() -> String {
    use rand_core::RngCore;
    const CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut bytes = [0u8; 32];
    rand_core::OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| CHARS[usize::from(*b) % CHARS.len()] as char)
        .collect()
}

/// Creates (or gives a new password to) the role of `counter` at `site`, with just what a
/// counter needs. Returns the role and its password.
pub fn add_counter(
    client: &mut Client,
    site: &str,
    counter: u8,
) -> Result<(String, String), CentralError> {
    if !crate::site::valid_site_id(site) || !(1..=9).contains(&counter) {
        return Err(CentralError::BadUrl(format!(
            "拠点名 {site} または窓口番号 {counter} が正しくありません"
        )));
    }
    let role = role_name(site, counter);
    let password = new_password();
    // Both are made of [a-z0-9_] and [A-Za-z0-9]: nothing to escape in the statement.
    let exists = client
        .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&role])?
        .is_some();
    let verb = if exists { "ALTER" } else { "CREATE" };
    let mut tx = client.transaction()?;
    tx.batch_execute(&format!(
        "{verb} ROLE \"{role}\" LOGIN PASSWORD '{password}';
         GRANT USAGE ON SCHEMA madoguchi TO \"{role}\";
         GRANT SELECT ON madoguchi.counters, madoguchi.schema_version TO \"{role}\";
         GRANT SELECT, INSERT ON madoguchi.changes TO \"{role}\";
         GRANT SELECT ON madoguchi.visits TO \"{role}\";"
    ))?;
    let counter = i32::from(counter);
    tx.execute(
        "INSERT INTO madoguchi.counters (role_name, site, counter) VALUES ($1, $2, $3)
         ON CONFLICT (role_name) DO UPDATE SET site = $2, counter = $3",
        &[&role, &site, &counter],
    )?;
    tx.commit()?;
    Ok((role, password))
}

/// Sets up the shared store for `site` with `counters` counters: the schema, one role each, and
/// each role's password in `out/<site>-counter<N>.password` (owner-only) for IT to carry to that
/// counter. Returns the files.
pub fn init(
    client: &mut Client,
    site: &str,
    counters: u8,
    out: &Path,
) -> Result<Vec<(String, PathBuf)>, CentralError> {
    migrate(client)?;
    std::fs::create_dir_all(out).map_err(|e| CentralError::PasswordFile {
        path: out.to_path_buf(),
        detail: e.to_string(),
    })?;
    #[cfg(unix)]
    {
        // The folder holds every counter's password: only its owner may list or read it.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(out, std::fs::Permissions::from_mode(0o700)).map_err(|e| {
            CentralError::PasswordFile {
                path: out.to_path_buf(),
                detail: e.to_string(),
            }
        })?;
    }
    let mut made = Vec::new();
    for counter in 1..=counters {
        let (role, password) = add_counter(client, site, counter)?;
        let file = out.join(format!("{site}-counter{counter}.password"));
        write_owner_only(&file, &format!("{password}\n"))?;
        made.push((role, file));
    }
    Ok(made)
}

fn write_owner_only(file: &Path, text: &str) -> Result<(), CentralError> {
    let bad = |e: std::io::Error| CentralError::PasswordFile {
        path: file.to_path_buf(),
        detail: e.to_string(),
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    let mut f = options.open(file).map_err(bad)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(bad)?;
    }
    f.write_all(text.as_bytes()).map_err(bad)
}

/// The site and counter the connected role belongs to.
pub fn whoami(client: &mut Client) -> Result<Option<(String, u8)>, CentralError> {
    Ok(client
        .query_opt(
            "SELECT site, counter FROM madoguchi.counters WHERE role_name = current_user",
            &[],
        )?
        .map(|r| {
            let counter: i32 = r.get(1);
            (r.get(0), u8::try_from(counter).unwrap_or(0))
        }))
}
