//! Carrying out what `App::update` asks for: requests to the server,
//! writes through the outbox, drafts to keep, demo rings. Each runs on a
//! task of its own and answers with a `Msg` on the run loop's channel.

use super::{
    app::{Effect, Msg},
    outbox,
    request::{RequestError, Write},
    run::{DemoRinger, Keeper},
};
use crate::client::ApiClient;
use chrono::Utc;
use tokio::sync::mpsc;

/// Why a durable write was refused once the outbox's delivery task is gone.
const OUTBOX_STOPPED: &str = "the outbox has stopped working: restart the console";

/// The agent's sign-out on the way out, waited on (briefly) at the end.
pub(super) type SigningOut =
    tokio::task::JoinHandle<Result<crate::wire::StateAnswer, crate::client::ClientError>>;

/// What the run loop does after an effect.
enum Flow {
    Go,
    SigningOut(SigningOut),
    Quit,
}

/// Carries out effects for the run loop, and keeps what it must know of
/// them: whether the console is to end, and the sign-out under way.
pub(super) struct Performer<'a> {
    pub client: &'a ApiClient,
    pub ringer: Option<&'a DemoRinger>,
    pub keeper: &'a Keeper,
    pub drafts: Option<&'a outbox::DraftKeeper>,
    pub tx: &'a mpsc::UnboundedSender<Msg>,
    pub quit: bool,
    pub signing_out: Option<SigningOut>,
}

impl Performer<'_> {
    pub(super) fn run(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            let flow = perform(
                effect,
                self.client,
                self.ringer,
                self.keeper,
                self.drafts,
                self.tx,
            );
            match flow {
                Flow::Go => {}
                Flow::SigningOut(task) => self.signing_out = Some(task),
                Flow::Quit => self.quit = true,
            }
        }
    }
}

fn perform(
    effect: Effect,
    client: &ApiClient,
    ringer: Option<&DemoRinger>,
    keeper: &Keeper,
    drafts: Option<&outbox::DraftKeeper>,
    tx: &mpsc::UnboundedSender<Msg>,
) -> Flow {
    let client = client.clone();
    let tx = tx.clone();
    match effect {
        Effect::Quit => return Flow::Quit,
        Effect::SignOut(request) => {
            return Flow::SigningOut(tokio::spawn(
                async move { client.set_my_state(&request).await },
            ));
        }
        Effect::NudgeOutbox => {
            if let Ok(keeper) = keeper {
                keeper.nudge();
            }
        }
        Effect::Bell => {
            use std::io::Write as _;
            let mut out = std::io::stdout();
            // The bell is a courtesy: a terminal that cannot ring is no error.
            let _ = out.write_all(b"\x07").and_then(|()| out.flush());
        }
        Effect::RingDemoCall => {
            if let Some(ringer) = ringer {
                let _ = ringer.try_send(());
            }
        }
        Effect::Write(write) if write.request.is_durable() => match keeper {
            Ok(keeper) => {
                if let Err(write) = keeper.keep(write) {
                    let error = RequestError::NotKept(OUTBOX_STOPPED.into());
                    let _ = tx.send(outbox::report(&write, error));
                }
            }
            Err(reason) => {
                let error = RequestError::NotKept(reason.clone());
                let _ = tx.send(outbox::report(&write, error));
            }
        },
        Effect::Write(write) => {
            tokio::spawn(send_write(client, write, tx));
        }
        Effect::Ask { from, ask } => {
            tokio::spawn(async move {
                let answer = ask.run(&client).await;
                let _ = tx.send(Msg::Answered { to: from, answer });
            });
        }
        // Without an outbox file there are no drafts (said at start).
        Effect::SaveDraft {
            traveller_id,
            kind,
            text,
        } => {
            if let Some(drafts) = drafts {
                drafts.save(traveller_id, kind, text);
            }
        }
        Effect::DiscardDraft {
            traveller_id,
            kind,
            after,
        } => {
            if let Some(drafts) = drafts {
                drafts.discard(traveller_id, kind, after);
            }
        }
        Effect::LoadDraft { traveller_id, kind } => {
            if let Some(drafts) = drafts {
                drafts.load(traveller_id, kind);
            }
        }
        Effect::WakeIn(after) => {
            tokio::spawn(async move {
                tokio::time::sleep(after).await;
                let _ = tx.send(Msg::Tick(Utc::now()));
            });
        }
    }
    Flow::Go
}

/// Sends one write with its idempotency key and reports how it went.
async fn send_write(client: ApiClient, write: Write, tx: mpsc::UnboundedSender<Msg>) {
    let msg = match outbox::send(&client, &write).await {
        Ok(Some(msg)) => msg,
        Ok(None) => return,
        Err(e) => outbox::report(&write, RequestError::from(e)),
    };
    let _ = tx.send(msg);
}
