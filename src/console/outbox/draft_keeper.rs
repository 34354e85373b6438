//! The task that keeps drafts in the outbox file, off the UI thread. One
//! task, taking its commands in order, so a draft thrown away is never
//! brought back by a save that was sent before it.

use std::time::Duration;

use tokio::{sync::mpsc, task::JoinHandle};

use super::{Draft, DraftKind, Outbox, OutboxError};
use crate::console::{
    app::Msg,
    request::{IdempotencyKey, RequestError},
};

/// How long a draft waits for the write that replaces it to be kept in
/// the outbox before it goes anyway (the write may have been kept, sent
/// and removed between two looks).
const WAIT_FOR_WRITE: Duration = Duration::from_secs(1);
const LOOK_EVERY: Duration = Duration::from_millis(20);

#[derive(Debug)]
enum Command {
    Save {
        traveller_id: i64,
        kind: DraftKind,
        text: String,
    },
    Discard {
        traveller_id: i64,
        kind: DraftKind,
        after: Option<IdempotencyKey>,
    },
    Load {
        traveller_id: i64,
        kind: DraftKind,
    },
}

/// Hands draft work to the task. Dropping every handle ends the task
/// once it has done what it was given.
#[derive(Clone)]
pub struct DraftKeeper {
    commands: mpsc::UnboundedSender<Command>,
}

impl DraftKeeper {
    pub fn save(&self, traveller_id: i64, kind: DraftKind, text: String) {
        let _ = self.commands.send(Command::Save {
            traveller_id,
            kind,
            text,
        });
    }

    /// Throws the draft away; with `after`, once that write is in the
    /// outbox.
    pub fn discard(&self, traveller_id: i64, kind: DraftKind, after: Option<IdempotencyKey>) {
        let _ = self.commands.send(Command::Discard {
            traveller_id,
            kind,
            after,
        });
    }

    /// Looks the draft up; the answer comes as `Msg::DraftFound`.
    pub fn load(&self, traveller_id: i64, kind: DraftKind) {
        let _ = self.commands.send(Command::Load { traveller_id, kind });
    }
}

/// Starts keeping `user`'s drafts in `outbox`.
pub fn spawn_draft_keeper(
    outbox: Outbox,
    user: String,
    msgs: mpsc::UnboundedSender<Msg>,
) -> (DraftKeeper, JoinHandle<()>) {
    let (commands, mut rx) = mpsc::unbounded_channel();
    let task = tokio::spawn(async move {
        // Said once until drafts work again, not once a second.
        let mut told = false;
        while let Some(command) = rx.recv().await {
            match run(&outbox, &user, command, &msgs).await {
                Ok(()) => told = false,
                Err(e) => {
                    tracing::warn!(error = %e, "draft");
                    if !told {
                        told = true;
                        let _ = msgs.send(Msg::Failed {
                            doing: "the draft was not kept".into(),
                            error: RequestError::NotKept(e.to_string()),
                        });
                    }
                }
            }
        }
    });
    (DraftKeeper { commands }, task)
}

async fn run(
    outbox: &Outbox,
    user: &str,
    command: Command,
    msgs: &mpsc::UnboundedSender<Msg>,
) -> Result<(), OutboxError> {
    match command {
        Command::Save {
            traveller_id,
            kind,
            text,
        } => outbox.save_draft(user, traveller_id, kind, &text).await,
        Command::Discard {
            traveller_id,
            kind,
            after,
        } => {
            if let Some(key) = after {
                wait_until_kept(outbox, &key).await?;
            }
            outbox.discard_draft(user, traveller_id, kind).await
        }
        Command::Load { traveller_id, kind } => {
            let found = outbox.take_draft(user, traveller_id, kind).await;
            let result: Result<Option<Draft>, RequestError> = match found {
                Ok(draft) => Ok(draft),
                Err(e) => Err(RequestError::NotKept(e.to_string())),
            };
            let _ = msgs.send(Msg::DraftFound {
                traveller_id,
                kind,
                result,
            });
            Ok(())
        }
    }
}

/// Waits (a second at most) until the write `key` is in the outbox.
async fn wait_until_kept(outbox: &Outbox, key: &IdempotencyKey) -> Result<(), OutboxError> {
    let deadline = tokio::time::Instant::now() + WAIT_FOR_WRITE;
    while tokio::time::Instant::now() < deadline {
        let kept: Option<i64> =
            sqlx::query_scalar("SELECT seq FROM outbox WHERE idempotency_key = ?")
                .bind(key.as_str())
                .fetch_optional(outbox.pool())
                .await?;
        if kept.is_some() {
            return Ok(());
        }
        tokio::time::sleep(LOOK_EVERY).await;
    }
    Ok(())
}
