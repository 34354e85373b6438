//! Sends the outbox's writes until each is taken or refused for good, a
//! round at a time: the oldest write of each lane (`lanes.rs`: a traveller,
//! a complaint, a call) goes, several at once, so that writes on different
//! travellers do not wait for each other's answers while each traveller's
//! writes still arrive in the order they were made; the round's outcomes
//! are then written to the outbox in one transaction and told to the
//! screen in the order the writes were made. A network error, a timeout
//! (408), too many requests (429) or a server error (5xx) leaves the write
//! where it is and tries again after a growing pause; any other refusal
//! removes it and tells the agent why. The idempotency key makes a write
//! sent again (its answer lost, the console closed before the round was
//! written down) change nothing twice.

use std::time::Duration;

use crate::retry::BackoffBuilder;
use futures::{StreamExt, stream};
use tokio::{sync::mpsc, task::JoinHandle};

use super::{
    Outbox, OutboxError, Queued,
    lanes::heads_of_lanes,
    send::{report, send},
};
use crate::{
    client::{ApiClient, ClientError},
    console::{
        app::Msg,
        request::{RequestError, Write},
    },
};

/// The longest pause between two attempts: the server coming back is
/// noticed within this, or at once when the event stream reconnects.
const MAX_PAUSE: Duration = Duration::from_secs(3);

/// Writes read from the file to pick a round from: lanes further back
/// than this wait for a later round.
const WINDOW: usize = 512;
/// Writes settled per round (one transaction in the outbox file).
const ROUND: usize = 64;
/// Writes on their way to the server at once: enough to keep the server
/// busy while answers travel back, few enough not to crowd its pool.
const IN_FLIGHT: usize = 8;

/// What one attempt at sending a write came to.
#[derive(Debug)]
pub enum Delivered {
    /// The server took it (or had taken it: a replay of the same key);
    /// with what to tell the screen.
    Done(Option<Msg>),
    /// The server refused it for good; with the report for the agent.
    Refused(Msg),
    /// Not this time; why.
    Retry(String),
}

/// Whether a failure may go away by itself.
fn worth_retrying(error: &ClientError) -> bool {
    error.may_pass()
}

/// Sends `write` once.
pub async fn deliver_one(client: &ApiClient, write: &Write) -> Delivered {
    match send(client, write).await {
        Ok(msg) => Delivered::Done(msg),
        Err(e) if worth_retrying(&e) => Delivered::Retry(e.to_string()),
        Err(e) => Delivered::Refused(report(write, RequestError::from(e))),
    }
}

enum Command {
    Keep(Write),
    /// The server is reachable again: try now rather than after the pause.
    Nudge,
}

/// Hands writes to the delivery task. Dropping every handle ends it; what
/// was not delivered stays in the file for the next start.
#[derive(Clone)]
pub struct OutboxHandle {
    commands: mpsc::UnboundedSender<Command>,
}

impl OutboxHandle {
    /// Keeps `write` in the outbox, then sends it after those before it.
    /// A delivery task that has stopped hands the write back: it was not
    /// kept, and the agent must be told.
    pub fn keep(&self, write: Write) -> Result<(), Box<Write>> {
        let Err(mpsc::error::SendError(refused)) = self.commands.send(Command::Keep(write)) else {
            return Ok(());
        };
        match refused {
            Command::Keep(write) => Err(Box::new(write)),
            Command::Nudge => Ok(()),
        }
    }

    /// Tries the oldest waiting write now.
    pub fn nudge(&self) {
        let _ = self.commands.send(Command::Nudge);
    }
}

/// Starts delivering `user`'s writes from `outbox` (those left from
/// before first); reports outcomes and the count waiting on `msgs`.
/// Another user's writes in the same file are never sent.
pub fn spawn_delivery(
    outbox: Outbox,
    client: ApiClient,
    user: String,
    msgs: mpsc::UnboundedSender<Msg>,
) -> (OutboxHandle, JoinHandle<()>) {
    let (commands, rx) = mpsc::unbounded_channel();
    let worker = Worker {
        outbox,
        client,
        user,
        msgs,
    };
    let task = tokio::spawn(worker.run(rx));
    (OutboxHandle { commands }, task)
}

/// What a round came to.
struct Progress {
    /// Some write left the outbox: the server answers; pauses start short.
    settled_any: bool,
    /// Every write of the round left: the next round goes at once.
    all_settled: bool,
}

struct Worker {
    outbox: Outbox,
    client: ApiClient,
    user: String,
    msgs: mpsc::UnboundedSender<Msg>,
}

fn pauses() -> impl Iterator<Item = Duration> {
    crate::retry::pauses(Duration::from_millis(200), MAX_PAUSE).build()
}

