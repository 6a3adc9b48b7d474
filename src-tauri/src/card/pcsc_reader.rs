//! The real backend: readers and cards through PC/SC (`pcsc` crate: pcsc-lite on Linux, WinSCard
//! on Windows). Listing readers, which of them hold a card, and reading one card's status inside a
//! PC/SC transaction so no other program's APDUs interleave with ours.

use std::ffi::{CStr, CString};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use pcsc::{Context, Disposition, Protocols, ReaderState, Scope, ShareMode, State};

use super::read::{read_status, ReadError};
use super::transport::{Transmit, TransportError};
use super::{CardKind, CardStatus};

/// Why PC/SC could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PcscError {
    /// The PC/SC service (pcscd) is not running or not reachable.
    #[error("PC/SC service unavailable: {0}")]
    NoService(String),
    /// The named reader is not there.
    #[error("no reader named {0}")]
    NoSuchReader(String),
    /// No reader is connected.
    #[error("no card reader is connected")]
    NoReader,
    /// Any other PC/SC failure.
    #[error("PC/SC: {0}")]
    Other(String),
}

impl PcscError {
    /// The message for staff, in Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            Self::NoService(_) => "カードリーダーのサービス（PC/SC）に接続できません。サービスが動いているか確かめてください（Linux では pcscd）。ほかの機能はそのまま使えます".into(),
            Self::NoSuchReader(name) => format!("カードリーダー「{name}」が見つかりません"),
            Self::NoReader => "カードリーダーが接続されていません".into(),
            Self::Other(e) => format!("カードリーダーでエラーが起きました（{e}）"),
        }
    }
}

fn service_error(e: pcsc::Error) -> PcscError {
    match e {
        pcsc::Error::NoService | pcsc::Error::ServiceStopped | pcsc::Error::InvalidHandle => {
            PcscError::NoService(e.to_string())
        }
        other => PcscError::Other(other.to_string()),
    }
}

/// What a failed exchange means for the read.
pub fn transport_error(e: pcsc::Error) -> TransportError {
    match e {
        pcsc::Error::RemovedCard | pcsc::Error::ResetCard | pcsc::Error::NoSmartcard => {
            TransportError::CardRemoved
        }
        pcsc::Error::ReaderUnavailable
        | pcsc::Error::UnknownReader
        | pcsc::Error::NoReadersAvailable => TransportError::ReaderGone,
        other => TransportError::Other(other.to_string()),
    }
}

/// Connects to the PC/SC service.
pub fn establish() -> Result<Context, PcscError> {
    Context::establish(Scope::User).map_err(service_error)
}

/// The readers connected now, in PC/SC's order.
pub fn readers(ctx: &Context) -> Result<Vec<CString>, PcscError> {
    match ctx.list_readers_owned() {
        Ok(list) => Ok(list),
        Err(pcsc::Error::NoReadersAvailable) => Ok(Vec::new()),
        Err(e) => Err(service_error(e)),
    }
}

/// Whether each reader holds a card (a card that is there but mute counts as present).
pub fn cards_present(ctx: &Context, names: &[CString]) -> Result<Vec<bool>, PcscError> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let mut states: Vec<ReaderState> = names
        .iter()
        .map(|n| ReaderState::new(n.clone(), State::UNAWARE))
        .collect();
    match ctx.get_status_change(Duration::ZERO, &mut states) {
        Ok(()) | Err(pcsc::Error::Timeout) => {}
        Err(e) => return Err(service_error(e)),
    }
    Ok(states
        .iter()
        .map(|s| s.event_state().contains(State::PRESENT))
        .collect())
}

/// A connected card as a [`Transmit`].
struct PcscCard<'a>(&'a pcsc::Card);

impl Transmit for PcscCard<'_> {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>, TransportError> {
        let mut buf = [0u8; pcsc::MAX_BUFFER_SIZE];
        self.0
            .transmit(apdu, &mut buf)
            .map(<[u8]>::to_vec)
            .map_err(transport_error)
    }
}

