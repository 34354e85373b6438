//! Plays a `Centre` on tokio's clock through a sink: each thing the
//! centre says happens is sent when its time comes, one after another
//! (a call's events must arrive in order). Under a paused tokio clock a
//! run of hours passes in no time.

use std::{future::Future, sync::Arc, time::Duration};

use tokio::time::Instant;

use super::{
    centre::{Centre, Outgoing, SimError},
    summary::Summary,
};
use crate::{
    client::ClientError,
    telephony::{CallSink, SinkError},
};

/// Runs the centre until `duration` has passed (or for ever) or `stop`
/// completes, then ends what is still live and signs the agents out.
/// A failed event is counted in the summary and the run goes on; only a
/// server that cannot be reached, or refuses the simulator's secret, at
/// the very first event stops it.
pub async fn run(
    mut centre: Centre,
    sink: Arc<dyn CallSink>,
    duration: Option<Duration>,
    stop: impl Future<Output = ()>,
) -> Result<Summary, SimError> {
    let began = Instant::now();
    let end = duration.map(|d| began + d);
    let mut delivered = false;
    let opening = centre.start();
    deliver(&mut centre, sink.as_ref(), opening, &mut delivered).await?;
    tokio::pin!(stop);
    loop {
        let next = centre.next_due().map(|due| began + due);
        let wake = match (next, end) {
            (Some(next), Some(end)) => next.min(end),
            (Some(at), None) | (None, Some(at)) => at,
            (None, None) => break,
        };
        tokio::select! {
            _ = tokio::time::sleep_until(wake) => {}
            _ = &mut stop => break,
        }
        // A late wake-up (slow sends) still plays what was due in order,
        // but nothing past the end.
        let now = end.map_or(Instant::now(), |end| Instant::now().min(end));
        let due = centre.advance(now - began);
        deliver(&mut centre, sink.as_ref(), due, &mut delivered).await?;
        if end.is_some_and(|end| now >= end) {
            break;
        }
    }
    let now = end.map_or(Instant::now(), |end| Instant::now().min(end));
    let last = centre.finish(now - began);
    deliver(&mut centre, sink.as_ref(), last, &mut delivered).await?;
    Ok(centre.summary().clone())
}

async fn deliver(
    centre: &mut Centre,
    sink: &dyn CallSink,
    out: Vec<Outgoing>,
    delivered: &mut bool,
) -> Result<(), SimError> {
    for item in out {
        let sent = match item {
            Outgoing::Call(event) => sink.send(event).await,
            Outgoing::Agent(report) => sink.agent_state(report).await,
        };
        match sent {
            Ok(()) => *delivered = true,
            Err(e) => {
                if !*delivered && let Some(fatal) = fatal_at_start(&e) {
                    return Err(fatal);
                }
                tracing::warn!(error = %e, "a simulated event was not taken");
                let summary = centre.summary_mut();
                summary.failed += 1;
                summary.last_failure = Some(e.to_string());
            }
        }
    }
    Ok(())
}

/// A failure that means the run cannot work at all: nothing answers, or
/// the server turns the simulator away.
fn fatal_at_start(e: &SinkError) -> Option<SimError> {
    match e {
        SinkError::Client(ClientError::Network(reason)) => {
            Some(SimError::Unreachable(reason.clone()))
        }
        SinkError::Client(ClientError::BadUrl(url)) => {
            Some(SimError::Unreachable(format!("{url:?} is not a URL")))
        }
        SinkError::Client(ClientError::Api {
            status: 401 | 403,
            detail,
        }) => Some(SimError::Refused(format!(
            "{detail} (is SKYDESK_WEBHOOK_SECRET the server's webhook secret?)"
        ))),
        _ => None,
    }
}
