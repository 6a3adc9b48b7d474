//! The probe itself: resolve, connect, TLS, one HTTP request, each with the time limit.

use std::io::ErrorKind;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::path::Path;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use url::{Host, Url};

use super::http::{get_head, Head, HeadError};
use super::{Cause, Probe};

/// Probes targets with one TLS configuration and one time limit per step.
#[derive(Clone)]
pub struct Prober {
    tls: Arc<rustls::ClientConfig>,
    timeout: Duration,
}

impl Prober {
    /// The system's roots plus `ca_file`; `timeout` for each step (resolve, connect, answer).
    pub fn new(ca_file: Option<&Path>, timeout: Duration) -> Result<Self, String> {
        Ok(Self {
            tls: crate::tls::client_config(ca_file)?,
            timeout,
        })
    }

    /// Probes `url` once.
    pub fn probe(&self, url: &str) -> Probe {
        let bad = |why: &str| Probe::failed(url, Cause::BadTarget, why.to_string());
        let Ok(parsed) = Url::parse(url) else {
            return bad("確認先のアドレスが正しくありません");
        };
        let https = match parsed.scheme() {
            "https" => true,
            "http" => false,
            _ => return bad("確認先は http:// か https:// で指定してください"),
        };
        let (Some(host), Some(port)) = (parsed.host(), parsed.port_or_known_default()) else {
            return bad("確認先にホスト名がありません");
        };
        let name = match &host {
            Host::Domain(d) => d.to_string(),
            Host::Ipv4(ip) => ip.to_string(),
            Host::Ipv6(ip) => ip.to_string(),
        };
        let addrs = match self.resolve(&host, &name, port) {
            Ok(addrs) => addrs,
            Err(probe) => return probe.at(url),
        };
        let started = Instant::now();
        let mut tcp = match connect(&addrs, self.timeout) {
            Ok(tcp) => tcp,
            Err(e) if timed_out(&e) => {
                return Probe::failed(
                    url,
                    Cause::Timeout,
                    format!("{name}:{port} に接続できません（時間切れ）"),
                )
            }
            Err(e) => {
                return Probe::failed(
                    url,
                    Cause::NoRoute,
                    format!("{name}:{port} に接続できません（{e}）"),
                )
            }
        };
        let _ = tcp.set_read_timeout(Some(self.timeout));
        let _ = tcp.set_write_timeout(Some(self.timeout));
        let path = match parsed.query() {
            Some(q) => format!("{}?{q}", parsed.path()),
            None => parsed.path().to_string(),
        };
        let sent = Utc::now();
        let head = if https {
            match self.handshake(&name, &mut tcp) {
                Ok(mut conn) => {
                    get_head(&mut rustls::Stream::new(&mut conn, &mut tcp), &name, &path)
                }
                Err(probe) => return probe.at(url),
            }
        } else {
            get_head(&mut tcp, &name, &path)
        };
        let latency = started.elapsed().as_millis() as u64;
        match head {
            Ok(head) => judge(url, https, head, latency, sent),
            Err(HeadError::Io(e)) if timed_out(&e) => Probe::failed(
                url,
                Cause::Timeout,
                format!(
                    "{name} から {} 秒以内に応答がありません",
                    self.timeout.as_secs_f32()
                ),
            ),
            Err(HeadError::Io(e)) => Probe::failed(
                url,
                Cause::Http,
                format!("{name} の応答を読めません（{e}）"),
            ),
            Err(HeadError::NotHttp(first)) => Probe::failed(
                url,
                Cause::Http,
                format!("{name} の応答が HTTP ではありません（{first}）"),
            ),
        }
    }

