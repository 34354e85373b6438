//! The calls: a call's details, answering and hanging up, the phone
//! system's webhooks, and the event stream that rings the console.

use reqwest::header;

use super::{ApiClient, ClientError, ClientResult, EventStream, STREAM_OPEN_TIMEOUT, key_header};
use crate::{
    domain::{CallEvent, floor::AgentStateReport},
    wire::{Accepted, CallDetails},
};

impl ApiClient {
    /// A call's state and offer (for an agent it rang for, or a supervisor).
    pub async fn call(&self, call_id: &str) -> ClientResult<CallDetails> {
        self.get(self.url(&["api", "v1", "calls", call_id])).await
    }

    pub async fn answer(&self, call_id: &str) -> ClientResult<Accepted> {
        self.answer_keyed(call_id, None).await
    }

    pub async fn answer_keyed(&self, call_id: &str, key: Option<&str>) -> ClientResult<Accepted> {
        let url = self.url(&["api", "v1", "calls", call_id, "answer"]);
        self.post(url, &self.token, &(), &key_header(key)).await
    }

    pub async fn hangup(&self, call_id: &str) -> ClientResult<Accepted> {
        self.hangup_keyed(call_id, None).await
    }

    pub async fn hangup_keyed(&self, call_id: &str, key: Option<&str>) -> ClientResult<Accepted> {
        let url = self.url(&["api", "v1", "calls", call_id, "hangup"]);
        self.post(url, &self.token, &(), &key_header(key)).await
    }

    /// Sends a call event as a PBX would, with the webhook's shared secret.
    pub async fn post_call_event(
        &self,
        webhook_secret: &str,
        event: &CallEvent,
    ) -> ClientResult<Accepted> {
        self.post(
            self.url(&["api", "v1", "calls", "events"]),
            webhook_secret,
            event,
            &[],
        )
        .await
    }

    /// The phone system's word on an agent (paused, back, gone), sent to
    /// the agents webhook with its shared secret.
    pub async fn post_agent_event(
        &self,
        webhook_secret: &str,
        report: &AgentStateReport,
    ) -> ClientResult<Accepted> {
        self.post(
            self.url(&["api", "v1", "agents", "events"]),
            webhook_secret,
            report,
            &[],
        )
        .await
    }

    /// Opens the signed-in user's event stream.
    pub async fn events(&self) -> ClientResult<EventStream> {
        self.events_after(None).await
    }

    /// Opens the event stream again after the event `last_event_id`: the
    /// server resends what was missed, or offers the calls ringing now.
    pub async fn events_after(&self, last_event_id: Option<&str>) -> ClientResult<EventStream> {
        let mut request = self
            .http
            .get(self.url(&["api", "v1", "events"]))
            .bearer_auth(&self.token)
            .header(header::ACCEPT, "text/event-stream");
        // An id the server sent that cannot be a header is not sent back.
        if let Some(id) = last_event_id.and_then(|id| header::HeaderValue::from_str(id).ok()) {
            request = request.header("last-event-id", id);
        }
        // The answer's head, not the stream (which lasts): a connection
        // left half-open by the network would otherwise hold the reconnect
        // for ever.
        let response = tokio::time::timeout(STREAM_OPEN_TIMEOUT, request.send())
            .await
            .map_err(|_| {
                ClientError::Network(format!(
                    "the event stream did not open within {} s",
                    STREAM_OPEN_TIMEOUT.as_secs()
                ))
            })??;
        let status = response.status();
        if !status.is_success() {
            return Err(Self::problem(status, response).await);
        }
        Ok(EventStream::new(response, self.clone(), last_event_id))
    }
}
