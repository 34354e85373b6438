//! Whether an agent's console is there. A console is there while it has an
//! event stream open on some server; it is gone once its last stream has
//! been closed for longer than `floor.console_gone_seconds`. One agent
//! works at one console, so the stream opened last is theirs: a console
//! that reconnects to another server (several servers on PostgreSQL) is
//! there from its new stream on, however late the old server notices the
//! old one closed.
//!
//! Presence travels on the event bus only, never through the store: a
//! server that starts learns it from the streams that open and close from
//! then on, and an agent it never heard of is not called gone.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{AgentState, Floor};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Console {
    /// The agent's newest stream, while it is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<String>,
    /// When their stream closed, while none is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<Utc>>,
}

impl Floor {
    pub(super) fn console_opened(&mut self, agent: &str, stream: &str) {
        self.consoles.insert(
            agent.to_string(),
            Console {
                stream: Some(stream.to_string()),
                closed_at: None,
            },
        );
    }

    pub(super) fn console_closed(&mut self, agent: &str, stream: &str, at: DateTime<Utc>) {
        let console = self.consoles.entry(agent.to_string()).or_default();
        // A stream newer than this one is open: the console moved.
        if console.stream.as_deref().is_some_and(|s| s != stream) {
            return;
        }
        console.stream = None;
        console.closed_at = Some(console.closed_at.map_or(at, |c| c.min(at)));
    }

    /// When the agent's console went, if it is gone at `now`. Signed out,
    /// nobody is missing; on a call, the phone system says when it ends.
    pub fn console_gone(&self, agent: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let state = self.agents.get(agent)?.state;
        if matches!(state, AgentState::SignedOut | AgentState::OnCall) {
            return None;
        }
        let closed_at = self.consoles.get(agent)?.closed_at?;
        let waited = (now - closed_at).num_seconds();
        (waited >= i64::from(self.settings.console_gone_seconds)).then_some(closed_at)
    }

    /// Whether a call may ring for the agent at `now`: available on the
    /// floor, and their console not gone.
    pub fn takes_calls(&self, agent: &str, now: DateTime<Utc>) -> bool {
        self.agents
            .get(agent)
            .is_some_and(|row| row.state == AgentState::Available)
            && self.console_gone(agent, now).is_none()
    }
}
