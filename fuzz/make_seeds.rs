//! Seeds: the answers a simulated card gives to a full status read (in `card_read`'s format), the
//! commands the kiosk sends (for `sim_card`), and the certificates themselves (for `cert_der`).

use std::path::Path;

use madoguchi::card::profile::CardProfile;
use madoguchi::card::read::read_status;
use madoguchi::card::sim::SimCard;
use madoguchi::card::transport::{Transmit, TransportError};
use madoguchi::card::{sim_cert, CardKind};

struct Recorder {
    card: SimCard,
    answers: Vec<u8>,
    commands: Vec<u8>,
}

impl Transmit for Recorder {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        let answer = self.card.transmit(apdu)?;
        // card_read: a 2-byte length per answer; sim_card: a 1-byte length per command.
        self.answers.extend_from_slice(&(answer.len() as u16).to_be_bytes());
        self.answers.extend_from_slice(&answer);
        self.commands.push(apdu.len().min(255) as u8);
        self.commands.extend_from_slice(&apdu[..apdu.len().min(255)]);
        Ok(answer)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T10:00:00+09:00")?;
    for t in ["card_read", "sim_card", "cert_der"] {
        std::fs::create_dir_all(root.join(t))?;
    }
    let date = chrono::NaiveDate::from_ymd_opt(2028, 5, 1).ok_or("date")?;
    for (i, kind) in [CardKind::MyNumber, CardKind::Juki, CardKind::Other].into_iter().enumerate() {
        let card = CardProfile { kind, auth_tries: 1, ..CardProfile::mynumber(date) }.build()?;
        let mut rec = Recorder { card, answers: Vec::new(), commands: Vec::new() };
        let _ = read_status(&mut rec, now);
        std::fs::write(root.join("card_read").join(format!("seed{i}")), &rec.answers)?;
        std::fs::write(root.join("sim_card").join(format!("seed{i}")), &rec.commands)?;
    }
    std::fs::write(root.join("cert_der/seed0"), sim_cert::auth_certificate(date)?)?;
    std::fs::write(root.join("cert_der/seed1"), sim_cert::ca_certificate()?)?;
    Ok(())
}
