//! The audit trail for IT staff, the site manager and the city: who did what, when, from where.

use serde::Serialize;

use super::{change, AppError, Ctx, Permission};
use crate::audit::{self, Entry, Filter};

/// One entry with its action in Japanese.
#[derive(Debug, Serialize)]
pub struct Shown {
    /// The entry.
    #[serde(flatten)]
    pub entry: Entry,
    /// What was done, in Japanese.
    pub label: String,
    /// Where from, in Japanese.
    pub origin_label: &'static str,
}

/// Entries matching `filter`, newest first.
pub fn query(ctx: &Ctx, filter: &Filter) -> Result<Vec<Shown>, AppError> {
    ctx.require(Permission::AuditView)?;
    Ok(audit::query(ctx.store(), filter)?
        .into_iter()
        .map(|entry| Shown {
            label: change::label_of(&entry.action).to_string(),
            origin_label: entry.origin.label(),
            entry,
        })
        .collect())
}
