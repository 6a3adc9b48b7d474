//! The month's leaflet: making the PDF (the site manager in 管理, IT staff from the command line),
//! and its wording — the site manager's draft, the city's approval. The PDF prints the approved
//! wording only (the starter wording, marked as not yet approved, until there is one).

use std::path::Path;

use serde::Serialize;

use super::{files, AppError, Change, Ctx, Permission};
use crate::calendar::{stored, Month};
use crate::leaflet::pdf::{self, Fonts};
use crate::leaflet::texts::{self, Stored};
use crate::leaflet::{LeafletError, LeafletMonth, LeafletTexts};

/// What was made.
#[derive(Debug, Serialize)]
pub struct Made {
    /// The months, `YYYY-MM`.
    pub months: Vec<Month>,
    /// The file's size.
    pub bytes: usize,
    /// The wording is the city's approved one.
    pub approved: bool,
}

/// `count` months from `first` (1 to 3).
fn months(first: Month, count: u8) -> Result<Vec<Month>, AppError> {
    if !(1..=3).contains(&count) {
        return Err(LeafletError::Months.into());
    }
    Ok(std::iter::successors(Some(first), |m| Some(m.next()))
        .take(usize::from(count))
        .collect())
}

/// Makes the leaflet of `count` months from `first` with `fonts` and writes it to `path`.
pub fn export(
    ctx: &mut Ctx,
    first: Month,
    count: u8,
    fonts: &Fonts,
    path: &Path,
) -> Result<Made, AppError> {
    ctx.require(Permission::LeafletMake)?;
    let list = months(first, count)?;
    let cal = stored::load(ctx.store())?;
    let shown: Vec<LeafletMonth> = list.iter().map(|m| LeafletMonth::of(&cal, *m)).collect();
    let (wording, approved) = texts::load(ctx.store())?.printed();
    let bytes = pdf::render(&shown, &wording, approved, fonts)?;
    ctx.write(Change::LeafletExport, |_| {
        files::write_whole(path, &bytes)?;
        let detail = format!(
            "{first} から {count} か月{}",
            if approved {
                ""
            } else {
                "（承認前の文案）"
            }
        );
        Ok((
            Made {
                months: list.clone(),
                bytes: bytes.len(),
                approved,
            },
            detail,
        ))
    })
}

/// The wording: the draft waiting for the city and the approved version.
#[derive(Debug, Serialize)]
pub struct Wording {
    /// As stored.
    #[serde(flatten)]
    pub stored: Stored,
    /// What a new draft starts from (the draft, else the approved, else the starter wording).
    pub current: LeafletTexts,
}

/// The wording, for the site manager's form and the city's approval.
pub fn wording(ctx: &Ctx) -> Result<Wording, AppError> {
    if !ctx.may(Permission::KbApprove) {
        ctx.require(Permission::LeafletMake)?;
    }
    let stored = texts::load(ctx.store())?;
    let current = stored
        .draft
        .clone()
        .or_else(|| stored.approved.clone())
        .unwrap_or_default();
    Ok(Wording { stored, current })
}

/// Saves the site manager's draft (it waits for the city's approval).
pub fn save_draft(ctx: &mut Ctx, t: &LeafletTexts) -> Result<Wording, AppError> {
    ctx.require(Permission::LeafletTextsEdit)?;
    let clean = t.cleaned()?;
    ctx.write(Change::LeafletDraft, |store| {
        let mut s = texts::load(store)?;
        s.draft = Some(clean.clone());
        texts::save(store, &s)?;
        Ok(((), clean.name.clone()))
    })?;
    wording(ctx)
}

/// The city approves the draft: the leaflet prints it from now on.
pub fn approve(ctx: &mut Ctx) -> Result<Wording, AppError> {
    ctx.require(Permission::KbApprove)?;
    let (by, at) = (ctx.author(), ctx.stamp());
    ctx.write(Change::LeafletApprove, |store| {
        let mut s = texts::load(store)?;
        let draft = s.draft.take().ok_or(AppError::NoLeafletDraft)?;
        s.approved = Some(draft);
        s.approved_by = by.clone();
        s.approved_at = at.clone();
        texts::save(store, &s)?;
        Ok(((), String::new()))
    })?;
    wording(ctx)
}
