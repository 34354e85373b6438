//! The run loop: terminal input, the server's event stream and finished
//! requests all become `Msg`s on one channel; the screen is drawn only when
//! `update` says something visible changed.

use std::time::Duration;

use crate::retry::{BackoffBuilder, pauses};
use chrono::Utc;
use crossterm::event::EventStream;
use tokio::sync::mpsc;

use super::{
    app::{App, Connection, Msg},
    input::read_input,
    outbox::{self, Outbox, OutboxError, OutboxHandle},
    perform::Performer,
    ui,
};
use crate::client::ApiClient;

/// Where durable writes go: the outbox, or why there is none (each such
/// write is then refused on screen, never dropped unseen).
pub(super) type Keeper = Result<OutboxHandle, String>;

/// How the console asks for a demo call (demo mode only).
pub type DemoRinger = mpsc::Sender<()>;

pub async fn run(
    mut app: App,
    client: ApiClient,
    ringer: Option<DemoRinger>,
    outbox: Result<Outbox, OutboxError>,
) -> std::io::Result<()> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let (keeper, delivery, drafts): (Keeper, _, _) = match outbox {
        Ok(outbox) => {
            let (handle, task) = outbox::spawn_delivery(
                outbox.clone(),
                client.clone(),
                app.user.name.clone(),
                tx.clone(),
            );
            let drafts =
                outbox::spawn_draft_keeper(outbox.clone(), app.user.name.clone(), tx.clone());
            (Ok(handle), Some((task, outbox)), Some(drafts))
        }
        Err(e) => {
            tracing::error!(error = %e, "no outbox");
            app.flash = Some(format!("{e}; changes will not be saved"));
            (Err(e.to_string()), None, None)
        }
    };
    let (draft_keeper, draft_task) = drafts.unzip();
    let input = tokio::spawn(read_input(EventStream::new(), tx.clone()));
    let signals = tokio::spawn(stop_on_signal(tx.clone()));
    let events = tokio::spawn(follow_events(client.clone(), tx.clone()));
    let clock = tokio::spawn(tick(tx.clone()));

    // Read once: the theme does not change while the console runs.
    let theme = ui::Theme::from_env();
    let mut terminal = ratatui::init();
    let paste = BracketedPaste::on();
    let result = async {
        // The layout, and which panes' data to ask for, follow the width.
        let size = terminal.size()?;
        let (_, effects) = app.update(Msg::Resize {
            width: size.width,
            height: size.height,
        });
        let mut performer = Performer {
            client: &client,
            ringer: ringer.as_ref(),
            keeper: &keeper,
            drafts: draft_keeper.as_ref(),
            tx: &tx,
            quit: false,
            signing_out: None,
        };
        performer.run(effects);
        terminal.draw(|f| ui::render(&app, theme, f))?;
        while let Some(first) = rx.recv().await {
            let mut dirty = false;
            // Coalesce a burst (a paste, a flood of events) into one draw.
            let mut next = Some(first);
            while let Some(msg) = next {
                // Keys and calls are timed against the clock now, not the
                // last second's tick: a key just after a ring must be seen
                // as just after it.
                if matches!(msg, Msg::Key(_) | Msg::Server(_)) {
                    dirty |= app.update(Msg::Tick(Utc::now())).0;
                }
                let (changed, effects) = app.update(msg);
                dirty |= changed;
                performer.run(effects);
                next = rx.try_recv().ok();
            }
            if performer.quit {
                break;
            }
            if dirty {
                terminal.draw(|f| ui::render(&app, theme, f))?;
            }
        }
        Ok(performer.signing_out)
    }
    .await;
    // Signed out on the way out, while the terminal is given back; never
    // more than a second's wait, whatever the server does.
    let (result, farewell) = match result {
        Ok(farewell) => (Ok(()), farewell),
        Err(error) => (Err(error), None),
    };
    let farewell_by = tokio::time::Instant::now() + Duration::from_secs(1);
    drop(paste);
    ratatui::restore();
    input.abort();
    signals.abort();
    events.abort();
    clock.abort();
    // The drafts given last (those written on quitting) are kept before
    // the file closes.
    drop(draft_keeper);
    if let Some(task) = draft_task
        && tokio::time::timeout(Duration::from_secs(5), task)
            .await
            .is_err()
    {
        tracing::warn!("drafts still being written at exit");
    }
    // What was not delivered stays in the file for the next start.
    if let Some((task, outbox)) = delivery {
        task.abort();
        let _ = task.await;
        outbox.close().await;
    }
    if let Some(task) = farewell {
        match tokio::time::timeout_at(farewell_by, task).await {
            Ok(Ok(Ok(_))) => {}
            Ok(Ok(Err(e))) => tracing::warn!(error = %e, "not signed out"),
            _ => tracing::warn!("not signed out: the server did not answer in time"),
        }
    }
    result
}

/// Bracketed paste, on while the console runs: a paste arrives as one
/// piece, line breaks and all, rather than as keys (where an ESC in it
/// would act as the key). Turned off again when dropped, also while a
/// panic unwinds, so the shell after the console is left as it was.
struct BracketedPaste;

impl BracketedPaste {
    fn on() -> Self {
        // A terminal without it still works: pastes come as keys.
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste);
        BracketedPaste
    }
}

impl Drop for BracketedPaste {
    fn drop(&mut self) {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
    }
}

/// SIGTERM or SIGHUP (a closed terminal window) quits like the quit key,
/// so the terminal is restored and the store closed.
async fn stop_on_signal(tx: mpsc::UnboundedSender<Msg>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut hangup)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
        ) else {
            return;
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = hangup.recv() => {}
            _ = tokio::signal::ctrl_c() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
    let _ = tx.send(Msg::Shutdown);
}

/// Keeps the event stream open, reconnecting with backoff when it drops.
async fn follow_events(client: ApiClient, tx: mpsc::UnboundedSender<Msg>) {
    let backoff = |first: Duration| pauses(first, Duration::from_secs(10)).build();
    let mut retry = Duration::from_millis(250);
    let mut last_event_id: Option<String> = None;
    let mut delays = backoff(retry);
    loop {
        match client.events_after(last_event_id.as_deref()).await {
            Ok(mut stream) => {
                let mut why = String::from("the event stream closed");
                while let Some(item) = stream.next_message().await {
                    match item {
                        Ok(event) => {
                            if tx.send(Msg::Server(event)).is_err() {
                                return;
                            }
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "bad event from the server");
                            why = e.to_string();
                        }
                    }
                }
                // Resumed after the last event seen: what was missed
                // meanwhile (or every call ringing now) comes first.
                last_event_id = stream.last_event_id().map(String::from);
                retry = stream.retry().unwrap_or(retry);
                delays = backoff(retry);
                let _ = tx.send(Msg::Connection(Connection::Offline(why)));
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
