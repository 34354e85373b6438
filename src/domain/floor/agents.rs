//! Agents on the floor: where each stands and since when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::Tier;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgentState {
    Available,
    OnCall,
    WrapUp,
    OnBreak,
    SignedOut,
}

impl AgentState {
    pub fn as_str(self) -> &'static str {
        match self {
            AgentState::Available => "available",
            AgentState::OnCall => "on_call",
            AgentState::WrapUp => "wrap_up",
            AgentState::OnBreak => "on_break",
            AgentState::SignedOut => "signed_out",
        }
    }

    /// The state in the floor's words.
    pub fn label(self) -> &'static str {
        match self {
            AgentState::Available => "available",
            AgentState::OnCall => "on call",
            AgentState::WrapUp => "wrap-up",
            AgentState::OnBreak => "break",
            AgentState::SignedOut => "signed out",
        }
    }
}

/// One agent's row on the floor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentRow {
    pub name: String,
    pub state: AgentState,
    /// Why they are on break.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub since: DateTime<Utc>,
    /// The call they are on or wrapping up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    #[serde(default)]
    pub vip: bool,
    /// Calls handled since midnight, and their handle time in seconds.
    pub handled: u32,
    pub handle_seconds: u64,
}

impl AgentRow {
    pub fn new(name: &str, at: DateTime<Utc>) -> Self {
        Self {
            name: name.to_string(),
            state: AgentState::SignedOut,
            reason: None,
            since: at,
            call_id: None,
            caller: None,
            tier: None,
            vip: false,
            handled: 0,
            handle_seconds: 0,
        }
    }

    /// Moves to `state` at `at`; the time in state restarts only when the
    /// state (or the break's reason) changes.
    pub fn enter(&mut self, state: AgentState, reason: Option<String>, at: DateTime<Utc>) {
        if self.state != state || self.reason != reason {
            self.since = at;
        }
        self.state = state;
        self.reason = reason;
        if !matches!(state, AgentState::OnCall | AgentState::WrapUp) {
            self.call_id = None;
            self.caller = None;
            self.tier = None;
            self.vip = false;
        }
    }

    /// Seconds in the current state at `now` (never negative).
    pub fn seconds_in_state(&self, now: DateTime<Utc>) -> i64 {
        (now - self.since).num_seconds().max(0)
    }

    /// Average handle time today, in seconds.
    pub fn average_handle_time(&self) -> Option<f64> {
        (self.handled > 0).then(|| self.handle_seconds as f64 / f64::from(self.handled))
    }
}
