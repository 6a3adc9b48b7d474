//! Questions the manual does not answer (§6(4)ウ): asked at the counter, sent on by the site
//! manager, answered by the city, and turned into a FAQ draft.

use super::{AppError, Change, Ctx, Permission};
use crate::kb::escalation::{self, Escalation, Step};
use crate::store::Store;

/// Puts the question's new step in the change log (in the transaction of the step): it travels
/// to the other counters, so the city's answer reaches the counter that asked.
fn share(store: &Store, author: &crate::sync::Author, id: i64) -> Result<(), AppError> {
    let (e, uid, revision) = escalation::shared(store, id)?;
    crate::sync::log::record(
        store,
        author,
        crate::sync::Kind::Escalation,
        &uid,
        revision,
        &e,
    )?;
    Ok(())
}

/// The questions the actor may see: every one for those who see all, else their own.
pub fn list(ctx: &Ctx) -> Result<Vec<Escalation>, AppError> {
    let me = ctx.signed_in()?.login_id.clone();
    if ctx.may(Permission::EscalationsAll) || ctx.may(Permission::EscalationSend) {
        return Ok(escalation::list(ctx.store(), None)?);
    }
    ctx.require(Permission::EscalationAsk)?;
    Ok(escalation::list(ctx.store(), Some(&me))?)
}

/// Records a question. Returns its number.
pub fn ask(ctx: &mut Ctx, question: &str) -> Result<i64, AppError> {
    let by = ctx.staff(Permission::EscalationAsk)?.login_id.clone();
    let (counter, now) = (ctx.counter(), ctx.stamp());
    let author = ctx.sync_author();
    ctx.write(Change::EscalationAsk, |store| {
        let id = escalation::ask(store, question, &by, counter, &now)?;
        share(store, &author, id)?;
        Ok((id, id.to_string()))
    })
}

/// Moves a question on: sent to the city, answered, or made into a FAQ draft (whose version id
/// is returned).
pub fn step(ctx: &mut Ctx, id: i64, step: Step, text: &str) -> Result<Option<i64>, AppError> {
    let (permission, change) = match step {
        Step::Send => (Permission::EscalationSend, Change::EscalationSend),
        Step::Answer => (Permission::EscalationAnswer, Change::EscalationAnswer),
        Step::Faq => (Permission::KbDraft, Change::EscalationFaq),
    };
    let by = ctx.staff(permission)?.login_id.clone();
    let now = ctx.stamp();
    let author = ctx.sync_author();
    ctx.write(change, |store| {
        let made = match step {
            Step::Send => escalation::send(store, id, &by, &now).map(|_| None),
            Step::Answer => escalation::answer(store, id, text, &by, &now).map(|_| None),
            Step::Faq => escalation::to_faq_draft(store, id, &by, &now).map(Some),
        }?;
        match made {
            Some(version) => super::kb::share_document(store, &author, version)?,
            None => share(store, &author, id)?,
        }
        Ok((made, id.to_string()))
    })
}