/// Connects to the card in `reader` and reads its status; with `apdus`, counts the commands.
pub fn read_reader(
    ctx: &Context,
    reader: &CStr,
    now: DateTime<FixedOffset>,
    apdus: Option<&mut usize>,
) -> Result<CardStatus, ReadError> {
    let mut card = ctx
        .connect(reader, ShareMode::Shared, Protocols::ANY)
        .map_err(transport_error)?;
    let result = {
        let tx = card.transaction().map_err(transport_error)?;
        let mut counted = super::transport::Counted::new(PcscCard(&tx));
        let r = read_status(&mut counted, now);
        if let Some(n) = apdus {
            *n = counted.count;
        }
        // Leave the card as it is: the Mynaportal software may be using it next. Nothing we did
        // verified a PIN.
        let _ = tx.end(Disposition::LeaveCard);
        r
    };
    let _ = card.disconnect(Disposition::LeaveCard);
    match result {
        Err(e) if !e.card_removed() && card_left(ctx, reader) => {
            Err(ReadError::Transport(TransportError::CardRemoved))
        }
        other => other,
    }
}

/// After a failed read: did the card leave? Some readers answer a pulled card with an empty or
/// cut response rather than "removed"; give the reader up to half a second to notice.
fn card_left(ctx: &Context, reader: &CStr) -> bool {
    let name = CString::from(reader);
    for _ in 0..10 {
        match cards_present(ctx, std::slice::from_ref(&name)) {
            Ok(p) if p.first() == Some(&false) => return true,
            Ok(_) => std::thread::sleep(Duration::from_millis(50)),
            Err(_) => return false,
        }
    }
    false
}

/// `madoguchi card status`: the named reader, else the first reader holding a card, else the
/// first reader (reported as `none`).
pub fn status(
    reader: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<(String, CardStatus), CardCliError> {
    let ctx = establish()?;
    let names = readers(&ctx)?;
    if names.is_empty() {
        return Err(PcscError::NoReader.into());
    }
    let present = cards_present(&ctx, &names)?;
    let chosen = match reader {
        Some(want) => names
            .iter()
            .position(|n| n.to_string_lossy() == want)
            .ok_or_else(|| PcscError::NoSuchReader(want.to_string()))?,
        None => present.iter().position(|p| *p).unwrap_or(0),
    };
    let name = names[chosen].to_string_lossy().into_owned();
    if !present[chosen] {
        return Ok((name, CardStatus::of_kind(CardKind::None)));
    }
    let status = read_reader(&ctx, &names[chosen], now, None)?;
    Ok((name, status))
}

/// What `madoguchi card status` can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CardCliError {
    /// PC/SC itself.
    #[error(transparent)]
    Pcsc(#[from] PcscError),
    /// The card.
    #[error(transparent)]
    Read(#[from] ReadError),
}

impl CardCliError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Pcsc(PcscError::NoService(_)) => "pcsc_unavailable",
            Self::Pcsc(PcscError::NoSuchReader(_)) => "no_such_reader",
            Self::Pcsc(PcscError::NoReader) => "no_reader",
            Self::Pcsc(PcscError::Other(_)) => "pcsc_failed",
            Self::Read(ReadError::Transport(_)) => "card_removed",
            Self::Read(_) => "card_unreadable",
        }
    }

    /// The message for staff, in Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            Self::Pcsc(e) => e.message_ja(),
            Self::Read(e) => super::panel::read_error_message(e),
        }
    }
}

/// For `madoguchi doctor`: each reader and whether it holds a card.
pub fn describe() -> Result<Vec<(String, bool)>, PcscError> {
    let ctx = establish()?;
    let names = readers(&ctx)?;
    let present = cards_present(&ctx, &names)?;
    Ok(names
        .iter()
        .map(|n| n.to_string_lossy().into_owned())
        .zip(present)
        .collect())
}
