//! Follows calls through Asterisk's queues and says, in skydesk's own call
//! events, what happened to each: queued, rung at an agent, answered,
//! ended, abandoned. Pure: frames in, events out; the connection feeds it.
//!
//! A call is known by its `Linkedid` (the Uniqueid of the oldest channel of
//! the call, the caller's), so the caller's and the agent's channels are
//! one call.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, TimeZone, Utc};

use super::frame::Frame;
use crate::domain::{CallEvent, CallEventKind};

/// Which skydesk user answers at which phone (`PJSIP/1001` → `alice`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentDirectory {
    by_interface: HashMap<String, String>,
}

impl AgentDirectory {
    pub fn new(entries: impl IntoIterator<Item = (String, String)>) -> Self {
        Self {
            by_interface: entries
                .into_iter()
                .map(|(interface, user)| (interface.to_ascii_lowercase(), user))
                .collect(),
        }
    }

    /// The user at an interface; Asterisk writes technology names in any
    /// case (`PJSIP/1001`, `pjsip/1001`), so neither does this.
    pub fn user_at(&self, interface: &str) -> Option<&str> {
        self.by_interface
            .get(&interface.to_ascii_lowercase())
            .map(String::as_str)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Known (a channel), in no queue yet: not told to skydesk.
    Waiting,
    /// Waiting in a queue (`queued` in skydesk: on the floor, at nobody's
    /// console yet).
    Queued,
    /// Rung at an agent (offered in skydesk).
    Offered,
    Answered,
}

#[derive(Debug, Clone)]
struct TrackedCall {
    from: String,
    to: String,
    queue: Option<String>,
    agent: Option<String>,
    stage: Stage,
}

/// An AMI call's id in skydesk: the PBX's `Linkedid`, marked as the PBX's.
pub fn call_id(linkedid: &str) -> String {
    format!("ami-{linkedid}")
}

/// Calls in progress, and what each new frame does to them.
#[derive(Debug, Default)]
pub struct CallTracker {
    agents: AgentDirectory,
    calls: HashMap<String, TrackedCall>,
    /// Set while the PBX lists its channels after a reconnect: the calls
    /// it still has.
    seen_in_resync: Option<HashSet<String>>,
    /// Interfaces rung that map to no user, each logged once.
    unmapped: HashSet<String>,
}

/// The most calls followed at once; past it, new calls are not followed
/// (a PBX that never sends hang-ups must not grow this without end).
pub const MAX_TRACKED_CALLS: usize = 50_000;

impl CallTracker {
    pub fn new(agents: AgentDirectory) -> Self {
        Self {
            agents,
            ..Self::default()
        }
    }

    pub fn tracked(&self) -> usize {
        self.calls.len()
    }

