//! What an actor may do. Each permission names the one thing it gates; which roles hold which is
//! the table in [`granted`], the only place the question "who may" is answered. The signed-in
//! session carries its list to the window, which shows and hides by permission, never by role.

use serde::Serialize;

use super::actor::Actor;
use crate::auth::Role;

macro_rules! permissions {
    ($($variant:ident => $doc:literal;)*) => {
        /// One thing an actor may be allowed to do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Permission {
            $(
                #[doc = $doc]
                $variant,
            )*
        }

        /// Every permission, in the order above.
        pub const ALL: &[Permission] = &[$(Permission::$variant),*];
    };
}

permissions! {
    VisitLog => "Start, fill in and end one's own visits at this counter; correct one's own ended visits.";
    VisitCorrectAny => "Amend or void any operator's ended visit.";
    VisitsToday => "Today's visit list and running tally.";
    VisitsByOperator => "See which operator served each visit (the counter's own records; the city sees the figures).";
    CalendarView => "Read the operating calendar.";
    CalendarEdit => "Weekend picks, day overrides, holiday changes, hours and contract period.";
    AccountsManage => "Create accounts, switch them on and off, reset passwords.";
    ListsEdit => "The service and not-completed reason lists.";
    CounterSet => "This PC's counter number.";
    PhotoSettingsEdit => "Camera, J-LIS address, time limit, paper.";
    LinksEdit => "The sites a link in the manual may open.";
    ReportHeaderEdit => "The report's fixed texts (addressee, contractor …).";
    CitizenDisplayControl => "The citizen display's full screen.";
    AuditView => "Read the audit trail.";
    Backup => "Copy the database.";
    VisitsImport => "Import the other counter's visits.";
    ImportOutsideContract => "Confirm visits outside the contract period in an import (the site manager; IT staff with the flag).";
    VisitsExport => "Export a month's visits.";
    KbTransfer => "Export and import the knowledge base with its history.";
    ReportView => "The monthly and final reports, on screen and as files.";
    ReportSubmit => "Record a report as submitted, or submit a correction.";
    RecordsView => "Read a month's complaints and incidents.";
    ComplaintRecord => "Record or update a complaint.";
    ComplaintClose => "Record a complaint's escalation to the city, the city's answer, and close it.";
    IncidentRecord => "Record or update an incident report.";
    KbRead => "Search and read the approved manual and FAQ.";
    KbDraft => "Write drafts and send them for the city's approval.";
    KbReview => "See every version, drafts, the approval queue, differences, the briefing document.";
    KbForward => "Send operators' drafts on to the city, or back (operators reach the city through the site manager).";
    KbApprove => "Approve a change or return it (the city's own decision).";
    KbArrange => "Arrange the manual's chapters.";
    EscalationAsk => "Record a question the manual does not answer.";
    EscalationSend => "Send a question on to the city.";
    EscalationAnswer => "Answer a question (the city).";
    EscalationsAll => "See every question, not only one's own.";
    PhotoTake => "The camera, the capture, accepting, uploading and printing the photo.";
    StoreView => "Whether the city's shared store is reached, and what waits to be sent.";
    StoreAdmin => "Set up the city's shared store and connect this counter to it (IT staff).";
    CardRead => "The IC card reader panel.";
    KioskSession => "Make this PC's desktop session a kiosk, or undo it (IT staff).";
    OpeningCheck => "Run and record the day's opening check (開設前点検) at this counter.";
    OpeningSettingsEdit => "The opening check's network targets, printer, limits and manual items.";
    LeafletMake => "Make the month's leaflet PDF (広報用リーフレット).";
    LeafletTextsEdit => "Write the leaflet's wording (a draft the city approves).";
    BriefingRecord => "Record a briefing of the manual and the equipment to the city's staff.";
}

use Permission::*;

