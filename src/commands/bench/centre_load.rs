//! Event delivery under a simulated call centre: the same consoles as
//! the delivery figure, while the simulator plays a centre against the
//! server's webhooks — callers arriving at random and waiting in queues,
//! the load's agents answering, wrapping up and taking breaks, callers
//! giving up — at about the delivery figure's rate of events.

use std::{sync::Arc, time::Duration};

use async_trait::async_trait;
use color_eyre::eyre::Result;
use skydesk::{
    client::ApiClient,
    domain::{
        CallEvent, LineDirectory, Role,
        floor::{AgentStateReport, FloorSettings},
    },
    store::{DynStore, seed},
    telephony::{
        CallSink, SinkError, WebhookSink,
        simulator::{self, Callers, Centre, CentreConfig},
    },
};

use super::{
    delivery::{Ledger, Load, TARGET_P99_MS, open_consoles, users},
    stats::{Failures, summary},
};

const FIGURE: &str = "event delivery, simulated centre";
/// A simulated call sends about five events: it queues, rings, is
/// answered and ends, and its agent reports back after the wrap-up.
const EVENTS_PER_CALL: f64 = 5.0;
/// Talk, wrap-up and breaks ten times shorter: the run's 20 s hold
/// whole calls, not only their start.
const SPEED: f64 = 10.0;

/// The server's webhooks, with each call event's post time noted first.
struct TimedSink {
    inner: WebhookSink,
    ledger: Arc<Ledger>,
    supervisors: usize,
}

#[async_trait]
impl CallSink for TimedSink {
    async fn send(&self, event: CallEvent) -> Result<(), SinkError> {
        self.ledger
            .post_call(&event.call_id, event.event, self.supervisors);
        self.inner.send(event).await
    }

    async fn agent_state(&self, report: AgentStateReport) -> Result<(), SinkError> {
        self.inner.agent_state(report).await
    }
}

/// Plays the centre against `base` with the load's consoles connected and
/// prints the figure as `label`.
pub async fn run(
    store: &DynStore,
    base: &str,
    secret: &str,
    load: Load,
    travellers: i64,
    label: &str,
    failures: &Failures,
) -> Result<()> {
    let users = users(store, load).await?;
    let ledger = Arc::new(Ledger::default());
    let client = ApiClient::new(base, "")?;
    let (listeners, unopened) = open_consoles(&users, std::slice::from_ref(&client), &ledger).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let agents = users
        .iter()
        .filter(|(u, _)| u.has(Role::Agent))
        .map(|(u, _)| u.name.clone())
        .collect();
    let centre = Centre::new(
        CentreConfig {
            rate_per_minute: load.events_per_second / EVENTS_PER_CALL * 60.0,
            vip_share: 0.15,
            agents,
            speed: SPEED,
            seed: 42,
            break_reasons: FloorSettings::default().break_reasons,
            lines: LineDirectory::default(),
            started: chrono::Utc::now(),
        },
        Callers::new(seed::demo_numbers(), travellers),
    )?;
    let sink = Arc::new(TimedSink {
        inner: WebhookSink {
            client,
            secret: secret.into(),
        },
        ledger: ledger.clone(),
        supervisors: load.supervisors,
    });
    let played = simulator::run(
        centre,
        sink,
        Some(Duration::from_secs(load.seconds)),
        std::future::pending(),
    )
    .await?;
    // Whatever has not arrived 5 s after the last event never will.
    tokio::time::sleep(Duration::from_secs(5)).await;
    for l in &listeners {
        l.abort();
    }
    let (posted, missing) = ledger.missing();
    let sent_failed = usize::try_from(played.failed).unwrap_or(usize::MAX);
    let failed = missing + sent_failed + unopened;
    failures.add(FIGURE, failed);
    println!(
        "event delivery, simulated centre, {label}: {} consoles ({} supervisors), {:.0} call events/s for {} s ({posted} call events, {played}; {missing} deliveries missing, {unopened} streams unopened): {}",
        load.consoles,
        load.supervisors,
        posted as f64 / load.seconds as f64,
        load.seconds,
        summary(ledger.samples(), failed, TARGET_P99_MS)
    );
    Ok(())
}
