//! Call ingest: the one way call events enter the server, whoever sends
//! them (the webhook, the simulator, a PBX adapter) and the agents'
//! answer and hang-up. It keeps each call's state through the store and
//! tells whoever a change concerns on the event bus.

mod offering;
mod offers;
mod settle;
pub mod stream;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use self::{
    offering::{caller_facts, offered_audience},
    offers::OfferCache,
};
use super::{
    briefing::Briefing,
    error::ApiError,
    floor::FloorKeeper,
    hub::{Audience, DynBus, Notice},
};
use crate::{
    domain::{
        CallEvent, CallEventKind, CallerId, CentreTime, DefaultRegion, LineDirectory, LineKind,
        User,
        call::CallEventError,
        call_state::{self, Actor, CallRecord, CallState, Refusal, Step},
        floor::{AgentStateReport, FloorChange},
        phone::parse_caller_id,
        text,
    },
    store::{DynStore, RecordedCallEvent, StoreError},
    telephony::{CallSink, SinkError},
    wire::{CallOffer, StreamEvent},
};

/// Offers kept ready; more ringing at once are built again when fetched.
const OFFERS_KEPT: usize = 512;
/// A call still ringing after this long is one whose end was never sent:
/// a reconnecting console is not offered it again.
const RINGING_AT_MOST_MINUTES: i64 = 15;
/// Most current offers resent to one reconnecting console.
const CURRENT_OFFERS_AT_MOST: i64 = 200;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Invalid(#[from] CallEventError),
    /// A call id in a URL that no call could have.
    #[error("bad call id: {0}")]
    BadCallId(CallEventError),
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<IngestError> for ApiError {
    fn from(e: IngestError) -> Self {
        match e {
            IngestError::Invalid(e) => ApiError::Unprocessable(e.to_string()),
            IngestError::BadCallId(_) => ApiError::BadRequest(e.to_string()),
            IngestError::Refused(Refusal::NoSuchCall) => ApiError::NotFound(e.to_string()),
            IngestError::Refused(Refusal::NotYours) => {
                ApiError::Forbidden("the call was not offered to you")
            }
            IngestError::Refused(Refusal::PbxOnly) => {
                ApiError::Forbidden("only the phone system reports that")
            }
            IngestError::Refused(r) => ApiError::Conflict(r.to_string()),
            IngestError::Store(e) => ApiError::Internal(e),
        }
    }
}

/// What one event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ingested {
    /// A new call waits in its queue, offered to nobody yet.
    Queued,
    /// A call rang and was offered.
    Offered,
    /// The call moved on to this state.
    Moved(CallState),
    /// Nothing changed: a retry, or news of a call already over.
    Unchanged,
}

#[derive(Clone)]
pub struct CallIngest {
    inner: Arc<Inner>,
}

struct Inner {
    store: DynStore,
    bus: DynBus,
    region: DefaultRegion,
    /// Whose "today" a pop's flights are chosen around.
    centre_time: CentreTime,
    lines: LineDirectory,
    offers: OfferCache,
    floor: FloorKeeper,
    /// The prompts added to every profile the pop shows.
    briefing: Briefing,
}

