//! The states agents choose in skydesk, heard on the event bus, so that
//! the PBX is told of them: a break pauses the agent's queue memberships,
//! signing out removes them, and the phone on the desk stops ringing too.

use std::time::Duration;

use tokio::sync::{broadcast::error::RecvError, mpsc};

use crate::{
    domain::floor::{AgentState, FloorChange},
    server::hub::DynBus,
    wire::StreamEvent,
};

/// An agent's own state as the floor recorded it: chosen by the agent in
/// skydesk, or skydesk's record of what the PBX itself reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub agent: String,
    pub state: AgentState,
    pub reason: Option<String>,
}

/// Forwards every agent-state change on `bus` to `to` until `to` closes.
/// A subscription the bus ends (it resynchronised) is taken again: what
/// went by meanwhile is not told, as the agent's next choice says it anew.
pub async fn forward_choices(bus: DynBus, to: mpsc::Sender<Choice>) {
    while !to.is_closed() {
        let mut feed = bus.subscribe().receiver;
        loop {
            let published = match feed.recv().await {
                Ok(published) => published,
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(
                        missed,
                        "agents' states went by faster than the PBX could be told"
                    );
                    continue;
                }
                Err(RecvError::Closed) => break,
            };
            let StreamEvent::FloorChanged {
                change:
                    FloorChange::AgentState {
                        agent,
                        state,
                        reason,
                        ..
                    },
                ..
            } = &published.notice.event
            else {
                continue;
            };
            let choice = Choice {
                agent: agent.clone(),
                state: *state,
                reason: reason.clone(),
            };
            if to.send(choice).await.is_err() {
                return;
            }
        }
        // A bus that has just ended every subscription is given a moment
        // before the next one.
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
