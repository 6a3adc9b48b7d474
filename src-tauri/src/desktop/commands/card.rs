//! The card reader panel of the operator window: its current state pushed through a channel, and
//! the demo mode's simulated card going in and out.

use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::app::{AppError, Permission, SessionSlot};
use crate::card::panel::Panel;
use crate::card::profile;
use crate::desktop::card_reader::CardReader;
use crate::desktop::error::CmdResult;
use crate::desktop::state::{act, Db};

/// A demo preset button.
#[derive(Debug, Serialize)]
pub struct Preset {
    /// Its id.
    pub id: &'static str,
    /// Its label.
    pub label: &'static str,
}

/// The panel now, and the demo presets when the simulated reader is there.
#[derive(Debug, Serialize)]
pub struct CardWatch {
    /// The readers and the card.
    pub panel: Panel,
    /// Simulated cards to insert (demo mode only).
    pub presets: Vec<Preset>,
}

/// Returns the panel and pushes every change to `on_change` from now on.
#[tauri::command]
pub fn card_watch(
    on_change: Channel<Panel>,
    cards: State<'_, CardReader>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<CardWatch> {
    act(&db, &session, |cx| cx.require(Permission::CardRead))?;
    cards.listen(on_change);
    let presets = match cards.sim {
        Some(_) => profile::DEMO_PRESETS
            .iter()
            .map(|(id, label)| Preset { id, label })
            .collect(),
        None => Vec::new(),
    };
    Ok(CardWatch {
        panel: cards.hub.snapshot(),
        presets,
    })
}

/// Demo mode: inserts a simulated card into the simulated reader and reads it.
#[tauri::command]
pub fn demo_card_insert(
    preset: String,
    cards: State<'_, CardReader>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Panel> {
    act(&db, &session, |cx| {
        cx.require(Permission::CardRead)?;
        let reader = cards.sim.as_ref().ok_or(AppError::NotDemo)?;
        let card =
            profile::demo_profile(&preset, cx.now().date_naive()).ok_or(AppError::NoSuchCard)?;
        reader.insert(&card);
        Ok(cards.hub.snapshot())
    })
}

/// Demo mode: takes the simulated card out.
#[tauri::command]
pub fn demo_card_remove(
    cards: State<'_, CardReader>,
    db: State<'_, Db>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Panel> {
    act(&db, &session, |cx| {
        cx.require(Permission::CardRead)?;
        cards.sim.as_ref().ok_or(AppError::NotDemo)?.remove();
        Ok(cards.hub.snapshot())
    })
}
