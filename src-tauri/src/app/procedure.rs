//! The guided procedures' use cases. Reading the 申請書ID: from a scanner's burst (told from typing
//! by its timing), the camera's decoded QR code, or typed. The ID goes back to the operator's
//! window only: it is not stored, not audited (the audit entry would have to hold it or nothing),
//! and not sent to the citizen display.

use serde::Serialize;

use super::{AppError, Ctx, Permission};
use crate::procedure::{self, burst};
use crate::visits;

/// An ID as the operator's window shows it.
#[derive(Debug, Serialize)]
pub struct IdView {
    /// The 23 digits (what the copy button copies).
    pub digits: String,
    /// Grouped 4-4-4-4-4-3, for reading aloud.
    pub grouped: String,
}

/// What came of keys that might be a scan.
#[derive(Debug, Serialize)]
pub struct ScanAnswer {
    /// False: a person typed these keys; the window uses them as the keys they are.
    pub scan: bool,
    /// The ID, when it was a scan (a scan without one is an error).
    pub id: Option<IdView>,
}

/// Reads the ID from `text`. With `gaps_ms` (the time between the keys) the text is a burst of
/// keys that may be a scanner's: typed keys answer `scan: false` and are not read. Without, the
/// text was typed into the ID field or decoded from the camera. Needs the actor's visit in
/// progress.
pub fn read_application_id(
    ctx: &Ctx,
    text: &str,
    gaps_ms: Option<&[u32]>,
) -> Result<ScanAnswer, AppError> {
    let me = ctx.staff(Permission::VisitLog)?.login_id.clone();
    visits::open_visit_of(ctx.store(), ctx.counter(), &me)?.ok_or(AppError::NoOpenVisit)?;
    if let Some(gaps) = gaps_ms {
        if !burst::is_scan(text, gaps) {
            return Ok(ScanAnswer {
                scan: false,
                id: None,
            });
        }
    }
    let id = procedure::read(text)?;
    Ok(ScanAnswer {
        scan: true,
        id: Some(IdView {
            digits: id.digits().to_string(),
            grouped: id.grouped(),
        }),
    })
}

/// The J-LIS application page the guide opens (the photo settings' address).
pub fn jlis_page(ctx: &Ctx) -> Result<String, AppError> {
    ctx.require(Permission::VisitLog)?;
    Ok(super::settings::photo_settings_of(ctx.store())?.jlis_url)
}
