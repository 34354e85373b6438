//! Which writes must reach the server in the order they were made, and
//! which may travel side by side. Writes on one traveller (or one
//! complaint, or one call) form a lane: a lane's second write may depend
//! on its first (a note after the wrap-up it follows, a change made over
//! the version the first one left), so a lane goes one write at a time,
//! oldest first. Different lanes never wait for each other.

use crate::console::request::WriteRequest;

use super::Queued;

/// What a write is about, as far as ordering goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Lane {
    Traveller(i64),
    Complaint(i64),
    Call(String),
    FollowUp(i64),
}

impl Lane {
    pub fn of(request: &WriteRequest) -> Lane {
        match request {
            WriteRequest::AddPhone { traveller_id, .. }
            | WriteRequest::OpenComplaint { traveller_id, .. }
            | WriteRequest::SavePreferences { traveller_id, .. }
            | WriteRequest::AddNote { traveller_id, .. }
            | WriteRequest::AddFollowUp { traveller_id, .. }
            | WriteRequest::LogVipRequest { traveller_id, .. }
            | WriteRequest::WrapUp {
                traveller_id: Some(traveller_id),
                ..
            } => Lane::Traveller(*traveller_id),
            WriteRequest::GiveRecovery { complaint_id, .. }
            | WriteRequest::ChangeComplaint { complaint_id, .. } => Lane::Complaint(*complaint_id),
            WriteRequest::WrapUp { call_id, .. }
            | WriteRequest::Answer { call_id }
            | WriteRequest::HangUp { call_id } => Lane::Call(call_id.clone()),
            WriteRequest::ChangeFollowUp { follow_up_id, .. } => Lane::FollowUp(*follow_up_id),
        }
    }
}

/// The writes that may go now: the oldest of each lane among `oldest`
/// (which is in the order the writes were made), at most `most` of them,
/// still in that order. A later write of a lane waits for the next round,
/// after the one before it has been settled.
pub fn heads_of_lanes(oldest: Vec<Queued>, most: usize) -> Vec<Queued> {
    let mut seen = std::collections::HashSet::new();
    oldest
        .into_iter()
        .filter(|queued| seen.insert(Lane::of(&queued.write.request)))
        .take(most)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::request::Write;

    fn note(traveller_id: i64, text: &str) -> Queued {
        Queued {
            write: Write::new(WriteRequest::AddNote {
                traveller_id,
                text: text.into(),
                pnr: None,
                flight_id: None,
                corrects: None,
            }),
            user: "ann".into(),
            attempts: 0,
            last_error: None,
        }
    }

    fn texts(queued: &[Queued]) -> Vec<&str> {
        queued
            .iter()
            .map(|q| match &q.write.request {
                WriteRequest::AddNote { text, .. } => text.as_str(),
                _ => "",
            })
            .collect()
    }

    #[test]
    fn only_the_oldest_write_of_each_traveller_goes_and_in_order() {
        let oldest = vec![
            note(1, "1a"),
            note(2, "2a"),
            note(1, "1b"),
            note(3, "3a"),
            note(2, "2b"),
        ];
        assert_eq!(texts(&heads_of_lanes(oldest, 10)), ["1a", "2a", "3a"]);
    }

    #[test]
    fn at_most_the_round_size_goes_at_once() {
        let oldest = (1..=5).map(|t| note(t, &t.to_string())).collect();
        assert_eq!(texts(&heads_of_lanes(oldest, 2)), ["1", "2"]);
    }

    #[test]
    fn a_wrap_up_shares_its_travellers_lane_and_a_recovery_its_complaints() {
        let wrap_up = |traveller_id| WriteRequest::WrapUp {
            call_id: "c1".into(),
            disposition: "info".into(),
            summary: None,
            traveller_id,
        };
        assert_eq!(Lane::of(&wrap_up(Some(7))), Lane::Traveller(7));
        assert_eq!(Lane::of(&wrap_up(None)), Lane::Call("c1".into()));
        let recovery = WriteRequest::GiveRecovery {
            complaint_id: 9,
            version: 1,
            recovery: crate::domain::casework::Recovery::default(),
        };
        assert_eq!(Lane::of(&recovery), Lane::Complaint(9));
    }
}
