//! A run on tokio's clock against a sink: everything it began ends, even
//! when the sink refuses some events, and a stop or an unreachable server
//! ends it at once.

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use async_trait::async_trait;

use super::tests::{centre, config, kinds_by_call};
use super::*;
use crate::{
    client::ClientError,
    domain::{
        CallEvent, CallEventKind,
        floor::{AgentState, AgentStateReport},
    },
    telephony::{CallSink, SinkError},
};

/// A sink that keeps what it is sent, failing every `fail_every`-th event.
#[derive(Default)]
struct Recorder {
    sent: Mutex<Vec<Outgoing>>,
    fail_every: usize,
    unreachable: bool,
}

impl Recorder {
    fn take(&self, item: Outgoing) -> Result<(), SinkError> {
        if self.unreachable {
            return Err(ClientError::Network("connection refused".into()).into());
        }
        let mut sent = self
            .sent
            .lock()
            .map_err(|_| SinkError::Failed("poisoned".into()))?;
        sent.push(item);
        if self.fail_every > 0 && sent.len() % self.fail_every == 0 {
            return Err(SinkError::Refused("not today".into()));
        }
        Ok(())
    }
}

#[async_trait]
impl CallSink for Recorder {
    async fn send(&self, event: CallEvent) -> Result<(), SinkError> {
        self.take(Outgoing::Call(event))
    }

    async fn agent_state(&self, report: AgentStateReport) -> Result<(), SinkError> {
        self.take(Outgoing::Agent(report))
    }
}

#[tokio::test(start_paused = true)]
async fn a_run_on_tokios_clock_ends_everything_it_began() {
    let sink = Arc::new(Recorder {
        fail_every: 7,
        ..Recorder::default()
    });
    let began = tokio::time::Instant::now();
    let summary = run(
        centre(config(6.0, 6, 1.0, 3)),
        sink.clone(),
        Some(Duration::from_secs(30 * 60)),
        std::future::pending(),
    )
    .await
    .expect("a run");
    assert_eq!(began.elapsed(), Duration::from_secs(30 * 60));
    let sent: Vec<(Duration, Outgoing)> = sink
        .sent
        .lock()
        .expect("sent")
        .iter()
        .map(|o| (Duration::ZERO, o.clone()))
        .collect();
    assert_eq!(summary.failed as usize, sent.len() / 7);
    assert!(summary.last_failure.is_some());
    assert!((120..=240).contains(&summary.calls), "{summary}");
    // Every call the run began has its end, and every agent signed out.
    for (call, kinds) in kinds_by_call(&sent) {
        assert!(
            matches!(
                kinds.last(),
                Some(CallEventKind::Hangup | CallEventKind::Abandoned)
            ),
            "{call}: {kinds:?}"
        );
    }
    let last: Vec<_> = sent[sent.len() - 6..].iter().collect();
    assert!(last.iter().all(|(_, o)| matches!(
        o,
        Outgoing::Agent(AgentStateReport {
            state: AgentState::SignedOut,
            ..
        })
    )));
}

#[tokio::test(start_paused = true)]
async fn a_stop_ends_the_run_early_and_an_unreachable_server_at_once() {
    let sink = Arc::new(Recorder::default());
    let summary = run(
        centre(config(6.0, 4, 1.0, 3)),
        sink.clone(),
        None,
        tokio::time::sleep(Duration::from_secs(600)),
    )
    .await
    .expect("a run");
    assert!(summary.calls > 20, "{summary}");
    assert_eq!(summary.failed, 0);

    let gone = Arc::new(Recorder {
        unreachable: true,
        ..Recorder::default()
    });
    let refused = run(
        centre(config(6.0, 4, 1.0, 3)),
        gone,
        None,
        std::future::pending(),
    )
    .await;
    assert!(matches!(refused, Err(SimError::Unreachable(_))));
}
