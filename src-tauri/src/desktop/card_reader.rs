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
    /// The card in a reader now, if one was read (nothing of it is kept elsewhere).
    pub fn current_status(&self) -> Option<crate::card::CardStatus> {
        self.hub.snapshot().current_card()
    }

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

    /// The opening check's card reader item: the readers the panel lists, or why there are none.
    pub fn reader_check(&self) -> crate::opening::system::ReaderCheck {
        let hub = Arc::clone(&self.hub);
        Box::new(move || {
            use crate::card::panel::Service;
            // The monitor's first look may still be under way just after start.
            for _ in 0..20 {
                let panel = hub.snapshot();
                if !panel.readers.is_empty() {
                    return Ok(panel
                        .readers
                        .iter()
                        .map(|r| {
                            if r.simulated && !r.name.contains("模擬") {
                                format!("{}（模擬・デモ）", r.name)
                            } else {
                                r.name.clone()
                            }
                        })
                        .collect());
                }
                match panel.service {
                    Service::Starting => std::thread::sleep(std::time::Duration::from_millis(100)),
                    Service::Unavailable { message } => return Err(message),
                    Service::Ok => return Ok(Vec::new()),
                }
            }
            Err("カードリーダーの状態を確認できません（PC/SC の確認が終わりません）".into())
        })
    }

    /// Stops the monitor.
    pub fn stop(&self) {
        if let Ok(mut m) = self.monitor.lock() {
            m.take();
        }
    }
}
