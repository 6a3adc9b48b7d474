//! What the operator window shows about the readers: the PC/SC service, each reader's state
//! (empty / reading / card status / error), and the advice. One [`Hub`] owns it; the monitor
//! threads change it through [`Hub::update`], which tells the window. A card's status lives here
//! only while the card is in the reader.

use std::sync::Mutex;

use serde::Serialize;

use super::guidance::{self, Advice, Level};
use super::read::ReadError;
use super::transport::TransportError;
use super::CardStatus;
use crate::calendar::wareki;

/// The PC/SC service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Service {
    /// Not looked yet.
    Starting,
    /// Running.
    Ok,
    /// Not reachable; the message says what to do.
    Unavailable {
        /// In Japanese.
        message: String,
    },
}

/// One reader's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReaderState {
    /// No card.
    Empty,
    /// A card is being read.
    Reading,
    /// The card was read.
    Ready,
    /// The card could not be read.
    Error,
}

/// A card's status as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardView {
    /// The facts.
    pub status: CardStatus,
    /// The advice, worst first.
    pub advice: Vec<Advice>,
    /// Can the Mynaportal procedures go ahead.
    pub verdict: Level,
    /// Said in one line.
    pub verdict_text: &'static str,
    /// The certificate's last day in 和暦.
    pub cert_not_after: Option<String>,
}

impl CardView {
    /// From a status.
    pub fn new(status: CardStatus) -> Self {
        let (verdict, verdict_text) = guidance::portal_verdict(&status);
        Self {
            advice: guidance::advise(&status),
            cert_not_after: status.auth_cert.as_ref().map(|c| wareki::long(c.not_after)),
            verdict,
            verdict_text,
            status,
        }
    }
}

/// One reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReaderView {
    /// The reader's name as PC/SC gives it.
    pub name: String,
    /// A simulated reader (demo mode).
    pub simulated: bool,
    /// Its state.
    pub state: ReaderState,
    /// The card, when read.
    pub card: Option<CardView>,
    /// An error or a notice (e.g. the card was pulled while reading), in Japanese.
    pub message: Option<String>,
}

/// Everything the operator window shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Panel {
    /// The PC/SC service.
    pub service: Service,
    /// The readers, PC/SC ones first in the order PC/SC lists them.
    pub readers: Vec<ReaderView>,
}

impl Panel {
    /// The card in the first reader that holds a read one (what the guides are narrowed by).
    pub fn current_card(&self) -> Option<CardStatus> {
        self.readers
            .iter()
            .filter(|r| r.state == ReaderState::Ready)
            .find_map(|r| r.card.as_ref())
            .map(|c| c.status.clone())
    }
}

impl Default for Panel {
    fn default() -> Self {
        Self {
            service: Service::Starting,
            readers: Vec::new(),
        }
    }
}

/// The notice left when a card is pulled while it is read.
pub const REMOVED_MID_READ: &str =
    "読み取り中にカードが抜かれました。もう一度、奥まで挿入してください";

/// The Japanese message for a failed read.
pub fn read_error_message(e: &ReadError) -> String {
    match e {
        ReadError::Transport(TransportError::CardRemoved) => REMOVED_MID_READ.into(),
        ReadError::Transport(TransportError::ReaderGone) => {
            "カードリーダーが外れました。接続を確かめてください".into()
        }
        ReadError::Transport(TransportError::Other(_)) => {
            "カードと通信できませんでした。カードの向きを確かめて、挿し直してください".into()
        }
        ReadError::Unexpected { sw, .. } => format!(
            "カードを読み取れませんでした（応答 {sw}）。カードの向きを確かめて、挿し直してください"
        ),
        ReadError::Malformed { .. } | ReadError::Cert(_) => {
            "カードの応答が正しくありません。挿し直しても同じ場合は、現場責任者に連絡してください"
                .into()
        }
    }
}

impl Panel {
    fn reader(&mut self, name: &str) -> Option<&mut ReaderView> {
        self.readers.iter_mut().find(|r| r.name == name)
    }

    /// The service went away: its readers are gone with it.
    pub fn service_down(&mut self, message: String) {
        self.service = Service::Unavailable { message };
        self.readers.retain(|r| r.simulated);
    }

    /// The service answers.
    pub fn service_up(&mut self) {
        self.service = Service::Ok;
    }

    /// The readers of one kind (PC/SC or simulated) are now `names`: new ones start empty, gone
    /// ones leave with their card.
    pub fn set_readers(&mut self, names: &[String], simulated: bool) {
        self.readers
            .retain(|r| r.simulated != simulated || names.contains(&r.name));
        for name in names {
            if !self.readers.iter().any(|r| &r.name == name) {
                self.readers.push(ReaderView {
                    name: name.clone(),
                    simulated,
                    state: ReaderState::Empty,
                    card: None,
                    message: None,
                });
            }
        }
        self.readers.sort_by_key(|r| r.simulated);
    }

