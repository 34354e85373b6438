//! Terminal input as messages. A read error is logged and reading goes on
//! (after a short pause, so a lasting error does not spin); when the
//! terminal is gone the console is told to shut down cleanly.

use std::{io, time::Duration};

use crossterm::event::Event;
use futures::{Stream, StreamExt};
use tokio::sync::mpsc;

use super::app::Msg;

/// Consecutive "the terminal is gone" errors after which the console quits.
const GONE_AFTER: u32 = 3;
const FIRST_PAUSE: Duration = Duration::from_millis(10);
const LONGEST_PAUSE: Duration = Duration::from_secs(1);

/// Errors that mean the terminal has closed rather than hiccupped.
fn terminal_gone(e: &io::Error) -> bool {
    // EIO and ENXIO: the pseudo-terminal's other side was closed.
    const EIO: i32 = 5;
    const ENXIO: i32 = 6;
    matches!(
        e.kind(),
        io::ErrorKind::UnexpectedEof
            | io::ErrorKind::BrokenPipe
            | io::ErrorKind::NotConnected
            | io::ErrorKind::ConnectionReset
    ) || matches!(e.raw_os_error(), Some(EIO | ENXIO))
}

/// The pauses after errors in a row: doubling, capped. Steady, as only this
/// loop reads the terminal.
fn pauses() -> impl Iterator<Item = Duration> {
    use crate::retry::BackoffBuilder;
    crate::retry::steady_pauses(FIRST_PAUSE, LONGEST_PAUSE).build()
}

/// Forwards terminal events from `events` (crossterm's `EventStream`, or
/// anything else that yields them) until the app stops listening or the
/// terminal is gone.
pub async fn read_input<S>(mut events: S, tx: mpsc::UnboundedSender<Msg>)
where
    S: Stream<Item = io::Result<Event>> + Unpin,
{
    let mut failures = 0;
    let mut gone = 0;
    let mut pause = pauses();
    loop {
        let msg = match events.next().await {
            None => {
                tracing::warn!("the terminal closed");
                let _ = tx.send(Msg::Shutdown);
                return;
            }
            Some(Err(e)) => {
                failures += 1;
                gone = if terminal_gone(&e) { gone + 1 } else { 0 };
                tracing::warn!(error = %e, failures, "cannot read the terminal");
                if gone >= GONE_AFTER {
                    let _ = tx.send(Msg::Shutdown);
                    return;
                }
                tokio::time::sleep(pause.next().unwrap_or(LONGEST_PAUSE)).await;
                continue;
            }
            Some(Ok(event)) => {
                failures = 0;
                gone = 0;
                pause = pauses();
                match event {
                    Event::Key(key) => Msg::Key(key),
                    Event::Paste(text) => Msg::Paste(text),
                    Event::Resize(width, height) => Msg::Resize { width, height },
                    _ => continue,
                }
            }
        };
        if tx.send(msg).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use futures::stream;

    use super::*;

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    async fn messages(events: Vec<io::Result<Event>>) -> Vec<Msg> {
        let (tx, mut rx) = mpsc::unbounded_channel();
        read_input(stream::iter(events), tx).await;
        let mut out = Vec::new();
        while let Ok(msg) = rx.try_recv() {
            out.push(msg);
        }
        out
    }

    #[tokio::test]
    async fn a_read_error_does_not_stop_the_keys() {
        let got = messages(vec![
            Err(io::Error::other("interrupted read")),
            Err(io::Error::from(io::ErrorKind::WouldBlock)),
            Ok(key('q')),
        ])
        .await;
        assert!(
            matches!(got.first(), Some(Msg::Key(k)) if k.code == KeyCode::Char('q')),
            "{got:?}"
        );
    }

    #[tokio::test]
    async fn a_lasting_error_keeps_reading_with_a_pause() {
        let mut events: Vec<io::Result<Event>> = (0..6)
            .map(|_| Err(io::Error::other("still broken")))
            .collect();
        events.push(Ok(key('x')));
        let started = std::time::Instant::now();
        let got = messages(events).await;
        assert!(matches!(got.first(), Some(Msg::Key(_))), "{got:?}");
        assert!(
            started.elapsed() >= Duration::from_millis(10 + 20 + 40 + 80 + 160 + 320),
            "no pause between errors"
        );
    }

    #[tokio::test]
    async fn a_closed_terminal_shuts_the_console_down() {
        let eio = || Err(io::Error::from_raw_os_error(5));
        let got = messages(vec![eio(), eio(), eio(), Ok(key('z'))]).await;
        assert!(matches!(got.as_slice(), [Msg::Shutdown]), "{got:?}");
        let got = messages(vec![Ok(key('a'))]).await;
        assert!(
            matches!(got.as_slice(), [Msg::Key(_), Msg::Shutdown]),
            "the end of input is the end: {got:?}"
        );
    }

    #[test]
    fn pauses_double_up_to_a_second() {
        let pauses: Vec<_> = pauses().take(40).collect();
        assert_eq!(pauses[0], Duration::from_millis(10));
        assert_eq!(pauses[1], Duration::from_millis(20));
        assert_eq!(pauses[39], LONGEST_PAUSE);
    }
}
