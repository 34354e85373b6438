//! A call's offer: built once when it rings (the caller looked up), kept
//! ready for the consoles that fetch it, and told to whoever it rings for.

use std::sync::Arc;

use chrono::{Duration, Utc};

use super::{
    CURRENT_OFFERS_AT_MOST, CallIngest, IngestError, RINGING_AT_MOST_MINUTES, checked_call_id,
};
use crate::{
    domain::{
        Role, User,
        call_state::{self, CallRecord, Refusal},
        floor::{CallerFacts, CallerSegment},
    },
    server::{
        hub::{Audience, Notice},
        lookup::lookup_in,
    },
    store::StoreResult,
    wire::{CallDetails, CallOffer, CallerLookup, CallerNumber, StreamEvent},
};

impl CallIngest {
    /// The call's offer, built (the caller looked up) and kept ready for
    /// the consoles that fetch it; `None` when the lookup failed.
    pub(super) async fn prepare_offer(&self, call: &CallRecord) -> Option<Arc<CallOffer>> {
        match self.build_offer(call).await {
            Ok(offer) => {
                let offer = Arc::new(offer);
                self.inner.offers.insert(offer.clone());
                Some(offer)
            }
            Err(e) => {
                tracing::error!(call_id = %call.call_id, error = %e, "caller lookup failed");
                None
            }
        }
    }

    /// Tells whoever the call rings for that it rings.
    pub(super) fn publish_offer(&self, call: &CallRecord) {
        self.inner.bus.publish(Notice {
            audience: vec![offered_audience(call)],
            event: StreamEvent::CallOffered {
                call_id: call.call_id.clone(),
                offer: None,
            },
        });
    }
    /// The offer of a call still ringing, when this server has it ready.
    pub fn ready_offer(&self, call_id: &str) -> Option<Arc<CallOffer>> {
        self.inner.offers.get(call_id)
    }

    /// A call and its offer, for someone it rang for (or a supervisor).
    pub async fn details(&self, user: &User, call_id: &str) -> Result<CallDetails, IngestError> {
        checked_call_id(call_id)?;
        let call = self
            .inner
            .store
            .call(call_id)
            .await?
            .ok_or(Refusal::NoSuchCall)?;
        if !call_state::may_see(user, &call) {
            return Err(Refusal::NotYours.into());
        }
        let offer = match self.inner.offers.get(call_id) {
            Some(offer) => CallOffer::clone(&offer),
            None => self.build_offer(&call).await?,
        };
        Ok(CallDetails {
            state: call.state,
            answered_by: call.answered_by,
            offer,
            // The route knows the settings and sets the queue's mode.
            wrap_up: crate::domain::casework::WrapUpMode::default(),
            dispositions: Vec::new(),
        })
    }

    /// The calls ringing for `user` now, oldest first: what a console that
    /// (re)connects, or fell behind, is offered again.
    pub async fn ringing_for(&self, user: &User) -> StoreResult<Vec<String>> {
        let since = Utc::now() - Duration::minutes(RINGING_AT_MOST_MINUTES);
        let calls = self
            .inner
            .store
            .ringing_calls(since, CURRENT_OFFERS_AT_MOST)
            .await?;
        Ok(calls
            .into_iter()
            .filter(|c| call_state::rings_for(user, c))
            .map(|c| c.call_id)
            .collect())
    }

    pub(super) async fn build_offer(&self, call: &CallRecord) -> StoreResult<CallOffer> {
        let now = Utc::now();
        let today = self.inner.centre_time.date(now);
        let mut caller = lookup_in(
            self.inner.store.as_ref(),
            self.inner.region,
            today,
            &call.from_raw,
        )
        .await?;
        self.inner
            .briefing
            .brief_lookup(self.inner.store.as_ref(), &mut caller, now)
            .await?;
        let called = self.called(call);
        Ok(CallOffer {
            call_id: call.call_id.clone(),
            line: self.inner.lines.line_for(&called),
            queue: call.queue.clone(),
            agent: call.offered_to.clone(),
            offered_at: call.rang_at,
            caller,
        })
    }
}

/// The caller lookup as the floor's waiting list tells it: the number,
/// how many travellers have it, and the one traveller's segment.
pub(super) fn caller_facts(lookup: &CallerLookup) -> CallerFacts {
    let (number, withheld) = match &lookup.number {
        CallerNumber::Known { e164 } => (CallerFacts::shown_number(e164), false),
        CallerNumber::Withheld => (None, true),
        CallerNumber::Invalid { .. } => (None, false),
    };
    let segment = match lookup.matches.as_slice() {
        [one] if lookup.total == 1 => Some(CallerSegment::from(&one.traveller.segment)),
        _ => None,
    };
    CallerFacts {
        number,
        withheld,
        matches: u32::try_from(lookup.total).unwrap_or(u32::MAX),
        segment,
    }
}

/// Whoever a call rings for.
pub(super) fn offered_audience(call: &CallRecord) -> Audience {
    call.offered_to
        .clone()
        .map_or(Audience::Role(Role::Agent), Audience::User)
}
