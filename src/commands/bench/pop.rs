//! Screen pop: from a call event posted to the webhook to the full profile
//! in a console's state, with other consoles subscribed.

use std::time::{Duration, Instant};

use color_eyre::eyre::{Result, WrapErr, eyre};
use skydesk::{
    console::{App, Msg, app::Screen, keymap::Keymap},
    domain::{CallEvent, CallEventKind},
    store::seed,
    wire::ServerEvent,
};

use super::{
    Rig,
    stats::{Failures, summary},
};

const FIGURE: &str = "screen pop";

/// Times `pops` screen pops; returns the numbers it rang (reused by later
/// sections). A pop that fails or never arrives is counted, not timed.
pub async fn run(
    rig: &Rig,
    pops: usize,
    subscribers: usize,
    failures: &Failures,
) -> Result<Vec<String>> {
    let mut listeners = Vec::new();
    for _ in 0..subscribers {
        let mut stream = rig.client.events().await?;
        listeners.push(tokio::spawn(async move {
            while stream.next_event().await.is_some() {}
        }));
    }
    let mut events = rig.client.events().await?;
    let _hello = events.next_event().await;
    let mut app = App::new(
        rig.user.clone(),
        Keymap::preset("default").unwrap_or_default(),
        chrono::Utc::now(),
        false,
    );
    let numbers: Vec<String> = (0..pops.max(1))
        .map(|i| {
            seed::traveller(1 + (i as i64 * 7919) % rig.travellers, rig.today).phones[0]
                .e164
                .to_string()
        })
        .collect();
    let mut samples = Vec::with_capacity(numbers.len());
    // The slowest pop, and how much of it was the post of its event, to
    // tell a slow server from a slow stream.
    let mut slowest: Option<(usize, f64, f64)> = None;
    let mut failed = 0;
    // Call ids are kept once per store: each run rings calls of its own.
    let run = chrono::Utc::now().timestamp_millis();
    for (i, from) in numbers.iter().enumerate() {
        let event = CallEvent {
            event: CallEventKind::Ringing,
            call_id: format!("bench-{run}-{i}"),
            from: from.clone(),
            to: "+864008100999".into(),
            queue: None,
            agent: Some(rig.user.name.clone()),
            at: None,
        };
        let started = Instant::now();
        match pop_once(rig, &mut events, &mut app, &event).await {
            Ok(posted) => {
                let took = started.elapsed().as_secs_f64() * 1000.0;
                if slowest.is_none_or(|(_, most, _)| took > most) {
                    slowest = Some((i, took, posted));
                }
                samples.push(took);
            }
            Err(e) => {
                failed += 1;
                tracing::warn!(error = %e, call = %event.call_id, "screen pop failed");
            }
        }
        app.screen = Screen::Waiting;
        // The caller hangs up before an answer: a call left ringing would
        // be on the stream of every console that connects for the next
        // quarter of an hour, the next run's included.
        let over = CallEvent {
            event: CallEventKind::Abandoned,
            ..event
        };
        if let Err(e) = rig.client.post_call_event(&rig.secret, &over).await {
            tracing::warn!(error = %e, call = %over.call_id, "the benchmark's call could not be ended");
        }
    }
    failures.add(FIGURE, failed);
    println!(
        "screen pop (event posted -> profile in console state), {} travellers, {subscribers} other subscribers: {}",
        rig.travellers,
        summary(samples, failed, 50.0)
    );
    if let Some((i, took, posted)) = slowest {
        println!(
            "  slowest screen pop: #{} of {}, {took:.2} ms, of which posting its event {posted:.2} ms",
            i + 1,
            numbers.len()
        );
    }
    for l in listeners {
        l.abort();
    }
    Ok(numbers)
}

/// Posts one ringing event and waits for its offer to reach the console's
/// state; how long the post took, in milliseconds.
async fn pop_once(
    rig: &Rig,
    events: &mut skydesk::client::EventStream,
    app: &mut App,
    event: &CallEvent,
) -> Result<f64> {
    let posting = Instant::now();
    rig.client.post_call_event(&rig.secret, event).await?;
    let posted = posting.elapsed().as_secs_f64() * 1000.0;
    loop {
        let next = tokio::time::timeout(Duration::from_secs(10), events.next_event())
            .await
            .wrap_err("no screen pop within 10 s")?;
        match next.ok_or_else(|| eyre!("event stream closed"))?? {
            ServerEvent::CallOffered { offer } if offer.call_id != event.call_id => continue,
            offer @ ServerEvent::CallOffered { .. } => {
                app.update(Msg::Server(offer));
                return Ok(posted);
            }
            _ => continue,
        }
    }
}
