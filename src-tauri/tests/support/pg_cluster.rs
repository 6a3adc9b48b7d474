//! A throw-away PostgreSQL server for tests: `initdb` in a temporary folder (as the `postgres`
//! user when the tests run as root: `initdb` refuses root), listening on its own Unix socket and
//! a free loopback port, stopped and deleted at the end. Never a mock. Debian's `postgresql`
//! package provides the programs (`.ci/run` installs it); without them the tests fail and say so.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A running server.
pub struct Cluster {
    root: PathBuf,
    bin: PathBuf,
    /// The loopback port (also the socket's number).
    pub port: u16,
}

fn bin_dir() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| d.flatten().map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    found.sort();
    found
        .into_iter()
        .rev()
        .find(|b| b.join("initdb").exists())
        .expect("PostgreSQL is not installed: apt-get install postgresql (scripts/dev test does)")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn id_of(flag: &str) -> u32 {
    let out = Command::new("id")
        .args([flag, "postgres"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Cluster {
    /// Starts a new server.
    pub fn start() -> Self {
        let bin = bin_dir();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let root =
            std::env::temp_dir().join(format!("madoguchi-pg-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        if is_root() {
            std::os::unix::fs::chown(&root, Some(id_of("-u")), Some(id_of("-g"))).unwrap();
        }
        let cluster = Self {
            root,
            bin,
            port: free_port(),
        };
        let data = cluster.data();
        cluster.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "postgres",
                "--auth=trust",
                "--no-locale",
                "-E",
                "UTF8",
            ],
        );
        cluster.write_hba("host");
        cluster.start_again();
        cluster
    }

    /// The owner over the socket without a password; every other role with its password, over
    /// the socket or the loopback port (`host`, or `hostssl`: TLS only).
    fn write_hba(&self, tcp: &str) {
        let hba = format!(
            "local all postgres trust\nlocal all all scram-sha-256\n{tcp} all all 127.0.0.1/32 scram-sha-256\n"
        );
        self.run(
            "sh",
            &[
                "-c",
                &format!("printf '{hba}' > {}/pg_hba.conf", self.data().display()),
            ],
        );
    }

    fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    /// The folder of the server's Unix socket.
    pub fn socket_dir(&self) -> &Path {
        &self.root
    }

    /// `program` (a PostgreSQL program, or `sh`) as the user that owns the cluster.
    fn command(&self, program: &str) -> Command {
        let path = if program == "sh" {
            PathBuf::from("sh")
        } else {
            self.bin.join(program)
        };
        if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    fn run(&self, program: &str, args: &[&str]) {
        let out = self.command(program).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{program} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts the server (again, after [`Cluster::stop`]). `fsync=off` is safe for what the
    /// tests do (a stopped server process, not a lost machine: the OS still has every write);
    /// `synchronous_commit` stays on, or a stop would lose commits the client was told of.
    pub fn start_again(&self) {
        let mut options = format!(
            "-k {} -p {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.root.display(),
            self.port
        );
        if self.tls_key().exists() {
            options.push_str(&format!(
                " -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
                self.tls_cert().display(),
                self.tls_key().display()
            ));
        }
        self.run(
            "pg_ctl",
            &[
                "-D",
                self.data().to_str().unwrap(),
                "-l",
                self.root.join("server.log").to_str().unwrap(),
                "-o",
                &options,
                "-w",
                "start",
            ],
        );
    }

    fn tls_cert(&self) -> PathBuf {
        self.root.join("server.crt")
    }

    fn tls_key(&self) -> PathBuf {
        self.root.join("server.key")
    }

    /// Restarts the server with TLS on the loopback port, with this certificate chain and key
    /// (PEM). Over TCP only TLS connections are then accepted (`hostssl`).
    pub fn enable_tls(&self, cert_pem: &str, key_pem: &str) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::write(self.tls_cert(), cert_pem).unwrap();
        std::fs::write(self.tls_key(), key_pem).unwrap();
        for f in [self.tls_cert(), self.tls_key()] {
            std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
            if is_root() {
                std::os::unix::fs::chown(&f, Some(id_of("-u")), Some(id_of("-g"))).unwrap();
            }
        }
        self.write_hba("hostssl");
        self.stop();
        self.start_again();
    }

    /// Stops the server at once (as a crash or a pulled cable would look to a client).
    pub fn stop(&self) {
        self.run(
            "pg_ctl",
            &[
                "-D",
                self.data().to_str().unwrap(),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
    }

    /// The owner's connection string (over the socket).
    pub fn owner_url(&self) -> String {
        format!(
            "host={} port={} user=postgres dbname=postgres",
            self.root.display(),
            self.port
        )
    }

    /// A role's connection string over the socket.
    pub fn url_for(&self, role: &str) -> String {
        format!(
            "host={} port={} user={role} dbname=postgres",
            self.root.display(),
            self.port
        )
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .args([
                "-D",
                self.data().to_str().unwrap(),
                "-m",
                "immediate",
                "stop",
            ])
            .output();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}
