//! The floor's state: the calls live now, each queue's minutes and day,
//! and the agents. `apply` takes one change at a time.

use std::collections::{BTreeMap, VecDeque};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    AgentRow, AgentState, CallerFacts, Console, FloorChange, FloorSettings, MinuteTally, Tally,
    caller::vip_caller, minutes::minute_mut,
};
use crate::domain::{CentreTime, Tier};

/// Minutes of each queue kept: the trends show the last hour, each point
/// the 15 minutes up to it.
pub const MINUTES_KEPT: i64 = 75;
/// Finished calls remembered, so that a change heard twice (a stream that
/// resumes, a server that loads while it listens) counts once.
const FINISHED_REMEMBERED: usize = 1024;

/// A call waiting, on a call, or in its wrap-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveCall {
    pub queue: String,
    pub vip: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    /// The caller lookup in brief, as the call's change told it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<CallerFacts>,
    pub rang_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
}

impl LiveCall {
    pub fn is_waiting(&self) -> bool {
        self.answered_at.is_none() && self.ended_at.is_none()
    }
}

/// One queue's minutes (the last hour) and its day so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueBook {
    pub day: Tally,
    pub minutes: VecDeque<MinuteTally>,
    pub waiting: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Floor {
    pub settings: FloorSettings,
    /// Whose midnight starts the day: the centre's.
    #[serde(default)]
    pub zone: CentreTime,
    /// The midnight the day tallies count from.
    pub day_start: DateTime<Utc>,
    pub queues: BTreeMap<String, QueueBook>,
    pub calls: BTreeMap<String, LiveCall>,
    pub agents: BTreeMap<String, AgentRow>,
    /// Agents' next state, asked for while on a call: taken after wrap-up.
    #[serde(default)]
    pub after_call: BTreeMap<String, (AgentState, Option<String>)>,
    #[serde(default)]
    pub finished: VecDeque<String>,
    /// Whether each agent's console is there (see `presence`).
    #[serde(default)]
    pub consoles: BTreeMap<String, Console>,
}

pub(super) fn minute_of(at: DateTime<Utc>) -> i64 {
    at.timestamp().div_euclid(60)
}

fn seconds_between(from: DateTime<Utc>, to: DateTime<Utc>) -> u64 {
    u64::try_from((to - from).num_seconds()).unwrap_or(0)
}

impl Floor {
    /// An empty floor: the settings' queues, no calls, no agents; its day
    /// is the day in `zone` at `now`.
    pub fn new(settings: FloorSettings, zone: CentreTime, now: DateTime<Utc>) -> Self {
        let queues = settings
            .queues
            .iter()
            .map(|q| (q.name.clone(), QueueBook::default()))
            .collect();
        Self {
            day_start: zone.day_start(now),
            settings,
            zone,
            queues,
            calls: BTreeMap::new(),
            agents: BTreeMap::new(),
            after_call: BTreeMap::new(),
            finished: VecDeque::new(),
            consoles: BTreeMap::new(),
        }
    }

    /// Takes one change. A change already taken, or about a call this floor
    /// never saw begin, changes nothing.
    pub fn apply(&mut self, change: &FloorChange) {
        self.roll_day(change.at());
        match change {
            FloorChange::CallQueued {
                call_id,
                queue,
                vip,
                caller,
                tier,
                facts,
                at,
            } => {
                if self.calls.contains_key(call_id) || self.finished.contains(call_id) {
                    return;
                }
                // A VIP's call: the line or queue says so, or who calls.
                let segment = facts.as_ref().and_then(|f| f.segment);
                let vip = *vip
                    || self.settings.queue(queue).is_some_and(|q| q.vip)
                    || vip_caller(*tier, segment);
                self.calls.insert(
                    call_id.clone(),
                    LiveCall {
                        queue: queue.clone(),
                        vip,
                        caller: caller.clone(),
                        tier: *tier,
                        facts: facts.clone(),
                        rang_at: *at,
                        answered_at: None,
                        agent: None,
                        ended_at: None,
                    },
                );
                self.change_waiting(queue, 1, *at);
            }
            FloorChange::CallAnswered { call_id, agent, at } => self.answered(call_id, agent, *at),
            FloorChange::CallEnded { call_id, at } => self.ended(call_id, *at),
            FloorChange::WrapUpDone { call_id, agent, at } => {
                if self
                    .calls
                    .get(call_id)
                    .is_some_and(|c| c.ended_at.is_some())
                {
                    self.finish_handling(call_id, *at);
                    self.after_wrap_up(agent, *at);
                }
            }
            FloorChange::AgentState {
                agent,
                state,
                reason,
                at,
            } => self.agent_state(agent, *state, reason.clone(), *at),
            FloorChange::ConsoleOpened { agent, stream, .. } => self.console_opened(agent, stream),
            FloorChange::ConsoleClosed { agent, stream, at } => {
                self.console_closed(agent, stream, *at);
            }
        }
    }

    fn answered(&mut self, call_id: &str, agent: &str, at: DateTime<Utc>) {
        let Some(call) = self.calls.get_mut(call_id) else {
            return;
        };
        if !call.is_waiting() {
            return;
        }
        // One agent, one call: answering ends their part in the one before
        // (a console killed mid-call, a wrap-up never recorded).
        let previous = self
            .agents
            .get(agent)
            .and_then(|r| r.call_id.clone())
            .filter(|p| p != call_id);
        if let Some(previous) = previous {
            self.left_call(&previous, at);
        }
        let Some(call) = self.calls.get_mut(call_id) else {
            return;
        };
        call.answered_at = Some(at);
        call.agent = Some(agent.to_string());
        let call = call.clone();
        let wait = seconds_between(call.rang_at, at);
        let target = u64::from(self.settings.queue_or_default(&call.queue).target_seconds);
        self.count(&call.queue, at, |t| {
            t.answered += 1;
            t.answered_in_target += u32::from(wait <= target);
            t.answered_wait_seconds += wait;
        });
        self.change_waiting(&call.queue, -1, at);
        let row = self.agent_row(agent, at);
        row.enter(AgentState::OnCall, None, at);
        row.call_id = Some(call_id.to_string());
        row.caller = call.caller;
        row.tier = call.tier;
        row.vip = call.vip;
    }

