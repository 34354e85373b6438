//! Sends the outbox's writes, oldest first, one at a time, until each is
//! taken or refused for good. A network error, a timeout (408), too many
//! requests (429) or a server error (5xx) leaves the write where it is and
//! tries again after a growing pause; any other refusal removes it and
//! tells the agent why.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};
use tokio::{sync::mpsc, task::JoinHandle};

use super::{
    Outbox, OutboxError,
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
    match error {
        ClientError::Network(_) => true,
        ClientError::Api { status, .. } => matches!(status, 408 | 429 | 500..),
        ClientError::Decode(_) | ClientError::BadUrl(_) => false,
    }
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
    pub fn keep(&self, write: Write) {
        let _ = self.commands.send(Command::Keep(write));
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

struct Worker {
    outbox: Outbox,
    client: ApiClient,
    user: String,
    msgs: mpsc::UnboundedSender<Msg>,
}

fn pauses() -> impl Iterator<Item = Duration> {
    ExponentialBuilder::default()
        .with_min_delay(Duration::from_millis(200))
        .with_max_delay(MAX_PAUSE)
        .without_max_times()
        .with_jitter()
        .build()
}

impl Worker {
    async fn run(self, mut commands: mpsc::UnboundedReceiver<Command>) {
        let mut pause = pauses();
        self.tell_count().await;
        loop {
            let next = match self.outbox.next(&self.user).await {
                Ok(next) => next,
                Err(e) => {
                    self.tell_broken(&e);
                    None
                }
            };
            let Some(queued) = next else {
                match commands.recv().await {
                    Some(command) => {
                        self.obey(command).await;
                        continue;
                    }
                    None => return,
                }
            };
            let settled = match deliver_one(&self.client, &queued.write).await {
                Delivered::Done(msg) => self.settle(&queued.write, msg).await,
                Delivered::Refused(msg) => self.settle(&queued.write, Some(msg)).await,
                Delivered::Retry(why) => {
                    tracing::info!(key = queued.write.key.as_str(), why, "write kept to retry");
                    if let Err(e) = self.outbox.note_attempt(&queued.write.key, &why).await {
                        self.tell_broken(&e);
                    }
                    false
                }
            };
            if settled {
                pause = pauses();
            } else {
                // Not sent, or sent but not removed (sent again after the
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
    }

    async fn obey(&self, command: Command) {
        match command {
            Command::Keep(write) => {
                if let Err(e) = self.outbox.keep(&self.user, &write).await {
                    let _ = self
                        .msgs
                        .send(report(&write, RequestError::NotKept(e.to_string())));
                }
                self.tell_count().await;
            }
            Command::Nudge => {}
        }
    }

    /// The write left the outbox: remove it, then tell the screen. Whether
    /// it could be removed.
    async fn settle(&self, write: &Write, msg: Option<Msg>) -> bool {
        let removed = self.outbox.remove(&write.key).await;
        if let Some(msg) = msg {
            let _ = self.msgs.send(msg);
        }
        match removed {
            Ok(()) => {
                self.tell_count().await;
                true
            }
            Err(e) => {
                self.tell_broken(&e);
                false
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
