//! Certificates for the simulated card: real X.509 DER made with `rcgen`, with the notAfter the
//! profile asks for. Like a real 利用者証明用電子証明書 they hold no name, address or birth date
//! (the subject is a serial number), and they are larger than one 256-byte READ BINARY so the
//! chunked read is exercised. Real JPKI certificates are RSA-2048 signed by the J-LIS CA; these are
//! ECDSA P-256 and self-signed, which the kiosk does not check (it only reads the dates).

use chrono::{Datelike, NaiveDate};
use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair};

/// Why a certificate could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SimCertError {
    /// The date is outside what X.509 can hold.
    #[error("date out of range: {0}")]
    Date(String),
    /// rcgen failed.
    #[error("certificate generation failed: {0}")]
    Rcgen(#[from] rcgen::Error),
}

/// 23:59:59 Japan time of `date`, as the UTC instant certificates carry.
fn end_of_day_jst(date: NaiveDate) -> Result<time::OffsetDateTime, SimCertError> {
    let month =
        time::Month::try_from(date.month() as u8).map_err(|e| SimCertError::Date(e.to_string()))?;
    time::Date::from_calendar_date(date.year(), month, date.day() as u8)
        .and_then(|d| d.with_hms(14, 59, 59))
        .map(|t| t.assume_utc())
        .map_err(|e| SimCertError::Date(e.to_string()))
}

fn make(subject: &[(DnType, &str)], not_after: NaiveDate) -> Result<Vec<u8>, SimCertError> {
    let key = KeyPair::generate()?;
    let mut params = CertificateParams::new(Vec::<String>::new())?;
    let mut dn = DistinguishedName::new();
    for (kind, value) in subject {
        dn.push(kind.clone(), *value);
    }
    params.distinguished_name = dn;
    let not_before = not_after
        .with_year(not_after.year() - 5)
        .unwrap_or(not_after);
    params.not_before = end_of_day_jst(not_before)?;
    params.not_after = end_of_day_jst(not_after)?;
    let cert = params.self_signed(&key)?;
    Ok(cert.der().to_vec())
}

/// The JPKI authentication CA's name, which the auth certificate's subject starts with too.
const JPKI_AUTH: [(DnType, &str); 4] = [
    (DnType::CountryName, "JP"),
    (DnType::OrganizationName, "JPKI"),
    (
        DnType::OrganizationalUnitName,
        "JPKI for user authentication",
    ),
    (
        DnType::OrganizationalUnitName,
        "Japan Agency for Local Authority Information Systems",
    ),
];

/// A 利用者証明用電子証明書 valid until the end of `not_after` (Japan time).
pub fn auth_certificate(not_after: NaiveDate) -> Result<Vec<u8>, SimCertError> {
    let mut subject = JPKI_AUTH.to_vec();
    subject.push((DnType::CommonName, "SIMULATED-CARD-AUTH-0000000000000001"));
    make(&subject, not_after)
}

/// The CA certificate beside it (file `000B`).
pub fn ca_certificate() -> Result<Vec<u8>, SimCertError> {
    make(
        &JPKI_AUTH,
        NaiveDate::from_ymd_opt(2034, 3, 31).unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificates_span_several_reads() {
        let der = auth_certificate(NaiveDate::from_ymd_opt(2028, 5, 1).unwrap()).unwrap();
        assert!(der.len() > 256, "{} bytes", der.len());
        assert_eq!(&der[..2], &[0x30, 0x82]);
    }
}