impl Worker {
    async fn run(self, mut commands: mpsc::UnboundedReceiver<Command>) {
        let mut pause = pauses();
        let mut open = true;
        self.tell_count().await;
        loop {
            let round = match self.outbox.oldest(&self.user, WINDOW).await {
                Ok(oldest) => heads_of_lanes(oldest, ROUND),
                Err(e) => {
                    self.tell_broken(&e);
                    Vec::new()
                }
            };
            if round.is_empty() {
                match commands.recv().await {
                    Some(command) => {
                        self.obey(command).await;
                        continue;
                    }
                    None => return,
                }
            }
            // New writes are kept while the round is on the wire.
            let sending = self.send_round(round);
            tokio::pin!(sending);
            let outcomes = loop {
                tokio::select! {
                    outcomes = &mut sending => break outcomes,
                    command = commands.recv(), if open => match command {
                        Some(command) => self.obey(command).await,
                        // Every handle dropped: finish the round first.
                        None => open = false,
                    },
                }
            };
            let progress = self.settle(outcomes).await;
            if progress.settled_any {
                pause = pauses();
            }
            if progress.all_settled {
                continue;
            }
            // Nobody keeps writes any more: what is left waits in the
            // file for the next start rather than for the pause.
            if !open {
                return;
            }
            // Not sent, or sent but not written down (sent again after the
            // pause, harmless with its key): never in a tight loop.
            let wait = tokio::time::sleep(pause.next().unwrap_or(MAX_PAUSE));
            tokio::pin!(wait);
            // New writes are kept during the pause; a nudge ends it.
            loop {
                tokio::select! {
                    () = &mut wait => break,
                    command = commands.recv() => match command {
                        Some(Command::Nudge) => break,
                        Some(command) => self.obey(command).await,
                        None => return,
                    },
                }
            }
        }
    }

    /// Sends `round`, `IN_FLIGHT` at a time; the outcomes in its order.
    async fn send_round(&self, round: Vec<Queued>) -> Vec<(Queued, Delivered)> {
        stream::iter(round)
            .map(|queued| async move {
                let outcome = deliver_one(&self.client, &queued.write).await;
                (queued, outcome)
            })
            .buffered(IN_FLIGHT)
            .collect()
            .await
    }

    async fn obey(&self, command: Command) {
        match command {
            Command::Keep(write) => {
                let kept = match self.outbox.keep(&self.user, &write).await {
                    Ok(()) => Msg::WriteKept { key: write.key },
                    Err(e) => report(&write, RequestError::NotKept(e.to_string())),
                };
                let _ = self.msgs.send(kept);
                self.tell_count().await;
            }
            Command::Nudge => {}
        }
    }

    /// Writes the round's outcomes to the outbox (delivered and refused
    /// writes leave it, the others note the attempt), then tells the
    /// screen, in the order the writes were made.
    async fn settle(&self, outcomes: Vec<(Queued, Delivered)>) -> Progress {
        let mut gone = Vec::new();
        let mut retried = Vec::new();
        let mut told = Vec::new();
        for (queued, outcome) in outcomes {
            let key = queued.write.key;
            match outcome {
                Delivered::Done(msg) => {
                    gone.push(key);
                    told.extend(msg);
                }
                Delivered::Refused(msg) => {
                    gone.push(key);
                    told.push(msg);
                }
                Delivered::Retry(why) => {
                    tracing::info!(key = key.as_str(), why, "write kept to retry");
                    retried.push((key, why));
                }
            }
        }
        let gone_keys: Vec<_> = gone.iter().collect();
        let retried_keys: Vec<_> = retried.iter().map(|(k, why)| (k, why.as_str())).collect();
        let written = self.outbox.settle(&gone_keys, &retried_keys).await;
        for msg in told {
            let _ = self.msgs.send(msg);
        }
        match written {
            Ok(()) => {
                self.tell_count().await;
                Progress {
                    settled_any: !gone.is_empty(),
                    all_settled: retried.is_empty(),
                }
            }
            Err(e) => {
                self.tell_broken(&e);
                Progress {
                    settled_any: false,
                    all_settled: false,
                }
            }
        }
    }

    async fn tell_count(&self) {
        match self.outbox.count(&self.user).await {
            Ok(n) => {
                let _ = self.msgs.send(Msg::OutboxPending(n));
            }
            Err(e) => self.tell_broken(&e),
        }
    }

    fn tell_broken(&self, error: &OutboxError) {
        tracing::warn!(error = %error, "outbox");
        let _ = self.msgs.send(Msg::Failed {
            doing: "outbox".into(),
            error: RequestError::NotKept(error.to_string()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::request::WriteRequest;

    #[test]
    fn only_failures_that_can_pass_by_themselves_are_retried() {
        let api = |status| ClientError::Api {
            status,
            detail: "why".into(),
        };
        for status in [408, 429, 500, 502, 503, 504] {
            assert!(worth_retrying(&api(status)), "{status}");
        }
        for status in [400, 401, 403, 404, 409, 412, 413, 422, 428] {
            assert!(!worth_retrying(&api(status)), "{status}");
        }
        assert!(worth_retrying(&ClientError::Network("refused".into())));
        assert!(!worth_retrying(&ClientError::Decode("junk".into())));
    }

    #[test]
    fn call_control_is_sent_at_once_and_record_changes_are_kept() {
        let add = WriteRequest::AddPhone {
            traveller_id: 1,
            e164: crate::domain::E164::parse_exact("+8613800138000").expect("a valid number"),
            version: 1,
        };
        assert!(add.is_durable());
        assert!(
            !WriteRequest::Answer {
                call_id: "c".into()
            }
            .is_durable()
        );
        assert!(
            !WriteRequest::HangUp {
                call_id: "c".into()
            }
            .is_durable()
        );
        // What the outbox file holds reads back as the same write.
        let stored = serde_json::to_string(&add).expect("serialised");
        assert_eq!(
            stored,
            r#"{"kind":"add_phone","traveller_id":1,"e164":"+8613800138000","version":1}"#
        );
        assert_eq!(
            serde_json::from_str::<WriteRequest>(&stored).expect("read back"),
            add
        );
    }
}
