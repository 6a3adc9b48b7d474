//! The simulated card answering any command sequence (length-prefixed): the card side's APDU
//! parser and file system model. Every answer ends in a status word; PIN counters stay in range.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use madoguchi::card::aid;
use madoguchi::card::profile::CardProfile;
use madoguchi::card::sim::SimCard;

fn card() -> &'static SimCard {
    static CARD: OnceLock<SimCard> = OnceLock::new();
    CARD.get_or_init(|| {
        let date = chrono::NaiveDate::from_ymd_opt(2028, 5, 1).unwrap();
        CardProfile::mynumber(date).build().unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let mut card = card().clone();
    let mut rest = data;
    while let Some((&n, tail)) = rest.split_first() {
        let n = usize::from(n).min(tail.len());
        let (apdu, tail) = tail.split_at(n);
        rest = tail;
        let r = card.process(apdu);
        assert!(r.data.len() <= 256);
    }
    let auth = card.pin(aid::JPKI, aid::EF_AUTH_PIN).unwrap().left();
    assert!(auth <= 3);
});
