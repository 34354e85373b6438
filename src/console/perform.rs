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

pub(super) fn perform(
    effect: Effect,
    client: &ApiClient,
    ringer: Option<&DemoRinger>,
    keeper: &Keeper,
    drafts: Option<&outbox::DraftKeeper>,
    tx: &mpsc::UnboundedSender<Msg>,
) {
    let client = client.clone();
    let tx = tx.clone();
    match effect {
        Effect::Quit => {}
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
        Effect::LoadMyState => {
            tokio::spawn(async move {
                let result = client.my_state().await.map_err(RequestError::from);
                let _ = tx.send(Msg::MyStateLoaded { result });
            });
        }
        Effect::SetMyState { request, why } => {
            tokio::spawn(async move {
                let result = client
                    .set_my_state(&request)
                    .await
                    .map_err(RequestError::from);
                let _ = tx.send(Msg::MyStateSet { why, result });
            });
        }
        Effect::Search { panel, seq, query } => {
            tokio::spawn(async move {
                let result = client
                    .search_travellers(&query)
                    .await
                    .map_err(RequestError::from);
                let _ = tx.send(Msg::SearchAnswered { panel, seq, result });
            });
        }
        Effect::FilterCallers {
            call_id,
            number,
            filter,
            seq,
        } => {
            tokio::spawn(async move {
                let result = client
                    .lookup_caller_matching(&number, &filter)
                    .await
                    .map_err(RequestError::from);
                let _ = tx.send(Msg::CallersFiltered {
                    call_id,
                    seq,
                    result,
                });
            });
        }
        Effect::RefreshTraveller { traveller_id } => {
            tokio::spawn(async move {
                let result = client
                    .traveller(traveller_id)
                    .await
                    .map_err(RequestError::from);
                let _ = tx.send(Msg::TravellerRefreshed {
                    traveller_id,
                    result,
                });
            });
        }
        Effect::FetchOffer { call_id } => {
            tokio::spawn(async move {
                let result = client
                    .ringing_offer(&call_id)
                    .await
                    .map_err(RequestError::from);
                let _ = tx.send(Msg::OfferFetched { call_id, result });
            });
        }
        Effect::LoadCallDetails { call_id } => {
            tokio::spawn(async move {
                let result = client.call(&call_id).await.map_err(RequestError::from);
                let _ = tx.send(Msg::CallDetailsLoaded { call_id, result });
            });
        }
        Effect::LoadTraveller { panel, traveller } => {
            tokio::spawn(async move {
                let result = client
                    .traveller(traveller)
                    .await
                    .map_err(RequestError::from);
                let _ = tx.send(Msg::TravellerLoaded { panel, result });
            });
        }
    }
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