impl CallIngest {
    pub fn new(
        store: DynStore,
        bus: DynBus,
        region: DefaultRegion,
        centre_time: CentreTime,
        lines: LineDirectory,
        floor: FloorKeeper,
        briefing: Briefing,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                store,
                bus,
                region,
                centre_time,
                lines,
                offers: OfferCache::new(OFFERS_KEPT),
                floor,
                briefing,
            }),
        }
    }

    /// What every profile handed out is briefed with.
    pub fn briefing(&self) -> &Briefing {
        &self.inner.briefing
    }

    /// An event from the phone system. Retries are answered like the
    /// first and change nothing.
    pub async fn ingest(&self, event: CallEvent) -> Result<Ingested, IngestError> {
        event.validate()?;
        let caller_e164 = match event.event {
            CallEventKind::Queued | CallEventKind::Ringing => {
                match parse_caller_id(&event.from, self.inner.region) {
                    Ok(CallerId::Number(e164)) => Some(e164),
                    _ => None,
                }
            }
            _ => None,
        };
        let recorded = RecordedCallEvent {
            call_id: event.call_id,
            event: event.event,
            // A caller ID is outside text: whichever source sent it (the
            // webhook, Asterisk), the call still rings, but its control
            // characters, escapes and bidi overrides are never stored.
            from_raw: text::clean(&event.from),
            caller_e164,
            to_raw: event.to,
            queue: event.queue,
            agent: event.agent,
            at: Utc::now(),
        };
        let kind = recorded.event;
        self.apply(&recorded, event.at, &Actor::Pbx, kind).await
    }

    /// `user` answers or hangs up a call; refused unless it was offered to
    /// them (or they are a supervisor), and refusals write nothing.
    pub async fn act(
        &self,
        user: &User,
        call_id: &str,
        kind: CallEventKind,
    ) -> Result<Ingested, IngestError> {
        checked_call_id(call_id)?;
        let recorded = RecordedCallEvent {
            call_id: call_id.to_string(),
            event: kind,
            from_raw: String::new(),
            caller_e164: None,
            to_raw: String::new(),
            queue: None,
            agent: Some(user.name.clone()),
            at: Utc::now(),
        };
        self.apply(&recorded, None, &Actor::User(user.clone()), kind)
            .await
    }

    async fn apply(
        &self,
        recorded: &RecordedCallEvent,
        pbx_at: Option<chrono::DateTime<Utc>>,
        actor: &Actor,
        kind: CallEventKind,
    ) -> Result<Ingested, IngestError> {
        let rule = |call: Option<&CallRecord>| call_state::step(call, kind, actor);
        let applied = self
            .inner
            .store
            .apply_call_event(recorded, pbx_at, &rule)
            .await?;
        let was = applied.before;
        let call = match (applied.step, applied.call) {
            (Step::Refuse(refusal), _) => return Err(refusal.into()),
            (Step::Keep, _) | (_, None) => return Ok(Ingested::Unchanged),
            // Waiting in its queue, rung at nobody: the floor counts the
            // wait from now, and no console rings until an agent is free.
            (Step::Create(CallState::Queued), Some(call)) => {
                let offer = self.prepare_offer(&call).await;
                self.inner
                    .floor
                    .record(self.queued(&call, offer.as_deref(), recorded.at))
                    .await;
                return Ok(Ingested::Queued);
            }
            (Step::Create(CallState::Ringing), Some(call)) => {
                // The call is stored: a retry would change nothing, so it
                // is offered even when the lookup fails (consoles then
                // fetch the offer, which looks the caller up again).
                let offer = self.prepare_offer(&call).await;
                self.inner
                    .floor
                    .record(self.queued(&call, offer.as_deref(), recorded.at))
                    .await;
                self.publish_offer(&call);
                return Ok(Ingested::Offered);
            }
            // The phone system's first word on a call that never rang
            // here: kept, but it was offered to nobody.
            (Step::Create(state), Some(_)) => return Ok(Ingested::Moved(state)),
            // A queued call rings at its agent: the floor has counted its
            // wait since it queued, so only the console rings.
            (Step::Move(CallState::Ringing), Some(call)) => {
                match self.inner.offers.get(&call.call_id) {
                    Some(queued) => {
                        let mut offer = CallOffer::clone(&queued);
                        offer.agent = call.offered_to.clone();
                        offer.offered_at = call.rang_at;
                        self.inner.offers.insert(Arc::new(offer));
                    }
                    None => {
                        self.prepare_offer(&call).await;
                    }
                }
                self.publish_offer(&call);
                return Ok(Ingested::Offered);
            }
            (Step::Move(_), Some(call)) => call,
        };
        self.inner.offers.remove(&call.call_id);
        // A call that was still queued rang for nobody: only whoever took
        // it hears of it (the floor hears of everything).
        let mut audience = Vec::new();
        if was != Some(CallState::Queued) {
            audience.push(offered_audience(&call));
        }
        if let Some(by) = &call.answered_by {
            audience.push(Audience::User(by.clone()));
        }
        let event = match call.state {
            CallState::Answered => StreamEvent::CallAnswered {
                call_id: call.call_id.clone(),
                agent: call.answered_by.clone().unwrap_or_default(),
            },
            CallState::Queued | CallState::Ringing => return Ok(Ingested::Unchanged),
            CallState::Ended => StreamEvent::CallEnded {
                call_id: call.call_id.clone(),
                how: CallEventKind::Hangup,
            },
            CallState::Abandoned => StreamEvent::CallEnded {
                call_id: call.call_id.clone(),
                how: CallEventKind::Abandoned,
            },
        };
        if !audience.is_empty() {
            self.inner.bus.publish(Notice { audience, event });
        }
        let change = match call.state {
            CallState::Answered => FloorChange::CallAnswered {
                call_id: call.call_id.clone(),
                agent: call.answered_by.clone().unwrap_or_default(),
                at: recorded.at,
            },
            _ => FloorChange::CallEnded {
                call_id: call.call_id.clone(),
                at: recorded.at,
            },
        };
        self.inner.floor.record(change).await;
        Ok(Ingested::Moved(call.state))
    }

    /// The floor's news of a call that began to wait: its queue (the one
    /// the phone system named, else the line's), whether it is a VIP's
    /// (the VIP line, or a VIP queue), and the caller when one matched.
    fn queued(
        &self,
        call: &CallRecord,
        offer: Option<&CallOffer>,
        at: DateTime<Utc>,
    ) -> FloorChange {
        let called = self.called(call);
        let line = self.inner.lines.line_for(&called);
        let queue = self.queue_of(call.queue.as_deref(), &call.to_raw);
        let vip = line.kind == LineKind::VipHotline
            || self
                .inner
                .floor
                .settings()
                .queue(&queue)
                .is_some_and(|q| q.vip);
        let only = offer.and_then(|o| match o.caller.matches.as_slice() {
            [one] => Some(one),
            _ => None,
        });
        FloorChange::CallQueued {
            call_id: call.call_id.clone(),
            queue,
            vip,
            caller: only.map(|p| FloorChange::caller_name(&p.traveller.latin_name())),
            tier: only.map(|p| p.traveller.tier),
            facts: offer.map(|o| caller_facts(&o.caller)),
            at,
        }
    }

    /// The called number, normalised when it parses.
    fn called(&self, call: &CallRecord) -> String {
        self.called_number(&call.to_raw)
    }

    fn called_number(&self, to_raw: &str) -> String {
        match parse_caller_id(to_raw, self.inner.region) {
            Ok(CallerId::Number(n)) => n.into_string(),
            _ => to_raw.to_string(),
        }
    }

    /// The queue a call waits in, as the floor counts it: the one the
    /// phone system `named`, else the queue of the line it called.
    pub fn queue_of(&self, named: Option<&str>, to_raw: &str) -> String {
        named.map_or_else(
            || self.inner.lines.queue_for(&self.called_number(to_raw)),
            str::to_string,
        )
    }

    /// The phone system says how an agent stands (a pause, a member gone).
    pub async fn agent_reported(&self, report: AgentStateReport) -> Result<(), String> {
        report.validate()?;
        self.inner
            .floor
            .phone_reported(
                &report.agent,
                report.state,
                report.shown_reason(),
                Utc::now(),
            )
            .await;
        Ok(())
    }
}

/// A call id from a URL holds to the webhook's rules.
fn checked_call_id(call_id: &str) -> Result<(), IngestError> {
    CallEvent {
        event: CallEventKind::Answered,
        call_id: call_id.to_string(),
        from: String::new(),
        to: String::new(),
        queue: None,
        agent: None,
        at: None,
    }
    .validate()
    .map_err(IngestError::BadCallId)
}

#[async_trait]
impl CallSink for CallIngest {
    async fn send(&self, event: CallEvent) -> Result<(), SinkError> {
        match self.ingest(event).await {
            Ok(_) => Ok(()),
            Err(IngestError::Store(e)) => Err(SinkError::Failed(e.to_string())),
            Err(e) => Err(SinkError::Refused(e.to_string())),
        }
    }

    async fn agent_state(&self, report: AgentStateReport) -> Result<(), SinkError> {
        self.agent_reported(report)
            .await
            .map_err(SinkError::Refused)
    }
}