    /// The addresses of `host`; the system resolver runs on its own thread so the time limit holds.
    fn resolve(&self, host: &Host<&str>, name: &str, port: u16) -> Result<Vec<SocketAddr>, Failed> {
        let Host::Domain(domain) = host else {
            return (name, port)
                .to_socket_addrs()
                .map(Iterator::collect)
                .map_err(|e| Failed(Cause::BadTarget, e.to_string()));
        };
        let (tx, rx) = mpsc::channel();
        let query = format!("{domain}:{port}");
        std::thread::spawn(move || {
            let _ = tx.send(query.to_socket_addrs().map(Iterator::collect::<Vec<_>>));
        });
        match rx.recv_timeout(self.timeout) {
            Ok(Ok(addrs)) if !addrs.is_empty() => Ok(addrs),
            Ok(Ok(_)) => Err(Failed(
                Cause::Dns,
                format!("{domain} の名前を解決できません（アドレスなし）"),
            )),
            Ok(Err(e)) => Err(Failed(
                Cause::Dns,
                format!("{domain} の名前を解決できません（{e}）"),
            )),
            Err(_) => Err(Failed(
                Cause::Dns,
                format!(
                    "{domain} の名前解決が {} 秒以内に終わりません",
                    self.timeout.as_secs_f32()
                ),
            )),
        }
    }

    /// The TLS handshake: the certificate chain and the host name verified by rustls.
    fn handshake(
        &self,
        name: &str,
        tcp: &mut TcpStream,
    ) -> Result<rustls::ClientConnection, Failed> {
        let server = rustls::pki_types::ServerName::try_from(name.to_string())
            .map_err(|e| Failed(Cause::BadTarget, e.to_string()))?;
        let mut conn = rustls::ClientConnection::new(Arc::clone(&self.tls), server)
            .map_err(|e| Failed(Cause::Tls, e.to_string()))?;
        while conn.is_handshaking() {
            if let Err(e) = conn.complete_io(tcp) {
                return Err(if timed_out(&e) {
                    Failed(
                        Cause::Timeout,
                        format!("{name} の TLS 接続が時間内に終わりません"),
                    )
                } else {
                    Failed(
                        Cause::Tls,
                        format!("{name} の証明書を確認できません（{e}）"),
                    )
                });
            }
        }
        Ok(conn)
    }
}

/// A step that failed, before the URL is attached.
struct Failed(Cause, String);

impl Failed {
    fn at(self, url: &str) -> Probe {
        Probe::failed(url, self.0, self.1)
    }
}

fn timed_out(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock)
}

fn connect(addrs: &[SocketAddr], timeout: Duration) -> std::io::Result<TcpStream> {
    let mut last = std::io::Error::new(ErrorKind::NotFound, "アドレスなし");
    for addr in addrs {
        match TcpStream::connect_timeout(addr, timeout) {
            Ok(tcp) => return Ok(tcp),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// What the answer means. A `http://` target is a connectivity check: only `204` is the open
/// internet; a redirect or a page is a login page in between, a server error the check's own.
fn judge(url: &str, https: bool, head: Head, latency: u64, sent: DateTime<Utc>) -> Probe {
    let offset = head
        .date
        .as_deref()
        .and_then(|d| DateTime::parse_from_rfc2822(d).ok())
        .map(|server| {
            // The server's second was stamped between sending and now: compare with the middle,
            // and the whole second it names with its middle too.
            let middle = sent + (Utc::now() - sent) / 2;
            let server = server.with_timezone(&Utc) + chrono::Duration::milliseconds(500);
            ((server - middle).num_milliseconds() as f64 / 1000.0).round() as i64
        });
    let status = head.status;
    let (ok, cause, detail) = if !https {
        match status {
            204 => (true, None, format!("接続確認 OK（{latency} ms）")),
            300..=399 => (
                false,
                Some(Cause::CaptivePortal),
                format!(
                    "ログイン画面へ転送されます（{}）。Wi-Fi のログインが必要です",
                    head.location.as_deref().unwrap_or("転送先不明")
                ),
            ),
            // A server error is the check's server failing, not a login page in between.
            500..=599 => (
                false,
                Some(Cause::Http),
                format!("接続確認のサーバーがエラーを返しました（{status}）"),
            ),
            _ => (
                false,
                Some(Cause::CaptivePortal),
                format!("接続確認に別のページが返りました（{status}）。Wi-Fi のログインが必要かもしれません"),
            ),
        }
    } else if status >= 500 {
        (
            false,
            Some(Cause::Http),
            format!("サーバーがエラーを返しました（{status}）"),
        )
    } else {
        (true, None, format!("応答 {status}（{latency} ms）"))
    };
    Probe {
        url: url.to_string(),
        ok,
        cause,
        detail,
        status: Some(status),
        latency_ms: Some(latency),
        clock_offset_s: offset,
    }
}