    /// The call events a frame means; most frames mean none.
    pub fn on_frame(&mut self, frame: &Frame) -> Vec<CallEvent> {
        let Some(name) = frame.event() else {
            return Vec::new();
        };
        let Some(linkedid) = frame
            .get("Linkedid")
            .or_else(|| frame.get("Uniqueid"))
            .filter(|id| !id.is_empty())
            .map(str::to_string)
        else {
            return Vec::new();
        };
        let at = timestamp(frame);
        match name.to_ascii_lowercase().as_str() {
            "newchannel" => {
                // Only the call's first channel says who called and what.
                if frame.get("Uniqueid") == Some(linkedid.as_str()) {
                    self.follow(&linkedid, frame);
                }
                Vec::new()
            }
            "queuecallerjoin" => self.joined(&linkedid, frame, at),
            "agentcalled" => self.rung(&linkedid, frame, at),
            "agentconnect" => self.answered(&linkedid, frame, at),
            "agentcomplete" => self.ended(&linkedid, CallEventKind::Hangup, at),
            "queuecallerabandon" => self.ended(&linkedid, CallEventKind::Abandoned, at),
            "hangup" => {
                // The caller's channel going is the call's end; an agent's
                // channel going (a ring not answered) is not.
                if frame.get("Uniqueid") == Some(linkedid.as_str()) {
                    let kind = match self.calls.get(&linkedid).map(|c| c.stage) {
                        Some(Stage::Answered) => CallEventKind::Hangup,
                        _ => CallEventKind::Abandoned,
                    };
                    self.ended(&linkedid, kind, at)
                } else {
                    Vec::new()
                }
            }
            "coreshowchannel" => {
                if let Some(seen) = &mut self.seen_in_resync {
                    seen.insert(linkedid);
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// The connection is new (the PBX may have restarted): until
    /// `end_resync`, channels the PBX lists are marked as still there.
    pub fn begin_resync(&mut self) {
        self.seen_in_resync = Some(HashSet::new());
    }

    /// The PBX has listed every channel it has: the calls it no longer has
    /// ended while the connection was down (a restart ends them all).
    pub fn end_resync(&mut self) -> Vec<CallEvent> {
        let Some(seen) = self.seen_in_resync.take() else {
            return Vec::new();
        };
        let gone: Vec<String> = self
            .calls
            .keys()
            .filter(|id| !seen.contains(*id))
            .cloned()
            .collect();
        let mut events = Vec::new();
        for linkedid in gone {
            let kind = match self.calls.get(&linkedid).map(|c| c.stage) {
                Some(Stage::Answered) => CallEventKind::Hangup,
                _ => CallEventKind::Abandoned,
            };
            events.extend(self.ended(&linkedid, kind, None));
        }
        events
    }

    /// The call, followed from now on, with what this frame says of the
    /// caller; `None` when too many calls are followed already.
    fn follow(&mut self, linkedid: &str, frame: &Frame) -> Option<&mut TrackedCall> {
        if !self.calls.contains_key(linkedid) && self.calls.len() >= MAX_TRACKED_CALLS {
            tracing::warn!(
                linkedid,
                "too many calls followed at once: not following this one"
            );
            return None;
        }
        let call = self
            .calls
            .entry(linkedid.to_string())
            .or_insert_with(|| TrackedCall {
                from: String::new(),
                to: String::new(),
                queue: None,
                agent: None,
                stage: Stage::Waiting,
            });
        if call.from.is_empty() {
            call.from = frame.get("CallerIDNum").unwrap_or_default().to_string();
        }
        if call.to.is_empty() {
            call.to = frame.get("Exten").unwrap_or_default().to_string();
        }
        Some(call)
    }

    /// The caller joined a queue: the call waits, on the floor from now.
    /// Joining another queue later (a transfer) changes nothing here.
    fn joined(
        &mut self,
        linkedid: &str,
        frame: &Frame,
        at: Option<DateTime<Utc>>,
    ) -> Vec<CallEvent> {
        let Some(call) = self.follow(linkedid, frame) else {
            return Vec::new();
        };
        if call.stage != Stage::Waiting {
            return Vec::new();
        }
        call.queue = frame.get("Queue").map(str::to_string);
        call.stage = Stage::Queued;
        vec![event(CallEventKind::Queued, linkedid, call, at)]
    }

    fn agent_for(&mut self, frame: &Frame) -> Option<String> {
        let interface = frame.get("Interface").unwrap_or_default();
        let user = self.agents.user_at(interface).map(str::to_string);
        if user.is_none() && self.unmapped.insert(interface.to_string()) {
            tracing::warn!(
                interface,
                "an AMI agent interface maps to no skydesk user ([ami.agents]): the call rings every agent"
            );
        }
        user
    }

    fn rung(&mut self, linkedid: &str, frame: &Frame, at: Option<DateTime<Utc>>) -> Vec<CallEvent> {
        let agent = self.agent_for(frame);
        let Some(call) = self.follow(linkedid, frame) else {
            return Vec::new();
        };
        if let Some(queue) = frame.get("Queue") {
            call.queue = Some(queue.to_string());
        }
        // A call rings in skydesk once; the queue ringing the next agent
        // after one did not answer is the PBX's business.
        if !matches!(call.stage, Stage::Waiting | Stage::Queued) {
            return Vec::new();
        }
        call.stage = Stage::Offered;
        call.agent = agent;
        vec![event(CallEventKind::Ringing, linkedid, call, at)]
    }

    fn answered(
        &mut self,
        linkedid: &str,
        frame: &Frame,
        at: Option<DateTime<Utc>>,
    ) -> Vec<CallEvent> {
        let agent = self.agent_for(frame);
        let Some(call) = self.follow(linkedid, frame) else {
            return Vec::new();
        };
        if call.stage == Stage::Answered {
            return Vec::new();
        }
        let mut events = Vec::new();
        if matches!(call.stage, Stage::Waiting | Stage::Queued) {
            // Answered without a ring we saw (events missed while the
            // connection was down, or no `eventwhencalled`): ring it
            // first, so that it pops at the agent who took it.
            call.agent = agent.clone();
            events.push(event(CallEventKind::Ringing, linkedid, call, at));
        }
        call.stage = Stage::Answered;
        if agent.is_some() {
            call.agent = agent;
        }
        events.push(event(CallEventKind::Answered, linkedid, call, at));
        events
    }

    fn ended(
        &mut self,
        linkedid: &str,
        kind: CallEventKind,
        at: Option<DateTime<Utc>>,
    ) -> Vec<CallEvent> {
        match self.calls.remove(linkedid) {
            // A call that never joined a queue never reached skydesk.
            Some(call) if call.stage != Stage::Waiting => {
                vec![event(kind, linkedid, &call, at)]
            }
            _ => Vec::new(),
        }
    }
}

fn event(
    kind: CallEventKind,
    linkedid: &str,
    call: &TrackedCall,
    at: Option<DateTime<Utc>>,
) -> CallEvent {
    CallEvent {
        event: kind,
        call_id: call_id(linkedid),
        from: call.from.clone(),
        to: call.to.clone(),
        queue: call.queue.clone(),
        agent: call.agent.clone(),
        at,
    }
}

/// `Timestamp: 1700000000.123456`, sent when the PBX has
/// `timestampevents = yes`.
pub(super) fn timestamp(frame: &Frame) -> Option<DateTime<Utc>> {
    let raw = frame.get("Timestamp")?;
    let (secs, fraction) = raw.split_once('.').unwrap_or((raw, "0"));
    let secs: i64 = secs.parse().ok()?;
    let micros: u32 = format!("{fraction:0<6}").get(..6)?.parse().ok()?;
    Utc.timestamp_opt(secs, micros * 1000).single()
}

#[cfg(test)]
#[path = "calls_tests.rs"]
mod tests;
