//! Card inserted → status ready, over a real pcscd with the simulated card in vsmartcard-vpcd's
//! first reader, and the number of APDUs a status read takes. Needs pcscd with vsmartcard-vpcd
//! (`scripts/dev bench` starts it). Prints numbers; asserts nothing about time.
//!
//! `cargo bench --no-default-features --bench card`
#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code

use std::ffi::CString;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use madoguchi::card::monitor::Monitor;
use madoguchi::card::panel::{Hub, ReaderState};
use madoguchi::card::pcsc_reader;
use madoguchi::card::profile::CardProfile;
use madoguchi::card::vpcd::{Inserted, FIRST_PORT};
use madoguchi::clock;

const READER: &str = "Virtual PCD 00 00";

fn wait_empty() {
    let ctx = pcsc_reader::establish().unwrap();
    let name = CString::new(READER).unwrap();
    while pcsc_reader::cards_present(&ctx, std::slice::from_ref(&name)).unwrap()[0] {
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    if pcsc_reader::establish()
        .and_then(|c| pcsc_reader::readers(&c))
        .map_or(true, |r| r.is_empty())
    {
        println!(
            "card bench: no pcscd with readers; start `pcscd -f -a` with vsmartcard-vpcd installed"
        );
        return;
    }
    let runs = 30;
    let profile = CardProfile::mynumber(NaiveDate::from_ymd_opt(2028, 5, 1).unwrap());
    let ready_at: Arc<Mutex<Option<Instant>>> = Arc::new(Mutex::new(None));
    let sink = Arc::clone(&ready_at);
    let hub = Arc::new(Hub::new(move |p| {
        if p.readers
            .iter()
            .any(|r| r.name == READER && r.state == ReaderState::Ready)
        {
            let mut slot = sink.lock().unwrap();
            if slot.is_none() {
                *slot = Some(Instant::now());
            }
        }
    }));
    let _monitor = Monitor::spawn(Arc::clone(&hub), clock::now).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let mut insert_to_ready = Vec::new();
    let mut apdus = 0;
    let mut seed: u64 = 42;
    for _ in 0..runs {
        wait_empty();
        // pcscd polls a reader like vpcd every 400 ms: insert at varying phases of that poll.
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        std::thread::sleep(Duration::from_millis((seed >> 33) % 400));
        let card = profile.build().unwrap();
        *ready_at.lock().unwrap() = None;
        let t0 = Instant::now();
        let inserted = Inserted::insert(FIRST_PORT, card, None).unwrap();
        let deadline = t0 + Duration::from_secs(5);
        let ready = loop {
            if let Some(t) = *ready_at.lock().unwrap() {
                break t;
            }
            assert!(Instant::now() < deadline, "no status within 5 s");
            std::thread::sleep(Duration::from_millis(1));
        };
        insert_to_ready.push((ready - t0).as_secs_f64() * 1000.0);
        apdus = inserted.apdus.load(std::sync::atomic::Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(500));
        inserted.remove().unwrap();
    }
    // The read alone (connect, transaction, APDUs), with the card already in.
    wait_empty();
    let inserted = Inserted::insert(FIRST_PORT, profile.build().unwrap(), None).unwrap();
    let ctx = pcsc_reader::establish().unwrap();
    let name = CString::new(READER).unwrap();
    while !pcsc_reader::cards_present(&ctx, std::slice::from_ref(&name)).unwrap()[0] {
        std::thread::sleep(Duration::from_millis(10));
    }
    let mut read_only = Vec::new();
    let mut counted = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        pcsc_reader::read_reader(&ctx, &name, clock::now(), Some(&mut counted)).unwrap();
        read_only.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    std::thread::sleep(Duration::from_millis(500));
    inserted.remove().unwrap();
    println!("card inserted -> status ready (monitor, pcscd, vpcd), {runs} runs: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        pct(&mut insert_to_ready, 0.5), pct(&mut insert_to_ready, 0.95), pct(&mut insert_to_ready, 1.0));
    println!("status read alone (connect + transaction + APDUs): p50 {:.2} ms, p95 {:.2} ms; {counted} APDUs per read ({apdus} seen by the card incl. any retries)",
        pct(&mut read_only, 0.5), pct(&mut read_only, 0.95));
}
