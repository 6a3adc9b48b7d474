//! Probes against servers on this machine only: an HTTPS server with a test CA's certificate for
//! 127.0.0.1, the same seen without the CA or under another name, a closed port, a server that
//! never answers, one that answers 503, and a connectivity check answered by a login page.
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};

use super::{Cause, Prober};

/// A test CA and a server certificate for 127.0.0.1 (not for `localhost`).
struct Pki {
    ca_file: PathBuf,
    server: Arc<rustls::ServerConfig>,
    _dir: tempfile::TempDir,
}

fn pki() -> Pki {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .unwrap()
        .signed_by(&key, &ca)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, ca.pem()).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let server = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
        )
        .unwrap();
    Pki {
        ca_file,
        server: Arc::new(server),
        _dir: dir,
    }
}

/// Serves connections on a free loopback port with `answer` (None: read the request, then say
/// nothing), over TLS when `tls` is given. Returns the port.
fn serve(tls: Option<Arc<rustls::ServerConfig>>, answer: Option<String>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (tls, answer) = (tls.clone(), answer.clone());
            std::thread::spawn(move || handle(stream, tls, answer));
        }
    });
    port
}

fn handle(mut tcp: TcpStream, tls: Option<Arc<rustls::ServerConfig>>, answer: Option<String>) {
    let respond = |s: &mut dyn ReadWriteDyn| {
        let mut buf = [0u8; 2048];
        let _ = s.read(&mut buf);
        match &answer {
            Some(a) => {
                let _ = s.write_all(a.as_bytes());
                let _ = s.flush();
            }
            None => std::thread::sleep(Duration::from_secs(5)),
        }
    };
    match tls {
        Some(config) => {
            let Ok(mut conn) = rustls::ServerConnection::new(config) else {
                return;
            };
            let mut stream = rustls::Stream::new(&mut conn, &mut tcp);
            respond(&mut stream);
        }
        None => respond(&mut tcp),
    }
}

trait ReadWriteDyn: Read + Write {}
impl<T: Read + Write> ReadWriteDyn for T {}

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
    let port = serve(Some(Arc::clone(&pki.server)), Some(ok_answer(ahead)));
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
        Some(ok_answer(chrono::Utc::now())),
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
    let silent = serve(None, None);
    let p = prober(None).probe(&format!("http://127.0.0.1:{silent}/generate_204"));
    assert_eq!(p.cause, Some(Cause::Timeout), "{p:?}");
    let pki = pki();
    let silent_tls = serve(Some(Arc::clone(&pki.server)), None);
    let p = prober(Some(&pki.ca_file)).probe(&format!("https://127.0.0.1:{silent_tls}/"));
    assert_eq!(p.cause, Some(Cause::Timeout), "{p:?}");
}

#[test]
fn a_server_error_is_an_http_failure() {
    let pki = pki();
    let answer = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n".to_string();
    let port = serve(Some(Arc::clone(&pki.server)), Some(answer));
    let p = prober(Some(&pki.ca_file)).probe(&format!("https://127.0.0.1:{port}/"));
    assert_eq!((p.cause, p.status), (Some(Cause::Http), Some(503)), "{p:?}");
    let not_http = serve(None, Some("SSH-2.0-OpenSSH_9.2\r\n".into()));
    let p = prober(None).probe(&format!("http://127.0.0.1:{not_http}/generate_204"));
    assert_eq!(p.cause, Some(Cause::Http), "{p:?}");
}

#[test]
fn a_login_page_answering_the_connectivity_check_is_a_captive_portal() {
    let redirect =
        "HTTP/1.1 302 Found\r\nLocation: http://wifi-login.example/portal\r\nContent-Length: 0\r\n\r\n";
    let port = serve(None, Some(redirect.into()));
    let p = prober(None).probe(&format!("http://127.0.0.1:{port}/generate_204"));
    assert_eq!(p.cause, Some(Cause::CaptivePortal), "{p:?}");
    assert!(p.detail.contains("wifi-login.example"), "{}", p.detail);
    let page = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nlogin";
    let port = serve(None, Some(page.into()));
    let p = prober(None).probe(&format!("http://127.0.0.1:{port}/generate_204"));
    assert_eq!(p.cause, Some(Cause::CaptivePortal), "{p:?}");
    let open = "HTTP/1.1 204 No Content\r\n\r\n";
    let port = serve(None, Some(open.into()));
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
