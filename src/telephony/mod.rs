//! Sources of call events: the HTTP webhook (in the server), the simulator
//! here, which plays a call centre for the demo and load tests, and any
//! PBX adapter. Each hands its events to a `CallSink`: the server's call
//! ingest in the same process, or a server's webhook.

pub mod ami;
pub mod simulator;

use async_trait::async_trait;

use crate::{
    client::{ApiClient, ClientError},
    domain::CallEvent,
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

/// Where call events go.
#[async_trait]
pub trait CallSink: Send + Sync {
    async fn send(&self, event: CallEvent) -> Result<(), SinkError>;
}

/// A server's call-event webhook, with its shared secret.
pub struct WebhookSink {
    pub client: ApiClient,
    pub secret: String,
}

#[async_trait]
impl CallSink for WebhookSink {
    async fn send(&self, event: CallEvent) -> Result<(), SinkError> {
        self.client.post_call_event(&self.secret, &event).await?;
        Ok(())
    }
}
