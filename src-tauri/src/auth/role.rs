//! The three roles and what each may do.

use serde::{Deserialize, Serialize};

/// Who a staff member is at the counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// オペレーター: runs visits at a counter.
    Operator,
    /// 現場責任者: runs the site; everything an operator does, plus administration.
    SiteManager,
    /// 市担当者: city staff; reads reports and the calendar, approves manual changes.
    CityStaff,
}

/// Something a role may or may not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Start, fill in and end visits; amend one's own.
    LogVisits,
    /// Amend or void any visit.
    CorrectAnyVisit,
    /// Edit the calendar (weekend picks, overrides, hours).
    ManageCalendar,
    /// Create and switch off accounts.
    ManageAccounts,
    /// Edit the service and reason lists and the counter setting.
    ManageLists,
    /// Make a backup, import and export visits.
    ManageData,
    /// See today's tallies and visits.
    ViewReports,
    /// See and export the monthly and final reports.
    ViewMonthlyReport,
    /// Record a report as submitted, or submit a correction.
    SubmitReport,
}

impl Role {
    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::SiteManager => "site_manager",
            Role::CityStaff => "city_staff",
        }
    }

    /// From the stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "operator" => Some(Role::Operator),
            "site_manager" => Some(Role::SiteManager),
            "city_staff" => Some(Role::CityStaff),
            _ => None,
        }
    }

    /// The Japanese name on screen.
    pub fn label(self) -> &'static str {
        match self {
            Role::Operator => "オペレーター",
            Role::SiteManager => "現場責任者",
            Role::CityStaff => "市担当者",
        }
    }

    /// Whether this role may do `action`.
    pub fn may(self, action: Action) -> bool {
        use Action::*;
        match self {
            Role::SiteManager => true,
            Role::Operator => matches!(action, LogVisits | ViewReports),
            Role::CityStaff => matches!(action, ViewReports | ViewMonthlyReport),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_decide_what_each_may_do() {
        assert!(Role::Operator.may(Action::LogVisits));
        assert!(
            !Role::Operator.may(Action::ManageCalendar),
            "operators do not edit the calendar"
        );
        assert!(!Role::Operator.may(Action::CorrectAnyVisit));
        assert!(
            !Role::CityStaff.may(Action::LogVisits),
            "city staff do not log visits"
        );
        assert!(Role::CityStaff.may(Action::ViewReports));
        assert!(Role::CityStaff.may(Action::ViewMonthlyReport));
        assert!(
            !Role::Operator.may(Action::ViewMonthlyReport),
            "the report tab is for the manager and the city"
        );
        assert!(Role::SiteManager.may(Action::ManageAccounts));
        for r in [Role::Operator, Role::SiteManager, Role::CityStaff] {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
    }
}