    fn ended(&mut self, call_id: &str, at: DateTime<Utc>) {
        let Some(call) = self.calls.get_mut(call_id) else {
            return;
        };
        if call.ended_at.is_some() {
            return;
        }
        call.ended_at = Some(at);
        let call = call.clone();
        match &call.agent {
            Some(agent) => {
                let row = self.agent_row(agent, at);
                if row.call_id.as_deref() == Some(call_id) {
                    row.enter(AgentState::WrapUp, None, at);
                } else {
                    // Its agent has moved on: no wrap-up will come.
                    self.finish_handling(call_id, at);
                }
            }
            None => {
                let wait = seconds_between(call.rang_at, at);
                let short = wait <= u64::from(self.settings.short_abandon_seconds);
                self.count(&call.queue, at, |t| {
                    if short {
                        t.short_abandoned += 1;
                    } else {
                        t.abandoned += 1;
                    }
                });
                self.change_waiting(&call.queue, -1, at);
                self.forget(call_id);
            }
        }
    }

    fn agent_state(
        &mut self,
        agent: &str,
        state: AgentState,
        reason: Option<String>,
        at: DateTime<Utc>,
    ) {
        let row = self.agent_row(agent, at);
        match row.state {
            AgentState::OnCall => {
                self.after_call.insert(agent.to_string(), (state, reason));
            }
            AgentState::WrapUp => {
                // Leaving wrap-up ends the call's after-call work.
                if let Some(call_id) = row.call_id.clone() {
                    self.finish_handling(&call_id, at);
                }
                self.after_call.remove(agent);
                self.agent_row(agent, at).enter(state, reason, at);
            }
            _ => row.enter(state, reason, at),
        }
    }

    fn after_wrap_up(&mut self, agent: &str, at: DateTime<Utc>) {
        let (state, reason) = self
            .after_call
            .remove(agent)
            .unwrap_or((AgentState::Available, None));
        let row = self.agent_row(agent, at);
        if row.state == AgentState::WrapUp {
            row.enter(state, reason, at);
        }
    }

    /// The agent answered another call: a call of theirs already ended is
    /// handled; one the phone system still reports stays until it ends,
    /// counted on nobody.
    fn left_call(&mut self, call_id: &str, at: DateTime<Utc>) {
        if self
            .calls
            .get(call_id)
            .is_some_and(|c| c.ended_at.is_some())
        {
            self.finish_handling(call_id, at);
        }
    }

    /// The call's handling is over at `at`: its talk and wrap-up are added
    /// to its queue and its agent, and it leaves the floor.
    fn finish_handling(&mut self, call_id: &str, at: DateTime<Utc>) {
        let Some(call) = self.calls.get(call_id).cloned() else {
            return;
        };
        let (Some(answered_at), Some(agent)) = (call.answered_at, call.agent.as_deref()) else {
            return;
        };
        let handle = seconds_between(answered_at, at);
        self.count(&call.queue, at, |t| {
            t.handled += 1;
            t.handle_seconds += handle;
        });
        if at >= self.day_start {
            let row = self.agent_row(agent, at);
            row.handled += 1;
            row.handle_seconds += handle;
        }
        self.forget(call_id);
    }

    fn forget(&mut self, call_id: &str) {
        self.calls.remove(call_id);
        if self.finished.len() == FINISHED_REMEMBERED {
            self.finished.pop_front();
        }
        self.finished.push_back(call_id.to_string());
    }

    fn agent_row(&mut self, agent: &str, at: DateTime<Utc>) -> &mut AgentRow {
        self.agents
            .entry(agent.to_string())
            .or_insert_with(|| AgentRow::new(agent, at))
    }

    fn book(&mut self, queue: &str) -> &mut QueueBook {
        self.queues.entry(queue.to_string()).or_default()
    }

    /// Adds to the queue's minute of `at` (when still kept) and its day.
    fn count(&mut self, queue: &str, at: DateTime<Utc>, add: impl Fn(&mut Tally)) {
        let counts_today = at >= self.day_start;
        let book = self.book(queue);
        if counts_today {
            add(&mut book.day);
        }
        if let Some(minute) = minute_mut(book, at) {
            add(&mut minute.tally);
        }
    }

    fn change_waiting(&mut self, queue: &str, by: i32, at: DateTime<Utc>) {
        let book = self.book(queue);
        let newest = book
            .minutes
            .back()
            .is_none_or(|m| m.minute <= minute_of(at));
        if newest {
            // Made before the change, the minute starts from the count
            // that was waiting when it began.
            let _ = minute_mut(book, at);
        }
        book.waiting = book.waiting.saturating_add_signed(by);
        let waiting = book.waiting;
        if let Some(minute) = book.minutes.back_mut().filter(|_| newest) {
            minute.waiting_peak = minute.waiting_peak.max(waiting);
            minute.waiting_last = waiting;
        }
    }

    /// A change from a new day starts the day's tallies again.
    fn roll_day(&mut self, at: DateTime<Utc>) {
        let start = self.zone.day_start(at);
        if start <= self.day_start {
            return;
        }
        self.day_start = start;
        for book in self.queues.values_mut() {
            book.day = Tally::default();
        }
        for row in self.agents.values_mut() {
            row.handled = 0;
            row.handle_seconds = 0;
        }
    }
}
