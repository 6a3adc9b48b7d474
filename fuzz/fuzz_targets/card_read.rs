//! The whole status read against a card that answers whatever the fuzzer says: each answer is a
//! 2-byte big-endian length and that many bytes. Must end in Ok or a typed error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use madoguchi::card::read::read_status;
use madoguchi::card::transport::{Transmit, TransportError};

struct Script<'a>(&'a [u8]);

impl Transmit for Script<'_> {
    fn transmit(&mut self, _apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        let [hi, lo, rest @ ..] = self.0 else {
            return Err(TransportError::CardRemoved);
        };
        let n = usize::from(u16::from_be_bytes([*hi, *lo])).min(rest.len());
        let (answer, rest) = rest.split_at(n);
        self.0 = rest;
        Ok(answer.to_vec())
    }
}

fuzz_target!(|data: &[u8]| {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T10:00:00+09:00").unwrap();
    let _ = read_status(&mut Script(data), now);
});
