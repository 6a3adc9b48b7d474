//! The card reader in the app: the panel hub, the PC/SC monitor thread, the demo mode's simulated
//! reader, and the operator window's channel that each change is pushed to (a `Channel`, so the
//! webview needs no event permission and the citizen window never hears of a card).

use std::sync::{Arc, Mutex};

use tauri::ipc::Channel;

use crate::card::monitor::{Monitor, SimReader};
use crate::card::panel::{Hub, Panel};
use crate::clock;

/// The card reader (managed state).
pub struct CardReader {
    /// The panel.
    pub hub: Arc<Hub>,
    /// The demo mode's simulated reader.
    pub sim: Option<SimReader>,
    listener: Arc<Mutex<Option<Channel<Panel>>>>,
    monitor: Mutex<Option<Monitor>>,
}

impl CardReader {
    /// The service; in demo mode with the simulated reader.
    pub fn new(demo: bool) -> Self {
        let listener: Arc<Mutex<Option<Channel<Panel>>>> = Arc::new(Mutex::new(None));
        let sink = Arc::clone(&listener);
        let hub = Arc::new(Hub::new(move |panel| {
            if let Ok(mut slot) = sink.lock() {
                let gone = slot
                    .as_ref()
                    .is_some_and(|ch| ch.send(panel.clone()).is_err());
                if gone {
                    *slot = None;
                }
            }
        }));
        let sim = demo.then(|| SimReader::new(Arc::clone(&hub), clock::now));
        Self {
            hub,
            sim,
            listener,
            monitor: Mutex::new(None),
        }
    }

    /// Starts watching PC/SC readers (the real app; not in IPC tests).
    pub fn start_monitor(&self) -> std::io::Result<()> {
        let monitor = Monitor::spawn(Arc::clone(&self.hub), clock::now)?;
        if let Ok(mut m) = self.monitor.lock() {
            *m = Some(monitor);
        }
        Ok(())
    }

    /// Sends every later change to `channel` (replacing an earlier listener).
    pub fn listen(&self, channel: Channel<Panel>) {
        if let Ok(mut slot) = self.listener.lock() {
            *slot = Some(channel);
        }
    }

    /// Stops the monitor.
    pub fn stop(&self) {
        if let Ok(mut m) = self.monitor.lock() {
            m.take();
        }
    }
}
