//! The least HTTP/1.1 a probe needs: send one `GET` with `Connection: close`, read the status line
//! and the headers (at most 16 KiB), nothing of the body.

use std::io::{Read, Write};

/// The head of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The status code.
    pub status: u16,
    /// `Date`, if sent.
    pub date: Option<String>,
    /// `Location`, if sent.
    pub location: Option<String>,
}

/// Why no head was read.
#[derive(Debug)]
pub enum HeadError {
    /// Reading or writing failed (a time-out shows here as `WouldBlock`/`TimedOut`).
    Io(std::io::Error),
    /// What came back is not HTTP.
    NotHttp(String),
}

/// Sends the request for `path` on `host` and reads the answer's head.
pub fn get_head(stream: &mut impl ReadWrite, host: &str, path: &str) -> Result<Head, HeadError> {
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: madoguchi-netcheck\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    );
    stream
        .write_all(request.as_bytes())
        .and_then(|_| stream.flush())
        .map_err(HeadError::Io)?;
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 16 * 1024 {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) if buf.is_empty() => return Err(HeadError::Io(e)),
            Err(_) => break,
        }
    }
    parse(&buf)
}

/// A stream to read and write.
pub trait ReadWrite: Read + Write {}
impl<T: Read + Write> ReadWrite for T {}

/// Parses the head of an answer.
pub fn parse(bytes: &[u8]) -> Result<Head, HeadError> {
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text.split("\r\n");
    let first = lines.next().unwrap_or_default();
    let mut parts = first.split_whitespace();
    let status = match (
        parts.next(),
        parts.next().and_then(|s| s.parse::<u16>().ok()),
    ) {
        (Some(v), Some(code)) if v.starts_with("HTTP/") => code,
        _ => {
            let shown: String = first.chars().take(40).collect();
            return Err(HeadError::NotHttp(shown));
        }
    };
    let mut head = Head {
        status,
        date: None,
        location: None,
    };
    for line in lines.take_while(|l| !l.is_empty()) {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = Some(value.trim().to_string());
        if name.eq_ignore_ascii_case("date") {
            head.date = value;
        } else if name.eq_ignore_ascii_case("location") {
            head.location = value;
        }
    }
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_and_the_two_headers_are_read() {
        let h = parse(b"HTTP/1.1 302 Found\r\nlocation: http://login.portal/\r\nDATE: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\nbody").unwrap();
        assert_eq!(h.status, 302);
        assert_eq!(h.location.as_deref(), Some("http://login.portal/"));
        assert_eq!(h.date.as_deref(), Some("Sun, 06 Nov 1994 08:49:37 GMT"));
        assert!(matches!(
            parse(b"SSH-2.0-OpenSSH\r\n"),
            Err(HeadError::NotHttp(_))
        ));
        assert!(matches!(parse(b""), Err(HeadError::NotHttp(_))));
    }
}
