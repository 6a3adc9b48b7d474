//! A throw-away certificate authority and a server certificate for 127.0.0.1 only (not for
//! `localhost`), and a small server on a loopback port that answers each connection, over TLS or
//! not: what the TLS tests of the shared store and of the network checks connect to.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};

/// The CA and the server's certificate and key.
pub struct TestPki {
    /// The CA certificate, PEM (what a client is told to trust).
    pub ca_pem: String,
    /// The server certificate, PEM.
    pub cert_pem: String,
    /// The server key, PEM.
    pub key_pem: String,
    cert_der: rustls::pki_types::CertificateDer<'static>,
    key_der: Vec<u8>,
}

impl TestPki {
    /// A new CA and a certificate it signed for 127.0.0.1.
    pub fn for_loopback() -> Self {
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
        let key = KeyPair::generate().unwrap();
        let cert = CertificateParams::new(vec!["127.0.0.1".to_string()])
            .unwrap()
            .signed_by(&key, &ca)
            .unwrap();
        Self {
            ca_pem: ca.pem(),
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
            cert_der: cert.der().clone(),
            key_der: key.serialize_der(),
        }
    }

    /// A rustls server configuration presenting the certificate.
    pub fn server_config(&self) -> Arc<rustls::ServerConfig> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![self.cert_der.clone()],
                rustls::pki_types::PrivateKeyDer::Pkcs8(self.key_der.clone().into()),
            )
            .unwrap();
        Arc::new(config)
    }
}

/// Serves every connection on a free loopback port, over TLS when `tls` is given: reads the
/// request, then writes what `answer` gives for it (`None`: stays silent for 10 s). The port.
pub fn serve(
    tls: Option<Arc<rustls::ServerConfig>>,
    answer: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let answer = Arc::new(answer);
    std::thread::spawn(move || {
        for tcp in listener.incoming().flatten() {
            let (tls, answer) = (tls.clone(), Arc::clone(&answer));
            std::thread::spawn(move || handle(tcp, tls, answer()));
        }
    });
    port
}

fn handle(mut tcp: TcpStream, tls: Option<Arc<rustls::ServerConfig>>, answer: Option<String>) {
    let respond = |s: &mut dyn ReadWrite| {
        let mut buf = [0u8; 2048];
        let _ = s.read(&mut buf);
        match &answer {
            Some(a) => {
                let _ = s.write_all(a.as_bytes());
                let _ = s.flush();
            }
            None => std::thread::sleep(std::time::Duration::from_secs(10)),
        }
    };
    match tls {
        Some(config) => {
            let Ok(mut conn) = rustls::ServerConnection::new(config) else {
                return;
            };
            respond(&mut rustls::Stream::new(&mut conn, &mut tcp));
        }
        None => respond(&mut tcp),
    }
}

trait ReadWrite: Read + Write {}
impl<T: Read + Write> ReadWrite for T {}
