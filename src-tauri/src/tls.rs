//! The TLS client configuration of every connection the app makes (the city's shared store, the
//! network checks): the system's root certificates plus an optional CA file, rustls with ring.
//! rustls verifies the certificate chain and the host name; there is no way to turn that off.

use std::path::Path;
use std::sync::Arc;

/// The client configuration, or why there is none (an unreadable CA file, no roots at all).
pub fn client_config(ca_file: Option<&Path>) -> Result<Arc<rustls::ClientConfig>, String> {
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    if let Some(file) = ca_file {
        use rustls::pki_types::pem::PemObject;
        let bad = |e: &dyn std::fmt::Display| format!("{}: {e}", file.display());
        let certs = rustls::pki_types::CertificateDer::pem_file_iter(file).map_err(|e| bad(&e))?;
        for cert in certs {
            roots.add(cert.map_err(|e| bad(&e))?).map_err(|e| bad(&e))?;
        }
    }
    if roots.is_empty() {
        return Err("信頼する証明書がありません".into());
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}
