//! Waking a background thread before its interval is up: the managed state holds the sending
//! side (`nudge` from a command), the thread takes the receiving side once when it starts and
//! waits on it between rounds. The sync worker and the network watch share it.

use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

/// The sending side, and the receiving side until the thread takes it.
pub struct Wake {
    tx: Mutex<Sender<()>>,
    rx: Mutex<Option<Receiver<()>>>,
}

impl Default for Wake {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self {
            tx: Mutex::new(tx),
            rx: Mutex::new(Some(rx)),
        }
    }
}

impl Wake {
    /// Wakes the thread now (a no-op before it starts waiting: the nudge waits for it).
    pub fn nudge(&self) {
        if let Ok(tx) = self.tx.lock() {
            let _ = tx.send(());
        }
    }

    /// The thread's side; `None` once taken (a second start does nothing).
    pub fn take(&self) -> Option<Waiter> {
        self.rx.lock().ok().and_then(|mut rx| rx.take()).map(Waiter)
    }
}

/// What the thread waits on.
pub struct Waiter(Receiver<()>);

impl Waiter {
    /// Waits `d`, or less when nudged; nudges that came meanwhile count as this one. `false`
    /// when the app is going away.
    pub fn wait(&self, d: Duration) -> bool {
        match self.0.recv_timeout(d) {
            Ok(()) | Err(RecvTimeoutError::Timeout) => {
                while self.0.try_recv().is_ok() {}
                true
            }
            Err(RecvTimeoutError::Disconnected) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nudge_ends_the_wait_early_once() {
        let wake = Wake::default();
        let waiter = wake.take().unwrap();
        assert!(wake.take().is_none(), "taken once");
        wake.nudge();
        wake.nudge();
        let t = std::time::Instant::now();
        assert!(waiter.wait(Duration::from_secs(10)));
        assert!(t.elapsed() < Duration::from_secs(5));
        let t = std::time::Instant::now();
        assert!(
            waiter.wait(Duration::from_millis(50)),
            "the second nudge was taken with the first"
        );
        assert!(t.elapsed() >= Duration::from_millis(50));
        drop(wake);
        assert!(!waiter.wait(Duration::from_secs(10)), "gone with the app");
    }
}
