//! The floor as this server keeps it. Every change is recorded in the
//! store and published on the event bus; the keeper takes changes only
//! from the bus, so that each server (whichever took the event) applies
//! the same changes, in its bus's order. On start, and whenever its bus
//! subscription breaks, it builds the floor again from the store.

mod published;

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicU64, Ordering},
};

use bytes::Bytes;

use chrono::{DateTime, Duration, Utc};
use tokio::sync::{broadcast::error::RecvError, watch};

use super::hub::{Audience, DynBus, Notice};
use crate::{
    domain::{
        CentreTime, Role,
        floor::{AgentRow, AgentState, Floor, FloorChange, FloorFigures, FloorSettings},
    },
    store::{DynStore, StoreResult},
    wire::StreamEvent,
};

/// How far back a start reads: the trends show the last hour, each
/// point the 15 minutes up to it.
const TRENDS_NEED_MINUTES: i64 = 75;
/// Changes older than this are never read again: forgotten once an hour.
const CHANGES_KEPT_HOURS: i64 = 48;

#[derive(Clone)]
pub struct FloorKeeper {
    inner: Arc<Inner>,
}

struct Inner {
    floor: Mutex<Floor>,
    store: DynStore,
    bus: DynBus,
    settings: FloorSettings,
    zone: CentreTime,
    /// True once the floor holds the store's changes.
    loaded: watch::Sender<bool>,
    /// Counts the floor's changes; moved on while the floor's lock is held.
    version: AtomicU64,
    publication: published::Publication,
}

impl FloorKeeper {
    /// A keeper following `bus`; it loads the day from `store` in the
    /// background (`ready` waits for that).
    pub fn start(store: DynStore, bus: DynBus, settings: FloorSettings, zone: CentreTime) -> Self {
        let keeper = Self {
            inner: Arc::new(Inner {
                floor: Mutex::new(Floor::new(settings.clone(), zone, Utc::now())),
                store,
                bus,
                settings,
                zone,
                loaded: watch::channel(false).0,
                version: AtomicU64::new(0),
                publication: published::Publication::default(),
            }),
        };
        // Subscribed before reading the store: a change recorded while it
        // loads is heard on the bus, and applying it twice changes nothing.
        let subscription = keeper.inner.bus.subscribe();
        tokio::spawn(keeper.clone().follow(subscription.receiver));
        tokio::spawn(forget_old_changes(keeper.inner.store.clone()));
        keeper
    }

    fn floor(&self) -> std::sync::MutexGuard<'_, Floor> {
        self.inner.floor.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn settings(&self) -> &FloorSettings {
        &self.inner.settings
    }

    /// Waits (a few seconds at most) until the day is loaded.
    pub async fn ready(&self) {
        let mut loaded = self.inner.loaded.subscribe();
        let _ =
            tokio::time::timeout(std::time::Duration::from_secs(5), loaded.wait_for(|l| *l)).await;
    }

    /// The floor as it stands.
    pub fn snapshot(&self) -> Floor {
        self.floor().clone()
    }

    pub fn figures(&self, now: DateTime<Utc>) -> FloorFigures {
        self.floor().figures(now)
    }

    /// The floor and its figures at `now`, as the JSON of a `FloorSnapshot`:
    /// built once per change and second, then shared.
    pub fn published(&self, now: DateTime<Utc>) -> Result<Bytes, serde_json::Error> {
        let version = self.inner.version.load(Ordering::Acquire);
        if let Some(body) = self.inner.publication.cached(version, now) {
            return Ok(body);
        }
        let (floor, version) = {
            let floor = self.floor();
            (floor.clone(), self.inner.version.load(Ordering::Acquire))
        };
        self.inner.publication.build(floor, version, now)
    }

    /// Changes the floor, and its version with it.
    fn change_floor(&self, change: impl FnOnce(&mut Floor)) {
        let mut floor = self.floor();
        change(&mut floor);
        self.inner.version.fetch_add(1, Ordering::AcqRel);
    }

