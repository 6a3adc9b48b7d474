//! Probes against servers on this machine only: an HTTPS server with a test CA's certificate for
//! 127.0.0.1, the same seen without the CA or under another name, a closed port, a server that
//! never answers, one that answers 503, and a connectivity check answered by a login page.
#![allow(clippy::unwrap_used)]

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::test_pki::{serve, TestPki};
use super::{Cause, Prober};

/// A test CA written to a file, and the server configuration it trusts.
struct Pki {
    ca_file: PathBuf,
    server: Arc<rustls::ServerConfig>,
    _dir: tempfile::TempDir,
}

fn pki() -> Pki {
    let pki = TestPki::for_loopback();
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, &pki.ca_pem).unwrap();
    Pki {
        ca_file,
        server: pki.server_config(),
        _dir: dir,
    }
}

/// Always `text`.
fn says(text: &str) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let text = text.to_string();
    move || Some(text.clone())
}

/// Reads the request and says nothing.
fn silent() -> Option<String> {
    None
}

fn ok_answer(date: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nDate: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        date.format("%a, %d %b %Y %H:%M:%S GMT")
    )
}

fn prober(ca: Option<&PathBuf>) -> Prober {
    Prober::new(ca.map(PathBuf::as_path), Duration::from_millis(800)).unwrap()
}

#[test]
fn a_good_target_answers_with_its_latency_and_the_clock_offset() {
    let pki = pki();
    let ahead = chrono::Utc::now() + chrono::Duration::seconds(90);
    let port = serve(Some(Arc::clone(&pki.server)), says(&ok_answer(ahead)));
    let p = prober(Some(&pki.ca_file)).probe(&format!("https://127.0.0.1:{port}/status?x=1"));
    assert!(p.ok, "{p:?}");
    assert_eq!((p.cause, p.status), (None, Some(200)));
    assert!(p.latency_ms.is_some());
    let offset = p.clock_offset_s.unwrap();
    assert!(
        (89..=91).contains(&offset),
        "the server's clock is 90 s ahead: {offset}"
    );
}

#[test]
fn an_untrusted_certificate_or_another_name_is_a_tls_failure() {
    let pki = pki();
    let port = serve(
        Some(Arc::clone(&pki.server)),
        says(&ok_answer(chrono::Utc::now())),
    );
    let p = prober(None).probe(&format!("https://127.0.0.1:{port}/"));
    assert_eq!(p.cause, Some(Cause::Tls), "{p:?}");
    assert!(p.detail.contains("証明書"), "{}", p.detail);
    // The right CA, but the certificate is for 127.0.0.1, not `localhost`.
    let p = prober(Some(&pki.ca_file)).probe(&format!("https://localhost:{port}/"));
    assert_eq!(p.cause, Some(Cause::Tls), "{p:?}");
}

#[test]
fn a_closed_port_is_no_route_and_silence_is_a_timeout() {
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let p = prober(None).probe(&format!("https://127.0.0.1:{closed}/"));
    assert_eq!(p.cause, Some(Cause::NoRoute), "{p:?}");
    let silent_port = serve(None, silent);
    let p = prober(None).probe(&format!("http://127.0.0.1:{silent_port}/generate_204"));
    assert_eq!(p.cause, Some(Cause::Timeout), "{p:?}");
    let pki = pki();
    let silent_tls = serve(Some(Arc::clone(&pki.server)), silent);
    let p = prober(Some(&pki.ca_file)).probe(&format!("https://127.0.0.1:{silent_tls}/"));
    assert_eq!(p.cause, Some(Cause::Timeout), "{p:?}");
}

#[test]
fn a_server_error_is_an_http_failure() {
    let pki = pki();
    let answer = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n";
    let port = serve(Some(Arc::clone(&pki.server)), says(answer));
    let p = prober(Some(&pki.ca_file)).probe(&format!("https://127.0.0.1:{port}/"));
    assert_eq!((p.cause, p.status), (Some(Cause::Http), Some(503)), "{p:?}");
    let not_http = serve(None, says("SSH-2.0-OpenSSH_9.2\r\n"));
    let p = prober(None).probe(&format!("http://127.0.0.1:{not_http}/generate_204"));
    assert_eq!(p.cause, Some(Cause::Http), "{p:?}");
}

#[test]
fn a_login_page_answering_the_connectivity_check_is_a_captive_portal() {
    let redirect =
        "HTTP/1.1 302 Found\r\nLocation: http://wifi-login.example/portal\r\nContent-Length: 0\r\n\r\n";
    let port = serve(None, says(redirect));
    let p = prober(None).probe(&format!("http://127.0.0.1:{port}/generate_204"));
    assert_eq!(p.cause, Some(Cause::CaptivePortal), "{p:?}");
    assert!(p.detail.contains("wifi-login.example"), "{}", p.detail);
    let page = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nlogin";
    let port = serve(None, says(page));
    let p = prober(None).probe(&format!("http://127.0.0.1:{port}/generate_204"));
    assert_eq!(p.cause, Some(Cause::CaptivePortal), "{p:?}");
    // The check's own server failing is not a login page.
    let failing = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n";
    let port = serve(None, says(failing));
    let p = prober(None).probe(&format!("http://127.0.0.1:{port}/generate_204"));
    assert_eq!(p.cause, Some(Cause::Http), "{p:?}");
    let open = "HTTP/1.1 204 No Content\r\n\r\n";
    let port = serve(None, says(open));
    assert!(
        prober(None)
            .probe(&format!("http://127.0.0.1:{port}/generate_204"))
            .ok
    );
}

#[test]
fn what_is_not_a_web_address_is_refused_before_anything_is_sent() {
    for bad in [
        "ftp://example.jp/",
        "not a url",
        "https://",
        "mailto:it@example.jp",
    ] {
        assert_eq!(
            prober(None).probe(bad).cause,
            Some(Cause::BadTarget),
            "{bad}"
        );
    }
}
