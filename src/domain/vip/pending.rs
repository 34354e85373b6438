//! What is still to do for a traveller, as the pop raises it: VIP
//! requests awaiting the reservation system's confirmation (a hold near
//! its release time first) and follow-ups falling due.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{VipRequestKind, prompts::Prompt};

/// A request still `requested`, with the earliest release time of its
/// holds not yet expired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRequest {
    pub id: i64,
    pub kind: VipRequestKind,
    pub release_at: Option<DateTime<Utc>>,
}

/// An open follow-up due (or snoozed until) `due_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueFollowUp {
    pub id: i64,
    pub text: String,
    pub due_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PendingWork {
    pub requests: Vec<PendingRequest>,
    pub follow_ups: Vec<DueFollowUp>,
}

/// A follow-up due within this long is raised on the pop.
pub const FOLLOW_UP_AHEAD_HOURS: i64 = 24;

/// The prompts for what is pending: holds near their release time first
/// (within `warning` of it), then the other requests awaiting
/// confirmation, then follow-ups due by order of due time.
pub fn pending_prompts(work: &PendingWork, now: DateTime<Utc>, warning: Duration) -> Vec<Prompt> {
    let mut requests: Vec<&PendingRequest> = work.requests.iter().collect();
    requests.sort_by_key(|r| (r.release_at.is_none(), r.release_at, r.id));
    let mut out: Vec<Prompt> = requests
        .into_iter()
        .map(|r| Prompt::VipAwaiting {
            request_id: r.id,
            request_kind: r.kind,
            release_at: r.release_at,
            near_release: r.release_at.is_some_and(|at| at - now <= warning),
        })
        .collect();
    out.extend(work.follow_ups.iter().map(|f| Prompt::FollowUpDue {
        follow_up_id: f.id,
        text: f.text.clone(),
        due_at: f.due_at,
        overdue: f.due_at <= now,
    }));
    out
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::CentreTime;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, h, m, 0)
            .single()
            .expect("valid time")
    }

    #[test]
    fn a_hold_near_release_leads_then_requests_then_follow_ups_due() {
        let now = at(2, 0);
        let work = PendingWork {
            requests: vec![
                PendingRequest {
                    id: 1,
                    kind: VipRequestKind::Lounge,
                    release_at: None,
                },
                PendingRequest {
                    id: 2,
                    kind: VipRequestKind::SeatHold,
                    release_at: Some(at(2, 15)),
                },
                PendingRequest {
                    id: 3,
                    kind: VipRequestKind::SeatHold,
                    release_at: Some(at(2, 16)),
                },
            ],
            follow_ups: vec![DueFollowUp {
                id: 9,
                text: "call back with the hold confirmed".into(),
                due_at: at(1, 30),
            }],
        };
        let found = pending_prompts(&work, now, Duration::minutes(15));
        let centre = CentreTime::default();
        let words: Vec<String> = found.iter().map(|p| p.text(&centre)).collect();
        assert_eq!(
            words,
            [
                "seat hold awaiting confirmation, releases SOON at 10:15",
                "seat hold awaiting confirmation, releases 10:16",
                "lounge awaiting confirmation",
                "follow-up overdue since 09:30: call back with the hold confirmed",
            ]
        );
    }
}