    /// A card went in and is being read.
    pub fn reading(&mut self, name: &str) {
        if let Some(r) = self.reader(name) {
            r.state = ReaderState::Reading;
            r.card = None;
            r.message = None;
        }
    }

    /// The read finished.
    pub fn result(&mut self, name: &str, result: Result<CardStatus, ReadError>) {
        if let Some(r) = self.reader(name) {
            match result {
                Ok(status) => {
                    r.state = ReaderState::Ready;
                    r.card = Some(CardView::new(status));
                    r.message = None;
                }
                Err(e) => {
                    r.state = ReaderState::Error;
                    r.card = None;
                    r.message = Some(read_error_message(&e));
                }
            }
        }
    }

    /// The card left: its status is dropped. A card pulled before its read ended leaves a notice.
    pub fn removed(&mut self, name: &str) {
        if let Some(r) = self.reader(name) {
            let interrupted = r.state == ReaderState::Reading
                || (r.state == ReaderState::Error
                    && r.message.as_deref() == Some(REMOVED_MID_READ));
            r.state = ReaderState::Empty;
            r.card = None;
            r.message = interrupted.then(|| REMOVED_MID_READ.to_string());
        }
    }
}

/// The panel and whoever wants to hear of changes.
pub struct Hub {
    panel: Mutex<Panel>,
    notify: Box<dyn Fn(&Panel) + Send + Sync>,
}

impl Hub {
    /// A hub that calls `notify` after every change.
    pub fn new(notify: impl Fn(&Panel) + Send + Sync + 'static) -> Self {
        Self {
            panel: Mutex::new(Panel::default()),
            notify: Box::new(notify),
        }
    }

    /// A copy of the panel now.
    pub fn snapshot(&self) -> Panel {
        match self.panel.lock() {
            Ok(p) => p.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Changes the panel; tells the listener when something changed.
    pub fn update(&self, change: impl FnOnce(&mut Panel)) {
        let mut guard = match self.panel.lock() {
            Ok(p) => p,
            Err(poisoned) => poisoned.into_inner(),
        };
        let before = guard.clone();
        change(&mut guard);
        if *guard != before {
            // Told under the lock, so listeners see the changes in order.
            (self.notify)(&guard);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::CardKind;

    #[test]
    fn a_card_pulled_while_reading_leaves_a_notice_and_the_next_card_clears_it() {
        let mut p = Panel::default();
        p.set_readers(&["R0".into(), "R1".into()], false);
        p.reading("R0");
        p.result("R0", Err(ReadError::Transport(TransportError::CardRemoved)));
        p.removed("R0");
        assert_eq!(p.readers[0].state, ReaderState::Empty);
        assert!(p.readers[0]
            .message
            .as_deref()
            .unwrap()
            .starts_with("読み取り中に"));
        p.reading("R0");
        p.result("R0", Ok(CardStatus::of_kind(CardKind::Juki)));
        assert_eq!(p.readers[0].state, ReaderState::Ready);
        assert!(p.readers[0].message.is_none());
        p.removed("R0");
        assert!(p.readers[0].card.is_none() && p.readers[0].message.is_none());
    }

    #[test]
    fn the_current_card_is_the_read_one_and_goes_when_it_is_pulled() {
        let mut p = Panel::default();
        p.set_readers(&["R0".into(), "R1".into()], false);
        assert_eq!(p.current_card(), None);
        p.reading("R1");
        assert_eq!(p.current_card(), None, "still reading");
        p.result("R1", Ok(CardStatus::of_kind(CardKind::Juki)));
        assert_eq!(p.current_card().map(|c| c.kind), Some(CardKind::Juki));
        p.removed("R1");
        assert_eq!(p.current_card(), None);
    }

    #[test]
    fn readers_come_and_go_by_kind() {
        let mut p = Panel::default();
        p.set_readers(&["デモ".into()], true);
        p.set_readers(&["R0".into()], false);
        assert_eq!(
            p.readers
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>(),
            ["R0", "デモ"]
        );
        p.service_down("x".into());
        assert_eq!(p.readers.len(), 1);
        assert!(p.readers[0].simulated);
    }

    #[test]
    fn the_hub_tells_only_changes() {
        let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let c = count.clone();
        let hub = Hub::new(move |_| {
            c.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        });
        hub.update(|p| p.service_up());
        hub.update(|p| p.service_up());
        assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 1);
    }
}
