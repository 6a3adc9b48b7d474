//! Connecting to the shared store: the URL (a password in it is refused), the password from an
//! owner-only file, TLS with verification for TCP hosts, and short timeouts so a dead network
//! costs the worker seconds, not minutes.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};

use super::{CentralError, Target};

/// How long connecting may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The connection settings of `target`, checked: no password in the URL.
pub fn config(target: &Target) -> Result<Config, CentralError> {
    let mut config: Config = target
        .url
        .parse()
        .map_err(|e: postgres::Error| CentralError::BadUrl(e.to_string()))?;
    if config.get_password().is_some() {
        return Err(CentralError::BadUrl(
            "URL にパスワードを書かないでください。--password-file で指定します".into(),
        ));
    }
    if config.get_user().is_none() {
        return Err(CentralError::BadUrl(
            "ユーザー（ロール）がありません".into(),
        ));
    }
    if let Some(file) = &target.password_file {
        config.password(read_password(file)?);
    }
    config
        .connect_timeout(CONNECT_TIMEOUT)
        .keepalives(true)
        .keepalives_idle(Duration::from_secs(30))
        .options("-c statement_timeout=30000")
        .application_name("madoguchi");
    Ok(config)
}

/// The password in `file`: its first line; the file must be readable by its owner only.
pub fn read_password(file: &Path) -> Result<String, CentralError> {
    let bad = |detail: String| CentralError::PasswordFile {
        path: file.to_path_buf(),
        detail,
    };
    let meta = std::fs::metadata(file).map_err(|e| bad(e.to_string()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return Err(bad(
                "所有者以外も読めます。chmod 600 で所有者だけにしてください".into(),
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    let text = std::fs::read_to_string(file).map_err(|e| bad(e.to_string()))?;
    let password = text.lines().next().unwrap_or("").to_string();
    if password.is_empty() {
        return Err(bad("空です".into()));
    }
    Ok(password)
}

fn only_unix_sockets(config: &Config) -> bool {
    !config.get_hosts().is_empty()
        && config
            .get_hosts()
            .iter()
            .all(|h| matches!(h, Host::Unix(_)))
}

/// The TLS connector: the system's roots, and the CA file when one is given (see [`crate::tls`]).
fn tls(target: &Target) -> Result<tokio_postgres_rustls::MakeRustlsConnect, CentralError> {
    let config = crate::tls::client_config(target.ca_file.as_deref()).map_err(CentralError::Tls)?;
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(
        Arc::unwrap_or_clone(config),
    ))
}

/// Connects to `target`.
pub fn connect(target: &Target) -> Result<Client, CentralError> {
    let mut config = config(target)?;
    if only_unix_sockets(&config) {
        return config
            .connect(NoTls)
            .map_err(|e| CentralError::Connect(super::describe(&e)));
    }
    let failed = |e: postgres::Error| CentralError::Connect(super::describe(&e));
    if only_this_machine(&config) {
        // The loopback interface never leaves the machine: TLS when the server offers it (and
        // then verified like any other), plain when it does not and the URL does not ask for it.
        return match tls(target) {
            Ok(tls) => config.connect(tls).map_err(failed),
            Err(_) if config.get_ssl_mode() != SslMode::Require => {
                config.ssl_mode(SslMode::Disable);
                config.connect(NoTls).map_err(failed)
            }
            Err(e) => Err(e),
        };
    }
    // Over the network the connection is encrypted whatever the URL says.
    config.ssl_mode(SslMode::Require);
    config.connect(tls(target)?).map_err(failed)
}

/// Every host is this machine: a Unix socket or a loopback address.
fn only_this_machine(config: &Config) -> bool {
    let loopback = |h: &Host| match h {
        Host::Unix(_) => true,
        Host::Tcp(name) => {
            name == "localhost"
                || name
                    .trim_matches(['[', ']'])
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
    };
    !config.get_hosts().is_empty()
        && config.get_hosts().iter().all(loopback)
        && config.get_hostaddrs().iter().all(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(url: &str) -> Target {
        Target {
            url: url.into(),
            password_file: None,
            ca_file: None,
        }
    }

    #[test]
    fn only_a_socket_or_the_loopback_counts_as_this_machine() {
        let local = |url: &str| only_this_machine(&url.parse::<Config>().unwrap());
        for url in [
            "host=/run/postgresql",
            "host=127.0.0.1 port=5432",
            "host=localhost",
            "postgresql://c1@[::1]:5432/madoguchi",
            "host=localhost hostaddr=127.0.0.1",
        ] {
            assert!(local(url), "{url}");
        }
        for url in [
            "host=db.city.example.lg.jp",
            "host=10.0.0.5",
            "host=localhost hostaddr=10.0.0.5",
            "host=127.0.0.1,db.city.example.lg.jp",
            "postgresql://c1@127.0.0.2.example/madoguchi",
        ] {
            assert!(!local(url), "{url}");
        }
    }

    #[test]
    fn a_password_never_comes_in_the_url_and_the_file_is_the_owners() {
        assert!(matches!(
            config(&target(
                "postgresql://c1:secret@db.city.example.lg.jp/madoguchi"
            )),
            Err(CentralError::BadUrl(_))
        ));
        assert!(matches!(
            config(&target("host=db.city.example.lg.jp dbname=madoguchi")),
            Err(CentralError::BadUrl(_))
        ));
        assert!(config(&target("postgresql://c1@db.city.example.lg.jp/madoguchi")).is_ok());

        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pw");
        std::fs::write(&file, "s3cret-pass\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert!(matches!(
                read_password(&file),
                Err(CentralError::PasswordFile { .. })
            ));
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        assert_eq!(read_password(&file).unwrap(), "s3cret-pass");
    }
}
