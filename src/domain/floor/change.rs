//! What changes on the floor. A change names one call or one agent, with
//! the time it happened, and stays small: it travels on the event bus
//! (a PostgreSQL NOTIFY holds 8,000 bytes) and to every supervisor.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{AgentState, CallerFacts, FloorSettings};
use crate::domain::{Tier, text};

/// Longest break reason, in characters.
pub const MAX_REASON_CHARS: usize = 40;
/// Longest caller name a change carries (the floor shows a short one).
const MAX_CALLER_CHARS: usize = 48;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum FloorChange {
    /// A call began to wait in `queue`.
    CallQueued {
        call_id: String,
        queue: String,
        vip: bool,
        /// The caller when one traveller matched.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caller: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tier: Option<Tier>,
        /// The caller lookup in brief, for the waiting list; none from a
        /// server that did not send it, or when the lookup failed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        facts: Option<CallerFacts>,
        at: DateTime<Utc>,
    },
    CallAnswered {
        call_id: String,
        agent: String,
        at: DateTime<Utc>,
    },
    /// The call ended: after an answer the agent goes to wrap-up; before
    /// one the caller abandoned.
    CallEnded { call_id: String, at: DateTime<Utc> },
    /// The agent finished the call's after-call work.
    WrapUpDone {
        call_id: String,
        agent: String,
        at: DateTime<Utc>,
    },
    /// An agent's own state, set by them or reported by the phone system.
    AgentState {
        agent: String,
        state: AgentState,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        at: DateTime<Utc>,
    },
    /// An event stream of the agent's opened (on any server).
    ConsoleOpened {
        agent: String,
        stream: String,
        at: DateTime<Utc>,
    },
    /// That stream closed.
    ConsoleClosed {
        agent: String,
        stream: String,
        at: DateTime<Utc>,
    },
}

impl FloorChange {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            FloorChange::CallQueued { at, .. }
            | FloorChange::CallAnswered { at, .. }
            | FloorChange::CallEnded { at, .. }
            | FloorChange::WrapUpDone { at, .. }
            | FloorChange::AgentState { at, .. }
            | FloorChange::ConsoleOpened { at, .. }
            | FloorChange::ConsoleClosed { at, .. } => *at,
        }
    }

    /// A caller's name as a change carries it: printable and short.
    pub fn caller_name(name: &str) -> String {
        text::clean_capped(name, MAX_CALLER_CHARS)
    }
}

/// `PUT /api/v1/me/state`: an agent's own state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateRequest {
    pub state: AgentState,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StateRequestError {
    #[error("state: an agent sets only available, on_break or signed_out")]
    NotSettable,
    #[error("reason: a break needs a reason, one of: {0}")]
    ReasonNeeded(String),
    #[error("reason: {0:?} is not a break reason here (one of: {1})")]
    UnknownReason(String, String),
    #[error("reason: only a break has a reason")]
    ReasonWithoutBreak,
}

impl StateRequest {
    /// The request, checked against the centre's break reasons; the
    /// reason comes back as the settings spell it.
    pub fn checked(
        &self,
        settings: &FloorSettings,
    ) -> Result<(AgentState, Option<String>), StateRequestError> {
        let reasons = || settings.break_reasons.join(", ");
        let reason = self
            .reason
            .as_deref()
            .map(|r| text::clean(r).trim().to_string())
            .filter(|r| !r.is_empty());
        match self.state {
            AgentState::OnBreak => {
                let Some(reason) = reason else {
                    return Err(StateRequestError::ReasonNeeded(reasons()));
                };
                settings
                    .break_reasons
                    .iter()
                    .find(|r| r.to_lowercase() == reason.to_lowercase())
                    .map(|r| (AgentState::OnBreak, Some(r.clone())))
                    .ok_or_else(|| {
                        StateRequestError::UnknownReason(
                            reason.chars().take(MAX_REASON_CHARS).collect(),
                            reasons(),
                        )
                    })
            }
            AgentState::Available | AgentState::SignedOut if reason.is_some() => {
                Err(StateRequestError::ReasonWithoutBreak)
            }
            AgentState::Available | AgentState::SignedOut => Ok((self.state, None)),
            AgentState::OnCall | AgentState::WrapUp => Err(StateRequestError::NotSettable),
        }
    }
}

/// An agent's state as the phone system reports it (a pause, a member
/// becoming unavailable): the webhook's `POST /api/v1/agents/events` and
/// the Asterisk adapter's `QueueMemberPause` / `QueueMemberStatus`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentStateReport {
    pub agent: String,
    pub state: AgentState,
    /// Any reason the phone system gives, kept as given (cleaned, cut).
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
}

impl AgentStateReport {
    /// Checks what a phone system controls; `Err` says why in its words.
    pub fn validate(&self) -> Result<(), String> {
        if self.agent.trim().is_empty() || self.agent.chars().count() > 128 {
            return Err("agent: 1 to 128 characters".into());
        }
        if text::clean(&self.agent) != self.agent {
            return Err("agent: contains control characters".into());
        }
        if matches!(self.state, AgentState::OnCall | AgentState::WrapUp) {
            return Err("state: calls move an agent on and off calls; report available, on_break or signed_out".into());
        }
        if self
            .reason
            .as_ref()
            .is_some_and(|r| r.chars().count() > 128)
        {
            return Err("reason: at most 128 characters".into());
        }
        Ok(())
    }

    /// The reason as the floor shows it.
    pub fn shown_reason(&self) -> Option<String> {
        self.reason
            .as_deref()
            .map(|r| text::clean_capped(r.trim(), MAX_REASON_CHARS))
            .filter(|r| !r.is_empty())
    }
}
