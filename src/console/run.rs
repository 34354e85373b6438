//! The run loop: terminal input, the server's event stream and finished
//! requests all become `Msg`s on one channel; the screen is drawn only when
//! `update` says something visible changed.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};
use chrono::Utc;
use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use tokio::sync::mpsc;

use super::{
    app::{App, Connection, Effect, Msg},
    ui,
};
use crate::client::{ApiClient, ClientError};

/// How the console asks for a demo call (demo mode only).
pub type DemoRinger = mpsc::Sender<()>;

pub async fn run(
    mut app: App,
    client: ApiClient,
    ringer: Option<DemoRinger>,
) -> std::io::Result<()> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let input = tokio::spawn(read_input(tx.clone()));
    let events = tokio::spawn(follow_events(client.clone(), tx.clone()));
    let clock = tokio::spawn(tick(tx.clone()));

    let mut terminal = ratatui::init();
    let result = async {
        terminal.draw(|f| ui::render(&app, f))?;
        while let Some(first) = rx.recv().await {
            let mut dirty = false;
            // Coalesce a burst (a paste, a flood of events) into one draw.
            let mut next = Some(first);
            while let Some(msg) = next {
                let (changed, effects) = app.update(msg);
                dirty |= changed;
                for effect in effects {
                    perform(effect, &client, ringer.as_ref(), &tx);
                }
                next = rx.try_recv().ok();
            }
            if app.should_quit {
                break;
            }
            if dirty {
                terminal.draw(|f| ui::render(&app, f))?;
            }
        }
        Ok(())
    }
    .await;
    ratatui::restore();
    input.abort();
    events.abort();
    clock.abort();
    result
}

fn perform(
    effect: Effect,
    client: &ApiClient,
    ringer: Option<&DemoRinger>,
    tx: &mpsc::UnboundedSender<Msg>,
) {
    let client = client.clone();
    let tx = tx.clone();
    match effect {
        Effect::Quit => {}
        Effect::RingDemoCall => {
            if let Some(ringer) = ringer {
                let _ = ringer.try_send(());
            }
        }
        Effect::Answer(call_id) => {
            tokio::spawn(async move {
                if let Err(e) = client.answer(&call_id).await {
                    let _ = tx.send(Msg::Failed(format!("could not take the call: {e}")));
                }
            });
        }
        Effect::HangUp(call_id) => {
            tokio::spawn(async move {
                if let Err(e) = client.hangup(&call_id).await {
                    let _ = tx.send(Msg::Failed(format!("could not hang up: {e}")));
                }
            });
        }
        Effect::Search { seq, query } => {
            tokio::spawn(async move {
                let result = client.search_travellers(&query).await.map_err(readable);
                let _ = tx.send(Msg::SearchAnswered { seq, result });
            });
        }
        Effect::AddPhone {
            traveller_id,
            e164,
            version,
            idempotency_key,
        } => {
            tokio::spawn(async move {
                let guard = crate::client::WriteHeaders {
                    idempotency_key,
                    if_match: Some(version),
                };
                let result = client
                    .add_phone(traveller_id, &e164, &guard)
                    .await
                    .map(|a| a.added)
                    .map_err(readable);
                let _ = tx.send(Msg::PhoneAdded {
                    traveller_id,
                    e164,
                    result,
                });
            });
        }
        Effect::LoadTraveller(id) => {
            tokio::spawn(async move {
                let _ = tx.send(Msg::TravellerLoaded(
                    client.traveller(id).await.map_err(readable),
                ));
            });
        }
    }
}

/// The server's own words for a refused request; otherwise what went wrong.
fn readable(e: ClientError) -> String {
    match e {
        ClientError::Api { detail, .. } => detail,
        other => other.to_string(),
    }
}

async fn read_input(tx: mpsc::UnboundedSender<Msg>) {
    let mut events = EventStream::new();
    while let Some(Ok(event)) = events.next().await {
        let msg = match event {
            Event::Key(key) => Msg::Key(key),
            Event::Paste(text) => Msg::Paste(text),
            Event::Resize(..) => Msg::Resize,
            _ => continue,
        };
        if tx.send(msg).is_err() {
            return;
        }
    }
}

/// Keeps the event stream open, reconnecting with backoff when it drops.
async fn follow_events(client: ApiClient, tx: mpsc::UnboundedSender<Msg>) {
    let backoff = || {
        ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(250))
            .with_max_delay(Duration::from_secs(10))
            .without_max_times()
            .with_jitter()
            .build()
    };
    let mut delays = backoff();
    loop {
        match client.events().await {
            Ok(mut stream) => {
                delays = backoff();
                while let Some(item) = stream.next_event().await {
                    match item {
                        Ok(event) => {
                            if tx.send(Msg::Server(event)).is_err() {
                                return;
                            }
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "bad event from the server");
                        }
                    }
                }
                let _ = tx.send(Msg::Connection(Connection::Offline(
                    "the event stream closed".into(),
                )));
            }
            Err(e) => {
                if tx
                    .send(Msg::Connection(Connection::Offline(e.to_string())))
                    .is_err()
                {
                    return;
                }
            }
        }
        let delay = delays.next().unwrap_or(Duration::from_secs(10));
        tokio::time::sleep(delay).await;
    }
}

async fn tick(tx: mpsc::UnboundedSender<Msg>) {
    let mut interval = tokio::time::interval(Duration::from_secs(1));
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        interval.tick().await;
        if tx.send(Msg::Tick(Utc::now())).is_err() {
            return;
        }
    }
}
