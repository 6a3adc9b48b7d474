//! The reader monitor: a thread that watches PC/SC readers appear and disappear (PnP
//! notification) and cards go in and out (`SCardGetStatusChange`), reads each inserted card once,
//! and keeps the [`Hub`]'s panel current. If the PC/SC service is not running it says so and
//! retries every few seconds; the rest of the app is unaffected. Also the demo mode's simulated
//! reader, which goes through the same read and the same panel.

use std::collections::HashMap;
use std::ffi::CString;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use pcsc::{ReaderState, State};

use super::panel::Hub;
use super::pcsc_reader::{self, PcscError};
use super::profile::CardProfile;
use super::read::read_status;

/// The clock the monitor judges certificates by.
pub type Clock = fn() -> DateTime<FixedOffset>;

/// The running monitor thread; stops when dropped.
pub struct Monitor {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Monitor {
    /// Starts watching PC/SC readers.
    pub fn spawn(hub: Arc<Hub>, clock: Clock) -> std::io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("card-monitor".into())
            .spawn(move || run(&hub, &flag, clock))?;
        Ok(Self {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Monitor {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// How long one wait for a change lasts before the stop flag is looked at again.
const TICK: Duration = Duration::from_millis(300);
/// How long to wait before trying an unreachable service again.
const RETRY: Duration = Duration::from_secs(2);

fn sleep_unless_stopped(stop: &AtomicBool, total: Duration) {
    let mut left = total;
    while !stop.load(Ordering::SeqCst) && !left.is_zero() {
        let step = left.min(TICK);
        std::thread::sleep(step);
        left -= step;
    }
}

fn run(hub: &Hub, stop: &AtomicBool, clock: Clock) {
    while !stop.load(Ordering::SeqCst) {
        let ctx = match pcsc_reader::establish() {
            Ok(c) => c,
            Err(e) => {
                hub.update(|p| p.service_down(e.message_ja()));
                sleep_unless_stopped(stop, RETRY);
                continue;
            }
        };
        hub.update(|p| p.service_up());
        if let Err(e) = watch(&ctx, hub, stop, clock) {
            hub.update(|p| p.service_down(e.message_ja()));
            sleep_unless_stopped(stop, RETRY);
        }
    }
}

/// Watches until stopped (Ok) or the service fails (Err).
fn watch(ctx: &pcsc::Context, hub: &Hub, stop: &AtomicBool, clock: Clock) -> Result<(), PcscError> {
    let pnp = CString::from(pcsc::PNP_NOTIFICATION());
    let mut states = vec![ReaderState::new(pnp.clone(), State::UNAWARE)];
    // Whether each reader held a card at the last look, and the card's event count.
    let mut seen: HashMap<CString, (bool, u32)> = HashMap::new();
    while !stop.load(Ordering::SeqCst) {
        let names = pcsc_reader::readers(ctx)?;
        states.retain(|s| {
            s.name() == pnp.as_c_str() || names.iter().any(|n| n.as_c_str() == s.name())
        });
        seen.retain(|n, _| names.contains(n));
        for n in &names {
            if !states.iter().any(|s| s.name() == n.as_c_str()) {
                states.push(ReaderState::new(n.clone(), State::UNAWARE));
            }
        }
        let shown: Vec<String> = names
            .iter()
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        hub.update(|p| p.set_readers(&shown, false));
        match ctx.get_status_change(TICK, &mut states) {
            Ok(()) => {}
            Err(pcsc::Error::Timeout) => continue,
            Err(pcsc::Error::UnknownReader | pcsc::Error::ReaderUnavailable) => continue,
            Err(
                e @ (pcsc::Error::NoService
                | pcsc::Error::ServiceStopped
                | pcsc::Error::InvalidHandle),
            ) => return Err(PcscError::NoService(e.to_string())),
            Err(pcsc::Error::Cancelled) => return Ok(()),
            Err(_) => {
                std::thread::sleep(TICK);
                continue;
            }
        }
        for s in states.iter_mut() {
            let event = s.event_state();
            if s.name() == pnp.as_c_str() || !event.contains(State::CHANGED) {
                s.sync_current_state();
                continue;
            }
            let name = CString::from(s.name());
            let shown = name.to_string_lossy().into_owned();
            let present = event.contains(State::PRESENT) && !event.contains(State::UNAVAILABLE);
            let count = s.event_count();
            let (was, last_count) = seen.get(&name).copied().unwrap_or((false, 0));
            if present && (!was || count != last_count) {
                hub.update(|p| p.reading(&shown));
                let result = pcsc_reader::read_reader(ctx, &name, clock(), None);
                // A card pulled right after its read: the next change reports it.
                hub.update(|p| p.result(&shown, result));
            } else if !present && was {
                hub.update(|p| p.removed(&shown));
            }
            seen.insert(name, (present, count));
            s.sync_current_state();
        }
    }
    Ok(())
}

/// The demo mode's reader: a simulated card goes in and out on the operator's click and is read
/// through the same code as a real one.
pub struct SimReader {
    hub: Arc<Hub>,
    clock: Clock,
}

/// The simulated reader's name.
pub const SIM_READER: &str = "デモ用カードリーダー（模擬）";

impl SimReader {
    /// Adds the simulated reader to the panel.
    pub fn new(hub: Arc<Hub>, clock: Clock) -> Self {
        hub.update(|p| p.set_readers(&[SIM_READER.to_string()], true));
        Self { hub, clock }
    }

    /// Inserts a card built from `profile` and reads it.
    pub fn insert(&self, profile: &CardProfile) {
        self.hub.update(|p| p.reading(SIM_READER));
        let result = match profile.build() {
            Ok(mut card) => read_status(&mut card, (self.clock)()),
            Err(e) => Err(super::read::ReadError::Transport(
                super::transport::TransportError::Other(e.to_string()),
            )),
        };
        self.hub.update(|p| p.result(SIM_READER, result));
    }

    /// Takes the card out.
    pub fn remove(&self) {
        self.hub.update(|p| p.removed(SIM_READER));
    }
}
