//! The 利用者証明用電子証明書 (auth certificate): the DER length in its first bytes (to know how much
//! to read), and its validity, parsed with `x509-parser`. Only the dates are kept; the
//! certificate itself is dropped after parsing.

use chrono::{DateTime, Months, NaiveDate};
use serde::Serialize;

use crate::clock;

/// The largest certificate file we will read (a real one is about 1.5 KB; the EF is 2 KB).
pub const MAX_CERT_LEN: usize = 8 * 1024;

/// Why the certificate could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertError {
    /// The first bytes are not a DER SEQUENCE header.
    #[error("the certificate file does not start with a DER SEQUENCE")]
    NotDer,
    /// The header announces more than [`MAX_CERT_LEN`].
    #[error("the certificate announces {0} bytes, more than a card holds")]
    TooLong(usize),
    /// x509-parser refused it.
    #[error("the certificate could not be parsed: {0}")]
    Invalid(String),
}

/// From the first bytes of a DER object (at least 2, up to 4 or 5 for long lengths): the total
/// length including the header, or `Ok(None)` when more header bytes are needed.
pub fn der_total_len(head: &[u8]) -> Result<Option<usize>, CertError> {
    let Some(&tag) = head.first() else {
        return Ok(None);
    };
    if tag != 0x30 {
        return Err(CertError::NotDer);
    }
    let Some(&first) = head.get(1) else {
        return Ok(None);
    };
    let total = if first < 0x80 {
        2 + usize::from(first)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 3 {
            return Err(CertError::NotDer);
        }
        let Some(bytes) = head.get(2..2 + n) else {
            return Ok(None);
        };
        let len = bytes
            .iter()
            .fold(0usize, |acc, b| acc << 8 | usize::from(*b));
        2 + n + len
    };
    if total > MAX_CERT_LEN {
        return Err(CertError::TooLong(total));
    }
    Ok(Some(total))
}

/// What the kiosk tells from the auth certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertValidity {
    /// The last day it is valid, in Japan time.
    pub not_after: NaiveDate,
    /// Days from today to that day (negative once past).
    pub days_left: i64,
    /// Expired.
    pub expired: bool,
    /// Not expired and within the 3 months before expiry in which it can be renewed.
    pub renewal_window: bool,
}

/// Parses the certificate's notAfter and judges it against `now`.
pub fn validity(der: &[u8], now: DateTime<chrono::FixedOffset>) -> Result<CertValidity, CertError> {
    let (_, cert) =
        x509_parser::parse_x509_certificate(der).map_err(|e| CertError::Invalid(e.to_string()))?;
    let ts = cert.validity().not_after.timestamp();
    let not_after = DateTime::from_timestamp(ts, 0)
        .ok_or_else(|| CertError::Invalid(format!("notAfter {ts} out of range")))?
        .with_timezone(&clock::tokyo());
    let today = now.date_naive();
    let end = not_after.date_naive();
    let expired = now > not_after;
    let renewal_window = !expired
        && today
            .checked_add_months(Months::new(3))
            .is_some_and(|d| end <= d);
    Ok(CertValidity {
        not_after: end,
        days_left: (end - today).num_days(),
        expired,
        renewal_window,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::sim_cert;

    fn at(s: &str) -> DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn der_lengths_short_and_long() {
        assert_eq!(der_total_len(&[0x30, 0x82, 0x05, 0x10]), Ok(Some(0x514)));
        assert_eq!(der_total_len(&[0x30, 0x81, 0x90]), Ok(Some(0x93)));
        assert_eq!(der_total_len(&[0x30, 0x10]), Ok(Some(0x12)));
        assert_eq!(der_total_len(&[0x30, 0x82, 0x05]), Ok(None));
        assert_eq!(der_total_len(&[0x30]), Ok(None));
        assert_eq!(der_total_len(&[0x04, 0x02]), Err(CertError::NotDer));
        assert_eq!(der_total_len(&[0x30, 0x80]), Err(CertError::NotDer));
        assert_eq!(
            der_total_len(&[0x30, 0x84, 1, 2, 3, 4]),
            Err(CertError::NotDer)
        );
        assert_eq!(
            der_total_len(&[0x30, 0x83, 0x10, 0, 0]),
            Err(CertError::TooLong(0x100005))
        );
    }

    #[test]
    fn validity_expired_renewal_window_and_valid() {
        let der = sim_cert::auth_certificate(NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()).unwrap();
        let v = validity(&der, at("2026-11-24T10:00:00+09:00")).unwrap();
        assert_eq!(v.not_after, NaiveDate::from_ymd_opt(2027, 2, 1).unwrap());
        assert_eq!(
            (v.days_left, v.expired, v.renewal_window),
            (69, false, true)
        );
        let v = validity(&der, at("2026-10-31T10:00:00+09:00")).unwrap();
        assert!(!v.renewal_window, "more than 3 months before");
        let v = validity(&der, at("2026-11-01T10:00:00+09:00")).unwrap();
        assert!(v.renewal_window, "3 months before, to the day");
        let v = validity(&der, at("2027-02-01T12:00:00+09:00")).unwrap();
        assert!(!v.expired, "valid through its last day");
        let v = validity(&der, at("2027-02-02T00:00:01+09:00")).unwrap();
        assert!(v.expired && !v.renewal_window);
        assert_eq!(v.days_left, -1);
    }

    #[test]
    fn broken_certificates_are_errors() {
        let der = sim_cert::auth_certificate(NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()).unwrap();
        let now = at("2026-11-24T10:00:00+09:00");
        assert!(matches!(
            validity(&der[..der.len() - 10], now),
            Err(CertError::Invalid(_))
        ));
        assert!(matches!(
            validity(&[0x30, 0], now),
            Err(CertError::Invalid(_))
        ));
        let mut flipped = der.clone();
        flipped[20] ^= 0xff;
        let _ = validity(&flipped, now); // no panic, whatever it says
    }
}