const OPERATOR: &[Permission] = &[
    VisitLog,
    VisitsToday,
    VisitsByOperator,
    CalendarView,
    RecordsView,
    ComplaintRecord,
    KbRead,
    KbDraft,
    EscalationAsk,
    PhotoTake,
    CardRead,
    StoreView,
    OpeningCheck,
];

/// The site manager runs the site: everything but the city's own decisions.
const SITE_MANAGER_NOT: &[Permission] = &[KbApprove, EscalationAnswer, StoreAdmin, KioskSession];

const CITY_STAFF: &[Permission] = &[
    VisitsToday,
    CalendarView,
    ReportView,
    RecordsView,
    KbRead,
    KbReview,
    KbApprove,
    EscalationAnswer,
    EscalationsAll,
    StoreView,
];

/// IT staff at the PC's command line: the scripted jobs (reports, data exchange, backup,
/// accounts, the audit trail), never a counter's or the city's decisions.
const COMMAND_LINE: &[Permission] = &[
    CalendarView,
    ImportOutsideContract,
    AccountsManage,
    CounterSet,
    AuditView,
    Backup,
    VisitsImport,
    VisitsExport,
    KbTransfer,
    ReportView,
    KbRead,
    KbReview,
    StoreView,
    StoreAdmin,
    KioskSession,
    OpeningCheck,
    LeafletMake,
];

/// Whether a role holds a permission.
pub fn role_has(role: Role, p: Permission) -> bool {
    match role {
        Role::Operator => OPERATOR.contains(&p),
        Role::SiteManager => !SITE_MANAGER_NOT.contains(&p),
        Role::CityStaff => CITY_STAFF.contains(&p),
    }
}

/// Whether `actor` holds `p`.
pub fn granted(actor: &Actor, p: Permission) -> bool {
    match actor {
        Actor::Staff(s) => {
            !s.must_change_password
                && (role_has(s.role, p) || (s.security_officer && OFFICER.contains(&p)))
        }
        Actor::CommandLine { .. } => COMMAND_LINE.contains(&p),
        Actor::System | Actor::Nobody => false,
    }
}

/// What the information-security officer (情報管理責任者, 仕様書 §9(5)) holds besides their role.
const OFFICER: &[Permission] = &[AuditView];

/// Every permission a role holds, for the window.
pub fn of_role(role: Role) -> Vec<Permission> {
    of_staff(role, false)
}

/// Every permission a staff member holds: their role's, and the officer's when named.
pub fn of_staff(role: Role, security_officer: bool) -> Vec<Permission> {
    ALL.iter()
        .copied()
        .filter(|p| role_has(role, *p) || (security_officer && OFFICER.contains(p)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_holds_what_its_work_needs_and_no_more() {
        assert!(role_has(Role::Operator, VisitLog));
        assert!(
            !role_has(Role::Operator, CalendarEdit),
            "operators do not edit the calendar"
        );
        assert!(!role_has(Role::Operator, VisitCorrectAny));
        assert!(
            !role_has(Role::Operator, ReportView),
            "the report tab is for the manager and the city"
        );
        assert!(
            !role_has(Role::CityStaff, VisitLog),
            "city staff do not log visits"
        );
        assert!(role_has(Role::CityStaff, KbApprove));
        assert!(
            !role_has(Role::SiteManager, KbApprove),
            "the city's approval is the city's: the site manager cannot approve"
        );
        assert!(role_has(Role::SiteManager, AccountsManage));
        assert!(!role_has(Role::CityStaff, IncidentRecord));
        let every: std::collections::HashSet<_> = ALL.iter().collect();
        assert_eq!(every.len(), ALL.len(), "no permission listed twice");
        for p in ALL {
            assert!(
                [Role::Operator, Role::SiteManager, Role::CityStaff]
                    .iter()
                    .any(|r| role_has(*r, *p))
                    || COMMAND_LINE.contains(p),
                "{p:?} is held by some role or by IT staff at the command line"
            );
        }
    }
}
