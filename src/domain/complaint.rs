use chrono::{DateTime, Duration, Utc};
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

    /// Days allowed to resolve (our default service-level targets).
    pub fn resolve_within_days(self) -> i64 {
        match self {
            ComplaintCategory::Baggage => 21,
            ComplaintCategory::RefundAndChange | ComplaintCategory::MilesAndTier => 14,
            ComplaintCategory::StaffConduct => 7,
            _ => 30,
        }
    }

    pub fn due_at(self, opened_at: DateTime<Utc>) -> DateTime<Utc> {
        opened_at + Duration::days(self.resolve_within_days())
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
    pub category: ComplaintCategory,
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
    use chrono::TimeZone;

    #[test]
    fn due_dates_follow_category_targets() {
        let opened = Utc
            .with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
            .single()
            .expect("valid date");
        assert_eq!(
            ComplaintCategory::Baggage.due_at(opened).to_rfc3339(),
            "2026-11-22T09:00:00+00:00"
        );
        assert_eq!(
            ComplaintCategory::Delay.due_at(opened).to_rfc3339(),
            "2026-12-01T09:00:00+00:00"
        );
    }

    #[test]
    fn only_unresolved_complaints_are_open_or_overdue() {
        let opened = Utc
            .with_ymd_and_hms(2026, 10, 1, 0, 0, 0)
            .single()
            .expect("valid date");
        let mut c = Complaint {
            id: 1,
            category: ComplaintCategory::StaffConduct,
            status: ComplaintStatus::InProgress,
            opened_at: opened,
            due_at: ComplaintCategory::StaffConduct.due_at(opened),
            summary: String::new(),
        };
        let later = opened + Duration::days(10);
        assert!(c.is_overdue(later));
        assert_eq!(c.age_days(later), 10);
        c.status = ComplaintStatus::Resolved;
        assert!(!c.is_overdue(later));
    }
}
