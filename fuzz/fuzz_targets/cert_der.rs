//! The DER length header and the X.509 validity of a certificate file's bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use madoguchi::card::cert;

fuzz_target!(|data: &[u8]| {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T10:00:00+09:00").unwrap();
    if let Ok(Some(total)) = cert::der_total_len(data) {
        assert!(total <= cert::MAX_CERT_LEN);
    }
    let _ = cert::validity(data, now);
});
