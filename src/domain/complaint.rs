use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintCategory {
    Delay,
    Cancellation,
    Baggage,
    OnBoardService,
    GroundService,
    RefundAndChange,
    Seat,
    Booking,
    MilesAndTier,
    StaffConduct,
    Other,
}

impl ComplaintCategory {
    pub const ALL: [ComplaintCategory; 11] = [
        ComplaintCategory::Delay,
        ComplaintCategory::Cancellation,
        ComplaintCategory::Baggage,
        ComplaintCategory::OnBoardService,
        ComplaintCategory::GroundService,
        ComplaintCategory::RefundAndChange,
        ComplaintCategory::Seat,
        ComplaintCategory::Booking,
        ComplaintCategory::MilesAndTier,
        ComplaintCategory::StaffConduct,
        ComplaintCategory::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ComplaintCategory::Delay => "delay",
            ComplaintCategory::Cancellation => "cancellation",
            ComplaintCategory::Baggage => "baggage",
            ComplaintCategory::OnBoardService => "on-board service",
            ComplaintCategory::GroundService => "ground service",
            ComplaintCategory::RefundAndChange => "refund/change",
            ComplaintCategory::Seat => "seat",
            ComplaintCategory::Booking => "booking",
            ComplaintCategory::MilesAndTier => "miles/tier",
            ComplaintCategory::StaffConduct => "staff conduct",
            ComplaintCategory::Other => "other",
        }
    }

    /// The code it is stored and sent under (`on_board_service`).
    pub fn code(self) -> &'static str {
        match self {
            ComplaintCategory::Delay => "delay",
            ComplaintCategory::Cancellation => "cancellation",
            ComplaintCategory::Baggage => "baggage",
            ComplaintCategory::OnBoardService => "on_board_service",
            ComplaintCategory::GroundService => "ground_service",
            ComplaintCategory::RefundAndChange => "refund_and_change",
            ComplaintCategory::Seat => "seat",
            ComplaintCategory::Booking => "booking",
            ComplaintCategory::MilesAndTier => "miles_and_tier",
            ComplaintCategory::StaffConduct => "staff_conduct",
            ComplaintCategory::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// What a complaint's category reads as: the built-in list's label, or a
/// configured category's code in words (`lost_upgrade` is "lost upgrade"),
/// never "other" for a category the centre made.
pub fn category_label(code: &str) -> String {
    match ComplaintCategory::from_code(code) {
        Some(built_in) => built_in.label().to_string(),
        None => crate::domain::text::clean(code).replace('_', " "),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    Open,
    InProgress,
    WaitingForCustomer,
    Resolved,
    Closed,
}

impl ComplaintStatus {
    pub fn is_open(self) -> bool {
        !matches!(self, ComplaintStatus::Resolved | ComplaintStatus::Closed)
    }

    pub fn label(self) -> &'static str {
        match self {
            ComplaintStatus::Open => "open",
            ComplaintStatus::InProgress => "in progress",
            ComplaintStatus::WaitingForCustomer => "waiting for customer",
            ComplaintStatus::Resolved => "resolved",
            ComplaintStatus::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Complaint {
    pub id: i64,
    /// The category's code: one of the settings' categories.
    pub category: String,
    pub status: ComplaintStatus,
    pub opened_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub summary: String,
}

impl Complaint {
    pub fn age_days(&self, now: DateTime<Utc>) -> i64 {
        (now - self.opened_at).num_days().max(0)
    }

    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.status.is_open() && now > self.due_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn every_code_reads_back_and_made_categories_keep_their_name() {
        for c in ComplaintCategory::ALL {
            assert_eq!(ComplaintCategory::from_code(c.code()), Some(c));
            assert_eq!(
                serde_json::to_value(c).ok(),
                Some(serde_json::Value::String(c.code().into()))
            );
        }
        assert_eq!(category_label("on_board_service"), "on-board service");
        assert_eq!(category_label("lost_upgrade"), "lost upgrade");
        assert_eq!(category_label("noise\u{1b}[2J"), "noise");
    }

    #[test]
    fn only_unresolved_complaints_are_open_or_overdue() {
        let opened = Utc
            .with_ymd_and_hms(2026, 10, 1, 0, 0, 0)
            .single()
            .expect("valid date");
        let mut c = Complaint {
            id: 1,
            category: "staff_conduct".into(),
            status: ComplaintStatus::InProgress,
            opened_at: opened,
            due_at: opened + Duration::days(7),
            summary: String::new(),
        };
        let later = opened + Duration::days(10);
        assert!(c.is_overdue(later));
        assert_eq!(c.age_days(later), 10);
        c.status = ComplaintStatus::Resolved;
        assert!(!c.is_overdue(later));
    }
}
