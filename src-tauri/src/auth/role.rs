//! The three roles. What each may do is `app::permission`'s table.

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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in [Role::Operator, Role::SiteManager, Role::CityStaff] {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("admin"), None);
    }
}
