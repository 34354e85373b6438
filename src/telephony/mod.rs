//! Sources of call events: the HTTP webhook (in the server), the simulator
//! here, which plays a call centre for the demo and load tests, and any
//! PBX adapter. Each hands its events, and its word on agents (paused,
//! back, gone), to a `CallSink`: the server's call ingest in the same
//! process, or a server's webhooks.

pub mod ami;
mod floor_watch;
pub mod simulator;

pub use floor_watch::FloorWatch;

use async_trait::async_trait;
use secrecy::ExposeSecret;

use crate::{
    client::{ApiClient, ClientError},
    domain::{CallEvent, floor::AgentStateReport},
};

#[derive(Debug, thiserror::Error)]
pub enum SinkError {
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error("the event was refused: {0}")]
    Refused(String),
    #[error("the event was not recorded: {0}")]
    Failed(String),
}

/// Where call events and agents' states go.
#[async_trait]
pub trait CallSink: Send + Sync {
    async fn send(&self, event: CallEvent) -> Result<(), SinkError>;
    /// How an agent stands, as the phone system sees it.
    async fn agent_state(&self, report: AgentStateReport) -> Result<(), SinkError>;
}

/// Whether an agent takes a call now. skydesk's own ringers ask before
/// they ring one: nobody on break, signed out or in wrap-up is rung.
pub trait AgentReadiness: Send + Sync {
    fn takes_calls(&self, agent: &str) -> bool;
    /// Whether a person plays this agent at a console: their state is
    /// theirs, and a ringer never reports it for them.
    fn at_console(&self, _agent: &str) -> bool {
        false
    }
}

/// A server's call-event and agent-event webhooks, with their shared secret.
pub struct WebhookSink {
    pub client: ApiClient,
    pub secret: secrecy::SecretString,
}

#[async_trait]
impl CallSink for WebhookSink {
    async fn send(&self, event: CallEvent) -> Result<(), SinkError> {
        self.client
            .post_call_event(self.secret.expose_secret(), &event)
            .await?;
        Ok(())
    }

    async fn agent_state(&self, report: AgentStateReport) -> Result<(), SinkError> {
        self.client
            .post_agent_event(self.secret.expose_secret(), &report)
            .await?;
        Ok(())
    }
}
