//! Missed calls: a call that rang and ended before anyone took it is
//! written into the caller's contact history, in the transaction that
//! ends it (see `CallStore::apply_call_event`).

use chrono::{DateTime, Utc};

use super::RecordedCallEvent;
use crate::domain::call_state::{CallRecord, CallState, Step};

/// A call that rang and ended before anyone took it: the traveller who
/// called sees it in their history as missed.
pub(crate) struct MissedCall {
    pub call_id: String,
    /// Whom it rang for (`None`: every agent).
    pub offered_to: Option<String>,
    pub caller_e164: String,
    pub queue: Option<String>,
    pub rang_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    /// The caller gave up (rather than the call being declined or ended).
    pub abandoned: bool,
}

/// The missed call `step` makes of a call that was ringing, if any.
pub(crate) fn missed_call(
    before: Option<CallState>,
    step: &Step,
    after: Option<&CallRecord>,
    event: &RecordedCallEvent,
) -> Option<MissedCall> {
    let Step::Move(end @ (CallState::Ended | CallState::Abandoned)) = step else {
        return None;
    };
    let call = after.filter(|c| c.answered_by.is_none())?;
    if before != Some(CallState::Ringing) {
        return None;
    }
    Some(MissedCall {
        call_id: call.call_id.clone(),
        offered_to: call.offered_to.clone(),
        caller_e164: call.caller_e164.as_deref()?.to_string(),
        queue: call.queue.clone(),
        rang_at: call.rang_at,
        ended_at: event.at,
        abandoned: *end == CallState::Abandoned,
    })
}

impl MissedCall {
    pub(crate) fn summary(&self) -> &'static str {
        if self.abandoned {
            "missed call: the caller hung up before it was answered"
        } else {
            "missed call: it ended before it was answered"
        }
    }

    pub(crate) fn detail(&self) -> serde_json::Value {
        serde_json::json!({
            "missed": true,
            "call_id": self.call_id,
            "queue": self.queue,
            "offered_to": self.offered_to,
            "rang_at": self.rang_at,
            "ended_at": self.ended_at,
        })
    }
}
