//! The demo's floor: a small call centre simulated in-process, so that
//! the demo user (a supervisor too) sees live queues, agents and trends.
//! Its calls ring only at its simulated agents, never at the demo user.

use std::{sync::Arc, time::Duration};

use skydesk::{
    config::Settings,
    domain::{
        CallEvent,
        floor::{AgentState, AgentStateReport, FloorSettings},
    },
    server::{calls::CallIngest, floor::FloorKeeper},
    store::seed,
    telephony::simulator::{self, CENTRE_CALL_PREFIX, Callers, Centre, CentreConfig, agent_names},
};
use tokio::{sync::oneshot, task::JoinHandle};

/// Agents on the demo's floor.
const AGENTS: usize = 8;
/// Callers a minute: with eight agents at twice real speed the floor runs
/// at about three quarters busy, so queues build now and then.
const RATE: f64 = 1.6;
/// Calls, wrap-ups and breaks take half their real time: more happens
/// while someone watches.
const SPEED: f64 = 2.0;
/// Longest the run is given to end its calls and sign its agents out.
const STOP_WITHIN: Duration = Duration::from_secs(3);

/// The running simulation; `stop` ends it cleanly.
pub struct DemoFloor {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl DemoFloor {
    /// In the background (the console does not wait for it): ends what an
    /// earlier demo left live, then, unless `quiet`, runs the centre.
    pub fn start(
        ingest: CallIngest,
        floor: FloorKeeper,
        settings: &Settings,
        travellers: i64,
        quiet: bool,
    ) -> Self {
        let (stop, stopped) = oneshot::channel();
        let lines = settings.lines.clone();
        let floor_settings: FloorSettings = settings.floor.clone();
        let task = tokio::spawn(async move {
            let agents = match agent_names(AGENTS, &[]) {
                Ok(names) => names,
                Err(e) => return tracing::error!(error = %e, "demo floor"),
            };
            floor.ready().await;
            tidy(&ingest, &floor, &agents).await;
            if quiet {
                return;
            }
            let seed = rand::random();
            let config = CentreConfig {
                rate_per_minute: RATE,
                vip_share: 0.15,
                agents,
                speed: SPEED,
                seed,
                break_reasons: floor_settings.break_reasons,
                lines,
                started: chrono::Utc::now(),
            };
            let centre = match Centre::new(config, Callers::new(seed::demo_numbers(), travellers)) {
                Ok(centre) => centre,
                Err(e) => return tracing::error!(error = %e, "the demo floor cannot start"),
            };
            tracing::info!(seed, "the demo floor starts");
            let stop = async {
                let _ = stopped.await;
            };
            match simulator::run(centre, Arc::new(ingest), None, stop).await {
                Ok(summary) => tracing::info!(%summary, "the demo floor stopped"),
                Err(e) => tracing::error!(error = %e, "the demo floor stopped"),
            }
        });
        Self { stop, task }
    }

    /// Ends what is live and signs the agents out, within a few seconds.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let mut task = self.task;
        if tokio::time::timeout(STOP_WITHIN, &mut task).await.is_err() {
            task.abort();
        }
    }
}

/// Ends the calls an earlier demo left live and signs its agents out (it
/// was killed before it could), so that the floor does not show them
/// waiting or talking for ever.
async fn tidy(ingest: &CallIngest, floor: &FloorKeeper, agents: &[String]) {
    let snapshot = floor.snapshot();
    let left: Vec<(String, bool)> = snapshot
        .calls
        .into_iter()
        .filter(|(id, call)| id.starts_with(CENTRE_CALL_PREFIX) && call.ended_at.is_none())
        .map(|(id, call)| (id, call.answered_at.is_some()))
        .collect();
    for (call_id, answered) in left {
        let event = CallEvent::settled(call_id, answered);
        if let Err(e) = ingest.ingest(event).await {
            tracing::warn!(error = %e, "cannot end a call an earlier demo left");
        }
    }
    for agent in agents {
        let present = snapshot
            .agents
            .get(agent)
            .is_some_and(|row| row.state != AgentState::SignedOut);
        if !present {
            continue;
        }
        let report = AgentStateReport {
            agent: agent.clone(),
            state: AgentState::SignedOut,
            reason: None,
            at: None,
        };
        if let Err(e) = ingest.agent_reported(report).await {
            tracing::warn!(error = %e, "cannot sign out an agent an earlier demo left");
        }
    }
}
