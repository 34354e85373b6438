//! Plays a phone system for the demo and for load tests, through a
//! `CallSink` (a server's webhooks, or the call ingest itself).
//!
//! Two players: `Simulator` rings single calls at whoever it is told (the
//! demo's showcase calls for the demo user), and `Centre` plays a whole
//! call centre — callers arriving, waiting in queues, giving up, simulated
//! agents answering, wrapping up and taking breaks — driven by `run`.

mod agents;
mod arrivals;
mod callers;
mod centre;
mod random;
mod run;
#[cfg(test)]
mod run_tests;
mod summary;
#[cfg(test)]
mod tests;

use std::{collections::VecDeque, sync::Arc};

use chrono::Utc;
use rand::{Rng, SeedableRng, rngs::SmallRng};

pub use self::{
    agents::agent_names,
    arrivals::LineMix,
    callers::{Callers, DemoNumbers},
    centre::{CENTRE_CALL_PREFIX, Centre, CentreConfig, Outgoing, SimError},
    run::run,
    summary::Summary,
};
use super::{AgentReadiness, CallSink, SinkError};
use crate::domain::{CallEvent, CallEventKind};

/// Rings single calls, each at once, at one agent (or every agent).
pub struct Simulator {
    sink: Arc<dyn CallSink>,
    callers: Callers,
    agent: Option<String>,
    rng: SmallRng,
    next_call: u64,
    /// Calls rung first, in order, before the random mix: (caller ID,
    /// called number).
    opening: VecDeque<(String, String)>,
    /// Asked before ringing the agent, when known.
    readiness: Option<Arc<dyn AgentReadiness>>,
}

impl Simulator {
    pub fn new(
        sink: Arc<dyn CallSink>,
        numbers: DemoNumbers,
        travellers: i64,
        agent: Option<String>,
    ) -> Self {
        Self {
            sink,
            callers: Callers::new(numbers, travellers),
            agent,
            rng: SmallRng::from_os_rng(),
            next_call: 1,
            opening: VecDeque::new(),
            readiness: None,
        }
    }

    /// Rings the agent only while `readiness` says they take calls.
    pub fn with_readiness(mut self, readiness: Arc<dyn AgentReadiness>) -> Self {
        self.readiness = Some(readiness);
        self
    }

    /// Rings these calls first, in order: (caller ID, called number).
    pub fn with_opening(mut self, calls: Vec<(String, String)>) -> Self {
        self.opening = calls.into();
        self
    }

    /// Rings one call and returns its id; `None`, ringing nothing, while
    /// the agent does not take calls (the next opening call stays next).
    pub async fn ring(&mut self) -> Result<Option<String>, SinkError> {
        if let (Some(agent), Some(readiness)) = (&self.agent, &self.readiness)
            && !readiness.takes_calls(agent)
        {
            return Ok(None);
        }
        let (from, to, kind) = match self.opening.pop_front() {
            Some((from, to)) => (from, to, "opening"),
            None => {
                let (from, kind) = self.callers.draw(&mut self.rng);
                let to = if self.rng.random_range(0..4) == 0 {
                    "+864008108888"
                } else {
                    "+864008100999"
                };
                (from, to.to_string(), kind)
            }
        };
        let call_id = format!("sim-{}-{}", Utc::now().timestamp_millis(), self.next_call);
        self.next_call += 1;
        let event = CallEvent {
            event: CallEventKind::Ringing,
            call_id: call_id.clone(),
            from,
            to: to.clone(),
            queue: Some(
                if to.ends_with("8888") {
                    "vip"
                } else {
                    "general"
                }
                .into(),
            ),
            agent: self.agent.clone(),
            at: Some(Utc::now()),
        };
        tracing::info!(call_id = %call_id, kind, "simulated call");
        self.sink.send(event).await?;
        Ok(Some(call_id))
    }
}