    /// The centre's midnight that began the day holding `now`.
    pub fn day_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        self.inner.zone.day_start(now)
    }

    pub fn agent(&self, name: &str) -> Option<AgentRow> {
        self.floor().agents.get(name).cloned()
    }

    /// Tells every server of `change`, then records it. Published first:
    /// the change that a call is waiting must reach every server before
    /// the offer does, or an answer taken on another server could arrive
    /// before the call it answers. A change the store cannot keep is
    /// logged; a server that starts later will not see it.
    pub async fn record(&self, change: FloorChange) {
        let body = match serde_json::to_string(&change) {
            Ok(body) => body,
            Err(e) => {
                tracing::error!(error = %e, "a floor change does not serialise");
                return;
            }
        };
        let (at, agent) = match &change {
            FloorChange::AgentState { agent, at, .. } => (*at, Some(agent.clone())),
            other => (other.at(), None),
        };
        let mut audience = vec![Audience::Role(Role::Supervisor)];
        if let Some(agent) = &agent {
            audience.push(Audience::User(agent.clone()));
        }
        self.inner.bus.publish(Notice {
            audience,
            event: StreamEvent::FloorChanged { change },
        });
        if let Err(e) = self
            .inner
            .store
            .record_floor_change(at, agent.as_deref(), &body)
            .await
        {
            tracing::error!(error = %e, "cannot record a floor change");
        }
    }

    /// Whether the floor counts `agent` as one who takes calls: a user with
    /// a role that takes them, or a name skydesk has no user for (an agent
    /// only the phone system or the simulator knows).
    async fn counts_as_agent(&self, agent: &str) -> bool {
        match self.inner.store.user_named(agent).await {
            Ok(Some(user)) => user.takes_calls(),
            Ok(None) => true,
            Err(e) => {
                tracing::warn!(error = %e, agent, "cannot read the user's roles");
                true
            }
        }
    }

    /// The phone system's word on how an agent stands. A user who takes no
    /// calls (a supervisor) is on the floor only by their own choice: from
    /// signed out, the phone system cannot make them available or put them
    /// on a break, so they are never counted as an agent for it.
    pub async fn phone_reported(
        &self,
        agent: &str,
        state: AgentState,
        reason: Option<String>,
        at: DateTime<Utc>,
    ) {
        let signed_out = self
            .agent(agent)
            .is_none_or(|row| row.state == AgentState::SignedOut);
        if state != AgentState::SignedOut && signed_out && !self.counts_as_agent(agent).await {
            tracing::info!(
                agent,
                state = state.label(),
                "the phone system's word on a user who takes no calls is not taken"
            );
            return;
        }
        self.record(FloorChange::AgentState {
            agent: agent.to_string(),
            state,
            reason,
            at,
        })
        .await;
    }

    /// A call's wrap-up is recorded: the agent goes to the state they asked
    /// for after it, else available; a user who takes no calls, and asked
    /// nothing, is signed out instead (counted as an agent only by choice).
    pub async fn wrap_up_done(&self, call_id: &str, agent: &str, at: DateTime<Utc>) {
        let asked = self.floor().after_call.contains_key(agent);
        if !asked && !self.counts_as_agent(agent).await {
            self.record(FloorChange::AgentState {
                agent: agent.to_string(),
                state: AgentState::SignedOut,
                reason: None,
                at,
            })
            .await;
        }
        self.record(FloorChange::WrapUpDone {
            call_id: call_id.to_string(),
            agent: agent.to_string(),
            at,
        })
        .await;
    }

    /// Tells every server's floor of `change` without recording it: what
    /// only lives while a server does (a console's event stream).
    pub fn announce(&self, change: FloorChange) {
        self.inner.bus.publish(Notice {
            audience: vec![Audience::Role(Role::Supervisor)],
            event: StreamEvent::FloorChanged { change },
        });
    }

    /// The floor built again from the store, as of `now`.
    async fn load(&self, now: DateTime<Utc>) -> StoreResult<Floor> {
        let zone = self.inner.zone;
        let since = zone
            .day_start(now)
            .min(now - Duration::minutes(TRENDS_NEED_MINUTES));
        let mut floor = Floor::new(self.inner.settings.clone(), zone, since);
        let states = self.inner.store.agent_states().await?;
        let changes = self.inner.store.floor_changes_since(since).await?;
        let mut unreadable = 0usize;
        for body in states.iter().chain(&changes) {
            match serde_json::from_str::<FloorChange>(body) {
                Ok(change) => floor.apply(&change),
                Err(_) => unreadable += 1,
            }
        }
        if unreadable > 0 {
            tracing::warn!(unreadable, "floor changes in the store that do not read");
        }
        tracing::info!(changes = changes.len(), "floor loaded");
        Ok(floor)
    }

    /// Loads, then applies what the bus brings; loads again when the
    /// subscription breaks (fell behind, or the bus began a new run).
    async fn follow(
        self,
        mut receiver: tokio::sync::broadcast::Receiver<Arc<super::hub::Published>>,
    ) {
        loop {
            match self.load(Utc::now()).await {
                Ok(mut floor) => {
                    // Consoles are known from the bus alone (see
                    // `domain::floor::presence`): kept over a reload.
                    floor.consoles = std::mem::take(&mut self.floor().consoles);
                    // What arrived while loading is applied over it.
                    while let Ok(published) = receiver.try_recv() {
                        if let Some(change) = floor_change(&published) {
                            floor.apply(change);
                        }
                    }
                    self.change_floor(|kept| *kept = floor);
                    self.inner.loaded.send_replace(true);
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot load the floor; trying again");
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    continue;
                }
            }
            loop {
                match receiver.recv().await {
                    Ok(published) => {
                        if let Some(change) = floor_change(&published) {
                            self.change_floor(|floor| floor.apply(change));
                        }
                    }
                    Err(RecvError::Lagged(skipped)) => {
                        tracing::warn!(skipped, "the floor fell behind the bus; loading again");
                        break;
                    }
                    Err(RecvError::Closed) => {
                        receiver = self.inner.bus.subscribe().receiver;
                        break;
                    }
                }
            }
        }
    }
}

/// The floor's change a notice carries, if any.
fn floor_change(published: &super::hub::Published) -> Option<&FloorChange> {
    match &published.notice.event {
        StreamEvent::FloorChanged { change } => Some(change),
        _ => None,
    }
}

/// Once an hour, the changes no start will read again are forgotten, so
/// the table holds two days, not the centre's whole life.
async fn forget_old_changes(store: DynStore) {
    let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        hourly.tick().await;
        let before = Utc::now() - Duration::hours(CHANGES_KEPT_HOURS);
        match store.forget_floor_changes(before).await {
            Ok(0) => {}
            Ok(gone) => tracing::info!(gone, "old floor changes forgotten"),
            Err(e) => tracing::warn!(error = %e, "cannot forget old floor changes"),
        }
    }
}

/// An agent takes a call while available on the floor, and not gone.
impl crate::telephony::AgentReadiness for FloorKeeper {
    fn takes_calls(&self, agent: &str) -> bool {
        self.floor().takes_calls(agent, Utc::now())
    }

    fn at_console(&self, agent: &str) -> bool {
        self.floor().consoles.contains_key(agent)
    }
}
