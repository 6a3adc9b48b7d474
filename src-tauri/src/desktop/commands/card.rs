//! The card reader panel of the operator window: its current state pushed through a channel, and
//! the demo mode's simulated card going in and out.

use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::card::panel::Panel;
use crate::card::profile;
use crate::clock;
use crate::desktop::card_service::CardService;
use crate::desktop::error::{CmdResult, CommandError};
use crate::desktop::state::SessionSlot;

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
    cards: State<'_, CardService>,
    session: State<'_, SessionSlot>,
) -> CmdResult<CardWatch> {
    session.require()?;
    cards.listen(on_change);
    Ok(CardWatch {
        panel: cards.hub.snapshot(),
        presets: if cards.sim.is_some() {
            profile::DEMO_PRESETS
                .iter()
                .map(|(id, label)| Preset { id, label })
                .collect()
        } else {
            Vec::new()
        },
    })
}

fn sim(cards: &CardService) -> CmdResult<&crate::card::monitor::SimReader> {
    cards
        .sim
        .as_ref()
        .ok_or_else(|| CommandError::new("not_demo", "デモモードでのみ使えます。"))
}

/// Demo mode: inserts a simulated card into the simulated reader and reads it.
#[tauri::command]
pub fn demo_card_insert(
    preset: String,
    cards: State<'_, CardService>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Panel> {
    session.require()?;
    let reader = sim(&cards)?;
    let card = profile::demo_profile(&preset, clock::now().date_naive())
        .ok_or_else(|| CommandError::new("bad_request", "そのカードはありません。"))?;
    reader.insert(&card);
    Ok(cards.hub.snapshot())
}

/// Demo mode: takes the simulated card out.
#[tauri::command]
pub fn demo_card_remove(
    cards: State<'_, CardService>,
    session: State<'_, SessionSlot>,
) -> CmdResult<Panel> {
    session.require()?;
    sim(&cards)?.remove();
    Ok(cards.hub.snapshot())
}
