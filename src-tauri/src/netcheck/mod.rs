//! One look at a network target, the way the counter needs it before opening and while open: the
//! name resolves (DNS), a connection is made, the TLS certificate is valid for the name, and the
//! server answers HTTP — each step timed, and a failure named by the step that failed, so the
//! header can say which kind of outage it is. A plain `http://` target is a connectivity check
//! that must answer `204 No Content`: a Wi-Fi login page (captive portal) answers it with its own
//! page or a redirect instead. The server's `Date` header gives this PC's clock offset.
//!
//! Written on the standard library and rustls (already the shared store's TLS): a probe needs the
//! status line and two headers, not an HTTP client.

mod http;
mod probe;

pub use probe::Prober;

use serde::{Deserialize, Serialize};

/// Which step failed: the outage's cause category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// The address is not one this checks (not http/https, no host).
    BadTarget,
    /// The name does not resolve.
    Dns,
    /// No connection: refused, unreachable, no network.
    NoRoute,
    /// The TLS handshake failed: an untrusted or wrong certificate.
    Tls,
    /// The server answered with an error status (5xx), or not in HTTP.
    Http,
    /// The connectivity check was answered by a login page.
    CaptivePortal,
    /// No answer within the time limit.
    Timeout,
}

impl Cause {
    /// Every cause.
    pub const ALL: [Cause; 7] = [
        Self::BadTarget,
        Self::Dns,
        Self::NoRoute,
        Self::Tls,
        Self::Http,
        Self::CaptivePortal,
        Self::Timeout,
    ];

    /// The stored code (as in JSON).
    pub fn code(self) -> &'static str {
        match self {
            Self::BadTarget => "bad_target",
            Self::Dns => "dns",
            Self::NoRoute => "no_route",
            Self::Tls => "tls",
            Self::Http => "http",
            Self::CaptivePortal => "captive_portal",
            Self::Timeout => "timeout",
        }
    }

    /// From the stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// In Japanese, for the header and the reports.
    pub fn label(self) -> &'static str {
        match self {
            Self::BadTarget => "確認先の指定",
            Self::Dns => "名前解決（DNS）",
            Self::NoRoute => "接続できない（経路なし）",
            Self::Tls => "証明書（TLS）",
            Self::Http => "サーバーの応答（HTTP）",
            Self::CaptivePortal => "Wi-Fi のログイン画面",
            Self::Timeout => "応答なし（時間切れ）",
        }
    }
}

/// What one probe found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Probe {
    /// The address probed.
    pub url: String,
    /// It answered as it should.
    pub ok: bool,
    /// Why not.
    pub cause: Option<Cause>,
    /// In Japanese: what was found.
    pub detail: String,
    /// The HTTP status, if one came.
    pub status: Option<u16>,
    /// Milliseconds from the start of the connection to the answer's first line.
    pub latency_ms: Option<u64>,
    /// The server's clock minus this PC's, in seconds (from its `Date` header).
    pub clock_offset_s: Option<i64>,
}

impl Probe {
    /// A probe that failed at `cause` (also for a target that could not be probed at all).
    pub fn failed(url: &str, cause: Cause, detail: String) -> Self {
        Self {
            url: url.to_string(),
            ok: false,
            cause: Some(cause),
            detail,
            status: None,
            latency_ms: None,
            clock_offset_s: None,
        }
    }
}

#[cfg(test)]
#[path = "../../tests/support/test_pki.rs"]
mod test_pki;
#[cfg(test)]
mod tests;
